"""Score candidate events against a gold folder laid out like eval/gold.

A candidate matches a gold event of its document and type when their spans overlap (the gold span
is where `evidence` occurs), or, failing that, when both state the same quantity values. Pairs are
taken greedily, largest overlap first, one to one. A candidate that would match an event already
taken is a duplicate (the gold set annotates an event once even when several sentences describe
it), not a false positive. A candidate left over that overlaps a negative span is listed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from truce.extract.model import Article
from truce.extract.name_match import same_name
from truce.extract.readers.source import parse_published

Record = Mapping[str, Any]
TABLE_COLUMNS = ("name", "tp", "fp", "fn", "dup", "P", "R", "F1", "acc")


@dataclass
class Score:
    """Counts for one row. Nothing to find and nothing claimed is a perfect score, not 0/0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    duplicates: int = 0
    pairs: int = 0
    agreed: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.agreed / self.pairs if self.pairs else 1.0

    def as_dict(self) -> dict[str, float | int]:
        counts = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "duplicates": self.duplicates}
        rates = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {
            **counts,
            "pairs": self.pairs,
            **{k: round(v, 4) for k, v in rates.items()},
            "accuracy": round(self.accuracy, 4),
        }


@dataclass
class EvalReport:
    events: dict[str, Score] = field(default_factory=dict)
    fields: dict[str, Score] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    negative_hits: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    # Matched (gold, candidate) pairs, for scores a caller computes over them (not printed).
    pairs: list[tuple[Record, Record]] = field(default_factory=list, repr=False)

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.events.values():
            total.tp, total.fp = total.tp + score.tp, total.fp + score.fp
            total.fn, total.duplicates = total.fn + score.fn, total.duplicates + score.duplicates
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "overall": self.overall.as_dict(),
            "events": {name: score.as_dict() for name, score in sorted(self.events.items())},
            "fields": {name: score.as_dict() for name, score in self.fields.items()},
            "missed": list(self.missed),
            "false_positives": list(self.false_positives),
            "negative_hits": list(self.negative_hits),
        }

    def table(self) -> list[list[str]]:
        """Rows under TABLE_COLUMNS: one per event type, the overall row, then one per field."""
        rows = [_row(name, s, events=True) for name, s in sorted(self.events.items())]
        rows.append(_row("all events", self.overall, events=True))
        rows += [_row(f"field: {name}", s, events=False) for name, s in self.fields.items()]
        return rows


def _row(name: str, s: Score, *, events: bool) -> list[str]:
    counts = [str(s.tp), str(s.fp), str(s.fn), str(s.duplicates) if events else ""]
    rates = [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
    return [name, *counts, *rates, "" if events else f"{s.accuracy:.3f}"]


# Field comparisons over matched pairs: each gives the gold and predicted items of one field.
def _qty(record: Record, with_unit: bool) -> set[tuple[Any, ...]]:
    out: set[tuple[Any, ...]] = set()
    for q in record.get("quantities") or []:
        value = float(q.get("value"))
        out.add((value, q.get("unit"), q.get("qualifier")) if with_unit else (value,))
    return out


def _scalar(getter: Callable[[Record], Any]) -> Callable[[Record], set[Any]]:
    def items(record: Record) -> set[Any]:
        value = getter(record)
        if isinstance(value, str):
            value = " ".join(value.split()).casefold()
        return set() if value in (None, "", False) else {value}

    return items


def _source(key: str) -> Callable[[Record], Any]:
    return lambda record: (record.get("source") or {}).get(key)


FIELDS: dict[str, Callable[[Record], set[Any]]] = {
    "quantities": lambda r: _qty(r, with_unit=True),
    "quantity values": lambda r: _qty(r, with_unit=False),
    "date": _scalar(lambda r: (r.get("date") or "")[:10]),  # the calendar day, not the clock
    "date_precision": _scalar(lambda r: r.get("date_precision")),
    "actor": _scalar(lambda r: r.get("actor")),
    "participants": lambda r: set(r.get("participants") or []),
    "source.speaker": _scalar(_source("speaker")),
    "source.anonymous": _scalar(_source("anonymous")),
    "source.via": _scalar(_source("via")),
    "modality": _scalar(lambda r: r.get("modality")),
}


def evaluate_extraction(
    gold_dir: Path,
    candidates_by_document: Mapping[str, list[dict[str, Any]]],
    *,
    split: str | None = None,
) -> EvalReport:
    """Score candidates (jsonl-contract dicts keyed by document file name) against the gold."""
    texts = _gold_texts(gold_dir, split)
    gold = [g for g in _jsonl(gold_dir / "annotations.jsonl") if g["document"] in texts]
    negatives = [n for n in _jsonl(gold_dir / "negatives.jsonl") if n["document"] in texts]
    report = EvalReport(fields={name: Score() for name in FIELDS}, documents=len(texts))
    for document, text in texts.items():
        found = candidates_by_document.get(document)
        if found is None:
            found = candidates_by_document.get(document.removesuffix(".txt"), [])
        golds = [(g, _find(text, g["evidence"])) for g in gold if g["document"] == document]
        negs = [(n, _find(text, n["text"])) for n in negatives if n["document"] == document]
        score_document(report, golds, found, negs)
    return report


def score_document(
    report: EvalReport,
    golds: Sequence[tuple[Record, tuple[int, int]]],
    found: Sequence[Record],
    negatives: Sequence[tuple[Record, tuple[int, int]]],
) -> None:
    """Add one document's gold events and candidates (each gold with its span) to `report`."""
    for kind in sorted({g["type"] for g, _ in golds} | {c.get("type", "") for c in found}):
        mine = [(g, span) for g, span in golds if g["type"] == kind]
        _score_type(report, kind, mine, [c for c in found if c.get("type", "") == kind], negatives)


def evaluate_gold(
    gold_dir: Path,
    extract_fn: Callable[[Article], list[dict[str, Any]]],
    split: str | None = None,
) -> EvalReport:
    """Run `extract_fn` on every gold document (of `split`, if given) and score what it finds."""
    found: dict[str, list[dict[str, Any]]] = {}
    for document, text in _gold_texts(gold_dir, split).items():
        found[document] = list(extract_fn(gold_article(gold_dir, document, text)))
    return evaluate_extraction(gold_dir, found, split=split)


def _score_type(
    report: EvalReport,
    kind: str,
    golds: Sequence[tuple[Record, tuple[int, int]]],
    found: Sequence[Record],
    negatives: Sequence[tuple[Record, tuple[int, int]]],
) -> None:
    score = report.events.setdefault(kind, Score())
    ranked = []
    for ci, candidate in enumerate(found):
        span = _span(candidate)
        for gi, (g, gspan) in enumerate(golds):
            overlap = _overlap(span, gspan) if span else 0
            if overlap or (_qty(g, False) and _qty(g, False) == _qty(candidate, False)):
                union = max(span[1], gspan[1]) - min(span[0], gspan[0]) if span else 1
                # Two events can share one evidence (an exchange): the fields break the tie.
                agree = sum(_agree(f, g, candidate) for f in ("actor", "quantities"))
                ranked.append((-overlap, -overlap / union, -agree, ci, gi))
    taken_c: dict[int, int] = {}
    taken_g: set[int] = set()
    eligible: set[int] = set()
    for *_, ci, gi in sorted(ranked):
        eligible.add(ci)
        if ci not in taken_c and gi not in taken_g:
            taken_c[ci] = gi
            taken_g.add(gi)
    for ci, gi in taken_c.items():
        _score_fields(report.fields, golds[gi][0], found[ci])
        report.pairs.append((golds[gi][0], found[ci]))
    score.tp += len(taken_c)
    score.fn += len(golds) - len(taken_g)
    report.missed += [g["id"] for gi, (g, _) in enumerate(golds) if gi not in taken_g]
    for ci, candidate in enumerate(found):
        if ci in taken_c:
            continue
        span = _span(candidate)
        hit = next((n for n, ns in negatives if span and _overlap(span, ns)), None)
        if ci in eligible and hit is None:
            score.duplicates += 1
            continue
        score.fp += 1
        entry = {"document": candidate.get("document"), "type": kind, "span": span}
        report.false_positives.append(entry)
        if hit is not None:
            report.negative_hits.append({**entry, "negative": hit["text"], "why": hit["reason"]})


# Fields that hold a name: an acronym and the name it shortens are one (`name_match`).
NAME_FIELDS = {
    "actor": lambda r: r.get("actor"),
    "source.speaker": _source("speaker"),
    "source.via": _source("via"),
}


def _items(name: str, gold: Record, candidate: Record) -> tuple[set[Any], set[Any]]:
    """The gold and candidate items of one field; a candidate name that is the gold's under
    another spelling (its acronym, or spelled out) counts as the gold's."""
    expected, got = FIELDS[name](gold), FIELDS[name](candidate)
    names = NAME_FIELDS.get(name)
    one_each = expected != got and len(expected) == len(got) == 1
    if names and one_each and same_name(names(gold), names(candidate)):
        got = expected
    return expected, got


def _agree(name: str, gold: Record, candidate: Record) -> bool:
    expected, got = _items(name, gold, candidate)
    return expected == got


def _score_fields(fields: dict[str, Score], gold: Record, candidate: Record) -> None:
    for name in FIELDS:
        expected, got = _items(name, gold, candidate)
        score = fields[name]
        score.pairs += 1
        score.agreed += expected == got
        score.tp += len(expected & got)
        score.fp += len(got - expected)
        score.fn += len(expected - got)


def _span(candidate: Record) -> tuple[int, int] | None:
    span = candidate.get("span")
    return (int(span[0]), int(span[1])) if span and len(span) == 2 else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _find(text: str, evidence: str) -> tuple[int, int]:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else (-1, -1)


def _gold_texts(gold_dir: Path, split: str | None) -> dict[str, str]:
    texts = {}
    for path in sorted((gold_dir / "documents").glob("*.txt")):
        if split is None or _meta(gold_dir, path.name).get("split") == split:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def gold_article(gold_dir: Path, document: str, text: str) -> Article:
    """A gold document as the extractor reads it: its text with its meta's URL, publication
    date, outlet and title."""
    meta = _meta(gold_dir, document)
    return Article(
        text=text,
        document=document,
        url=meta.get("url"),
        published=parse_published(meta.get("published")),
        outlet=meta.get("outlet"),
        title=meta.get("title"),
    )


def _meta(gold_dir: Path, document: str) -> dict[str, Any]:
    path = gold_dir / "documents" / (document.removesuffix(".txt") + ".meta.json")
    meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return meta


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]

"""Score the extractor on the real-report set (eval/real): texts that are fetched, not committed.

The layout is `reports/<id>.meta.json`, `annotations/<id>.jsonl`, `negatives/<id>.jsonl` and
the git-ignored `texts/<id>.txt`. A report is scored only when its text is present and its
SHA-256 is the one in its meta: a text that changed would move every span. Missing and changed
texts are listed, not scored. Matching and event scores are eval/gold's (`evaluate.py`); on top
of them this module counts, over matched pairs, dates right (the calendar day, both empty
counting as agreement), attribution right (speaker, anonymous and via all agree) and places
resolved (only where the gold names a place).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from truce.errors import TruceError
from truce.extract.evaluate import FIELDS, EvalReport, Record, Score, score_document
from truce.extract.model import Article
from truce.extract.name_match import same_name
from truce.extract.readers.source import parse_published

SPLITS = ("dev", "test")
FETCH_HINT = (
    "fetch it as eval/real/README.md says ('Fetching a missing text'): search the pages corpus "
    "with the meta's fetch.query and save the excerpt whose url matches to texts/<id>.txt"
)


class BadSplit(TruceError):
    code = "X653"
    default_hint = "use --split dev, test or all"


class EvalSetError(TruceError):
    """An evaluation folder that cannot be scored."""

    code = "X650"
    default_hint = "give a folder laid out like eval/gold or eval/real (see their README.md)"


class NoTextsPresent(EvalSetError):
    code = "X651"
    default_hint = FETCH_HINT


class MalformedSetFile(EvalSetError):
    code = "X652"
    default_hint = "fix the file: one JSON object per line, as eval/real/README.md describes"


@dataclass(frozen=True)
class RealReport:
    """One report's meta and, when fetched and unchanged, its text."""

    meta: dict[str, Any]
    text: str | None = None
    actual_sha256: str | None = None  # set when a text is present

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    @property
    def split(self) -> str:
        return str(self.meta.get("split") or "")

    @property
    def scorable(self) -> bool:
        return self.text is not None and self.actual_sha256 == self.meta.get("sha256")


@dataclass
class RealEval:
    """Per split: the event and field scores, and the three accuracies the targets name."""

    reports: list[RealReport]
    splits: dict[str, EvalReport] = field(default_factory=dict)
    negative_spans: dict[str, int] = field(default_factory=dict)

    @property
    def missing(self) -> list[RealReport]:
        return [r for r in self.reports if r.text is None]

    @property
    def mismatched(self) -> list[RealReport]:
        return [r for r in self.reports if r.text is not None and not r.scorable]

    def accuracies(self, split: str) -> dict[str, Score]:
        pairs = self.splits[split].pairs
        out = {"dates right": Score(), "attribution right": Score(), "places resolved": Score()}
        for gold, found in pairs:
            _tally(out["dates right"], _day(gold) == _day(found))
            _tally(out["attribution right"], attribution_agrees(gold, found))
            if gold.get("place"):
                _tally(out["places resolved"], _place_right(gold, found))
        return out

    def negatives(self, split: str) -> tuple[int, int]:
        """(negative spans some candidate hit, negative spans) in the split's scored reports."""
        report = self.splits[split]
        hit = {(h["document"], h["negative"]) for h in report.negative_hits}
        return len(hit), self.negative_spans[split]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "missing": [{"id": r.id, "url": r.meta.get("url")} for r in self.missing],
            "mismatched": [r.id for r in self.mismatched],
            "splits": {},
        }
        for name, report in self.splits.items():
            hit, total = self.negatives(name)
            accuracy = {k: _accuracy(s) for k, s in self.accuracies(name).items()}
            negatives = {"hit": hit, "total": total}
            entry = report.as_dict() | {"accuracy": accuracy, "negatives": negatives}
            out["splits"][name] = entry
        return out


def _tally(score: Score, right: bool) -> None:
    score.pairs += 1
    score.agreed += right


def _accuracy(score: Score) -> dict[str, float | int]:
    return {"right": score.agreed, "of": score.pairs, "accuracy": round(score.accuracy, 4)}


def _norm(value: Any) -> Any:
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


def _day(record: Record) -> str | None:
    return (record.get("date") or "")[:10] or None


def attribution_agrees(gold: Record, found: Record) -> bool:
    """Speaker, anonymity and "via" all agree; a name and its acronym are one name."""
    gs, fs = gold.get("source") or {}, found.get("source") or {}
    if bool(gs.get("anonymous")) != bool(fs.get("anonymous")):
        return False
    return all(same_name(gs.get(k), fs.get(k)) for k in ("speaker", "via"))


def _place_right(gold: Record, found: Record) -> bool:
    place = gold.get("place") or {}
    names = {_norm(place.get("name")), _norm(gold.get("location"))} - {None, ""}
    got = found.get("place") or {}
    if got.get("country") and got.get("country") == place.get("country") and got.get("name"):
        if _norm(got.get("name")) in names:
            return True
        # The gazetteer's standard name ("Al Ḩudaydah") stands for every spelling of it the
        # gold may keep ("Hodeida port", "Hudaydah"): the gold place resolved the same way.
        from truce.extract.places_resolve import resolve

        country = [place["country"]]
        gold_names = [place.get("name"), gold.get("location")]
        standard = (resolve(n, country) for n in gold_names if isinstance(n, str))
        if any(s and (s.name, s.country) == (got["name"], got["country"]) for s in standard):
            return True
    return _norm(found.get("location")) in names


def is_real_layout(folder: Path) -> bool:
    return (folder / "reports").is_dir()


def load_real_set(folder: Path) -> list[RealReport]:
    """Every report's meta, with its text when the text file exists (hash checked later)."""
    if not folder.is_dir():
        raise EvalSetError(f"{folder} is not a folder")
    metas = sorted((folder / "reports").glob("*.meta.json"))
    if not metas:
        raise EvalSetError(f"{folder}/reports holds no <id>.meta.json")
    reports = []
    for path in metas:
        meta = _json(path)
        meta.setdefault("id", path.name.removesuffix(".meta.json"))
        text_path = folder / "texts" / f"{meta['id']}.txt"
        if not text_path.is_file():
            reports.append(RealReport(meta))
            continue
        raw = text_path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        reports.append(RealReport(meta, raw.decode("utf-8", errors="replace"), digest))
    return reports


def evaluate_real(
    folder: Path,
    extract_fn: Callable[[Article], list[dict[str, Any]]],
    splits: tuple[str, ...] = SPLITS,
) -> RealEval:
    """Run `extract_fn` on each present, unchanged text; score per split ("all": every report)."""
    result = RealEval(load_real_set(folder))
    if not any(r.scorable for r in result.reports):
        present = len(result.reports) - len(result.missing)
        raise NoTextsPresent(
            f"none of the {len(result.reports)} reports in {folder} has a text to score "
            f"({present} present, {len(result.mismatched)} with a changed hash)"
        )
    found: dict[str, list[dict[str, Any]]] = {}
    for split in splits:
        report = EvalReport(fields={name: Score() for name in FIELDS})
        total = 0
        for real in result.reports:
            if not real.scorable or split not in ("all", real.split):
                continue
            if real.id not in found:
                found[real.id] = list(extract_fn(_article(real)))
            total += score_real(report, folder, real.id, found[real.id])
            report.documents += 1
        result.splits[split] = report
        result.negative_spans[split] = total
    return result


def score_real(
    report: EvalReport, folder: Path, report_id: str, found: list[dict[str, Any]]
) -> int:
    """Score one report's candidates against its gold events and negative spans into `report`;
    the number of negative spans it has."""
    golds = _jsonl(folder / "annotations" / f"{report_id}.jsonl")
    negatives = _jsonl(folder / "negatives" / f"{report_id}.jsonl")
    score_document(
        report,
        [(g, _pair(g["span"])) for g in golds],
        found,
        [(n, _pair(n["span"])) for n in negatives],
    )
    return len(negatives)


def _article(real: RealReport) -> Article:
    meta = real.meta
    return Article(
        text=real.text or "",
        document=real.id,
        url=meta.get("url"),
        published=parse_published(meta.get("published")),
        outlet=meta.get("outlet"),
        title=meta.get("title"),
    )


def _pair(span: Any) -> tuple[int, int]:
    return (int(span[0]), int(span[1]))


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MalformedSetFile(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise MalformedSetFile(f"{path}: not a JSON object")
    return data


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except ValueError as exc:
            raise MalformedSetFile(f"{path}:{number}: {exc}") from None
    return out

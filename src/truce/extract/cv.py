"""Judge the extraction rules by cross-validation over reports.

    .venv/bin/python -m truce.extract.cv eval/real --split dev [--folds 5] [--by story|conflict]
        [--rules all|kinds|NAME,...] [--json]

The rules are written by hand from the dev reports, so the dev score flatters them: a rule made
for one report's sentence raises that report and nothing else. This tool splits the dev reports
into folds by *group* (never one report on both sides), scores each fold, and, for each named
rule (`truce.extract.switches.RULES`), what F1 does in each fold when the rule is switched off.

- `--by story` (the default): syndicated copies of one story (reports sharing an annotated
  evidence sentence) are one group; `--by conflict` keeps each conflict in one fold, a harder
  test (do rules written on Gaza reports carry to Sudan?); `--by report` groups nothing.
- Groups go to the fold with the fewest reports so far, largest group first, ties by name: the
  same set always gives the same folds.
- Per rule: ΔF1 (F1 with the rule minus without) pooled over the split and in each fold; in how
  many folds it helps and hurts; and ΔF1 *without its best fold* (pooled over every other fold),
  which is what the rule is worth if its best fold is the one it was written from. A rule whose
  gain is gone without its best fold fits one group of reports, not the language.
- Selection, cross-validated: for each fold, the rules (not whole kinds) whose ΔF1 over the
  *other* folds is negative are switched off and the fold is scored so; pooled over the folds,
  that is the held-out F1 of "drop what hurts", against the F1 with every rule.

Only the dev split may be judged: tuning rules on the test split would stop it being held out.
The synthetic gold folder (`eval/gold`, split in each document's meta) works the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from truce.errors import TruceError
from truce.extract.evaluate import FIELDS, EvalReport, Record, Score, score_document
from truce.extract.folds import balanced_folds
from truce.extract.model import Article
from truce.extract.switches import RULES, switched_off

Span = tuple[int, int]
ExtractFn = Callable[[Article], list[dict[str, Any]]]
GROUPINGS = ("story", "conflict", "report")
ACCURACIES = ("dates right", "attribution right", "places resolved")


class CrossValidationSplit(TruceError):
    code = "X800"
    default_hint = "judge rules on the dev split only: --split dev (the test split stays unread)"


class TooFewGroups(TruceError):
    code = "X801"
    default_hint = "use at least 2 folds and no more folds than groups of reports (--folds, --by)"


class NothingToValidate(TruceError):
    code = "X803"
    default_hint = "fetch the dev texts (eval/real/README.md) or give a gold folder with documents"


@dataclass(frozen=True)
class Item:
    """One scorable document: its article, gold events and negative spans with their spans."""

    id: str
    conflict: str
    article: Article
    golds: Sequence[tuple[Record, Span]]
    negatives: Sequence[tuple[Record, Span]]


@dataclass
class FoldScore:
    """A fold's (or the pool's) event score and the three accuracies over matched pairs."""

    reports: list[str]
    report: EvalReport
    accuracies: dict[str, Score] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        overall = self.report.overall
        return {
            "reports": len(self.reports),
            "gold": overall.tp + overall.fn,
            "tp": overall.tp,
            "fp": overall.fp,
            "fn": overall.fn,
            "precision": round(overall.precision, 4),
            "recall": round(overall.recall, 4),
            "f1": round(overall.f1, 4),
            **{k: [s.agreed, s.pairs] for k, s in self.accuracies.items()},
        }


def load_items(folder: Path, split: str = "dev") -> list[Item]:
    """The split's documents of a real-report folder (texts present and unchanged) or of a
    gold folder."""
    if split not in ("dev", "all"):
        raise CrossValidationSplit(f"rules are judged on the dev split only, not {split!r}")
    from truce.extract.evaluate_real import is_real_layout

    items = _real_items(folder, split) if is_real_layout(folder) else _gold_items(folder, split)
    if not items:
        raise NothingToValidate(f"{folder} has no scorable {split} document")
    return items


def _real_items(folder: Path, split: str) -> list[Item]:
    from truce.extract.evaluate_real import _article, _jsonl, _pair, load_real_set

    out = []
    for real in load_real_set(folder):
        if not real.scorable or split not in ("all", real.split):
            continue
        golds = _jsonl(folder / "annotations" / f"{real.id}.jsonl")
        negatives = _jsonl(folder / "negatives" / f"{real.id}.jsonl")
        out.append(
            Item(
                real.id,
                str(real.meta.get("conflict") or _conflict_of(real.id)),
                _article(real),
                [(g, _pair(g["span"])) for g in golds],
                [(n, _pair(n["span"])) for n in negatives],
            )
        )
    return out


def _gold_items(folder: Path, split: str) -> list[Item]:
    from truce.extract.evaluate import _find, _gold_texts, _jsonl, _meta, gold_article

    if not (folder / "documents").is_dir():
        raise NothingToValidate(f"{folder} is neither a gold folder nor a real-report folder")
    texts = _gold_texts(folder, None if split == "all" else split)
    golds = list(_jsonl(folder / "annotations.jsonl"))
    negatives = list(_jsonl(folder / "negatives.jsonl"))
    out = []
    for document, text in texts.items():
        meta = _meta(folder, document)
        article = gold_article(folder, document, text)
        mine = [(g, _find(text, g["evidence"])) for g in golds if g["document"] == document]
        negs = [(n, _find(text, n["text"])) for n in negatives if n["document"] == document]
        conflict = str(meta.get("conflict") or _conflict_of(document))
        out.append(Item(document, conflict, article, mine, negs))
    return out


_CONFLICT_IN_NAME = re.compile(r"^(.+?-\d{4})(?:-|$)")


def _conflict_of(name: str) -> str:
    """A document named "gaza-2023-11-22-deal" is about "gaza-2023"; a name without a year is
    its own conflict."""
    match = _CONFLICT_IN_NAME.match(name)
    return match.group(1) if match else name


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def groups(items: Sequence[Item], by: str = "story") -> dict[str, str]:
    """Each item's group: by story (items sharing an annotated evidence are one), conflict or
    report. A group is named by its first item in name order."""
    if by not in GROUPINGS:
        raise TooFewGroups(f"--by {by!r} is not one of {', '.join(GROUPINGS)}")
    parent = {item.id: item.id for item in items}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    if by == "conflict":
        first: dict[str, str] = {}
        for item in sorted(items, key=lambda i: i.id):
            join(first.setdefault(item.conflict, item.id), item.id)
    elif by == "story":
        owner: dict[str, str] = {}
        for item in sorted(items, key=lambda i: i.id):
            for gold, _ in item.golds:
                evidence = _norm(str(gold.get("evidence") or ""))
                if len(evidence) >= 30:  # a sentence, not a stock phrase
                    join(owner.setdefault(evidence, item.id), item.id)
    return {item.id: root(item.id) for item in items}


def assign_folds(items: Sequence[Item], group_of: dict[str, str], folds: int) -> dict[str, int]:
    """Each item's fold: whole groups, largest first, to the fold with the fewest items."""
    members: dict[str, list[str]] = {}
    for item in items:
        members.setdefault(group_of[item.id], []).append(item.id)
    if folds < 2 or folds > len(members):
        raise TooFewGroups(f"{folds} folds asked for {len(members)} group(s) of reports")
    fold_of_group = balanced_folds({name: len(ids) for name, ids in members.items()}, folds)
    return {i: fold_of_group[name] for name, ids in members.items() for i in ids}


# Extraction with what is learned fitted per fold (`learn_cv.FoldRefit`): the items, the
# extract function and each item's fold.
Refit = Callable[[Sequence[Item], ExtractFn, dict[str, int]], dict[str, list[dict[str, Any]]]]


def extract_all(
    items: Sequence[Item],
    extract_fn: ExtractFn,
    off: Iterable[str] = (),
    refit: Refit | None = None,
    fold_of: dict[str, int] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    with switched_off(off):
        if refit is not None and fold_of is not None:
            return refit(items, extract_fn, fold_of)
        return {item.id: list(extract_fn(item.article)) for item in items}


def score(items: Sequence[Item], found: dict[str, list[dict[str, Any]]]) -> FoldScore:
    from truce.extract.evaluate_real import _day, _place_right, attribution_agrees

    report = EvalReport(fields={name: Score() for name in FIELDS})
    for item in items:
        score_document(report, item.golds, found[item.id], item.negatives)
        report.documents += 1
    accuracies = {"dates right": Score(), "attribution right": Score(), "places resolved": Score()}
    for gold, got in report.pairs:
        _tally(accuracies["dates right"], _day(gold) == _day(got))
        _tally(accuracies["attribution right"], attribution_agrees(gold, got))
        if gold.get("place"):
            _tally(accuracies["places resolved"], _place_right(gold, got))
    return FoldScore([i.id for i in items], report, accuracies)


def _tally(s: Score, right: bool) -> None:
    s.pairs += 1
    s.agreed += right


def _right(
    base: FoldScore, found: dict[str, list[dict[str, Any]]], items: Sequence[Item]
) -> tuple[int, int, int]:
    other = score(items, found).accuracies
    a, b, c = (base.accuracies[k].agreed - other[k].agreed for k in ACCURACIES)
    return (a, b, c)


def _f1(items: Sequence[Item], found: dict[str, list[dict[str, Any]]]) -> float:
    report = EvalReport(fields={name: Score() for name in FIELDS})
    for item in items:
        score_document(report, item.golds, found[item.id], item.negatives)
    return report.overall.f1


@dataclass(frozen=True)
class Ablation:
    """What one rule is worth: F1 with it minus F1 without, pooled and per fold."""

    rule: str
    pooled: float
    per_fold: tuple[float, ...]
    without_best: float
    # Right dates, attributions and places (pooled counts) with the rule minus without.
    fields: tuple[int, int, int] = (0, 0, 0)
    # The same per fold: a field rule's gain is judged as an event rule's, fold by fold.
    fields_per_fold: tuple[tuple[int, int, int], ...] = ()

    @property
    def helps(self) -> int:
        return sum(d > 1e-9 for d in self.per_fold)

    @property
    def hurts(self) -> int:
        return sum(d < -1e-9 for d in self.per_fold)

    @property
    def verdict(self) -> str:
        if not self.helps and not self.hurts and abs(self.pooled) < 1e-9:
            return "fields only" if any(self.fields) else "no effect"
        if self.pooled < -1e-9:
            return "hurts"
        if self.without_best <= 1e-9:
            return "one fold only"
        return "helps held-out"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "delta_f1": round(self.pooled, 4),
            "per_fold": [round(d, 4) for d in self.per_fold],
            "folds_helped": self.helps,
            "folds_hurt": self.hurts,
            "delta_without_best_fold": round(self.without_best, 4),
            "delta_right": dict(zip(("dates", "attribution", "places"), self.fields, strict=True)),
            "delta_right_per_fold": [list(f) for f in self.fields_per_fold],
            "verdict": self.verdict,
        }


@dataclass
class CrossValidation:
    items: list[Item]
    group_of: dict[str, str]
    fold_of: dict[str, int]
    base: dict[str, list[dict[str, Any]]]
    ablations: list[Ablation] = field(default_factory=list)
    selection: dict[str, Any] = field(default_factory=dict)

    @property
    def folds(self) -> int:
        return max(self.fold_of.values()) + 1

    def fold_items(self, fold: int) -> list[Item]:
        return [i for i in self.items if self.fold_of[i.id] == fold]

    def fold_scores(self) -> list[FoldScore]:
        return [score(self.fold_items(f), self.base) for f in range(self.folds)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": len(self.items),
            "groups": len(set(self.group_of.values())),
            "folds": [s.as_dict() | {"ids": s.reports} for s in self.fold_scores()],
            "pooled": score(self.items, self.base).as_dict(),
            "ablations": [a.as_dict() for a in self.ablations],
            "selection": self.selection,
        }


def cross_validate(
    items: Sequence[Item],
    extract_fn: ExtractFn,
    folds: int = 5,
    by: str = "story",
    rules: Sequence[str] = (),
    refit: Refit | None = None,
) -> CrossValidation:
    """Fold the items, score each fold, and judge each of `rules` by switching it off; with
    `refit`, every extraction fits what is learned inside each fold (`learn_cv.py`)."""
    group_of = groups(items, by)
    fold_of = assign_folds(items, group_of, folds)
    cv = CrossValidation(
        list(items), group_of, fold_of, extract_all(items, extract_fn, (), refit, fold_of)
    )
    parts = [cv.fold_items(f) for f in range(folds)]
    base = score(items, cv.base)
    without: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for rule in rules:
        without[rule] = extract_all(items, extract_fn, [rule], refit, fold_of)
        per_fold = tuple(_f1(p, cv.base) - _f1(p, without[rule]) for p in parts)
        best = max(range(folds), key=lambda f: per_fold[f])
        rest = [i for i in items if fold_of[i.id] != best]
        gain_rest = _f1(rest, cv.base) - _f1(rest, without[rule])
        pooled = _f1(items, cv.base) - _f1(items, without[rule])
        fields = tuple(_right(score(p, cv.base), without[rule], p) for p in parts)
        cv.ablations.append(
            Ablation(rule, pooled, per_fold, gain_rest, _right(base, without[rule], items), fields)
        )
    cv.selection = _select(cv, parts, without, extract_fn, refit)
    return cv


def _select(
    cv: CrossValidation,
    parts: list[list[Item]],
    without: dict[str, dict[str, list[dict[str, Any]]]],
    extract_fn: ExtractFn,
    refit: Refit | None = None,
) -> dict[str, Any]:
    """Per fold, switch off the rules that lower F1 on the other folds; score the fold so."""
    chosen: dict[str, list[dict[str, Any]]] = {}
    dropped: list[list[str]] = []
    for fold, part in enumerate(parts):
        train = [i for f, p in enumerate(parts) if f != fold for i in p]
        off = [
            rule
            for rule, found in without.items()
            if not rule.startswith("kind.") and _f1(train, cv.base) < _f1(train, found) - 1e-9
        ]
        dropped.append(off)
        if refit is None:
            chosen.update(extract_all(part, extract_fn, off))
        else:  # the fold's model is fitted on the other folds: read them all
            read = extract_all(cv.items, extract_fn, off, refit, cv.fold_of)
            chosen.update({i.id: read[i.id] for i in part})
    every = score(cv.items, cv.base).report.overall
    selected = score(cv.items, chosen).report.overall
    return {
        "f1_every_rule": round(every.f1, 4),
        "f1_selected": round(selected.f1, 4),
        "precision_selected": round(selected.precision, 4),
        "dropped_per_fold": dropped,
    }


def rule_names(spec: str) -> list[str]:
    """`all`, `kinds`, `rules` (every rule but whole kinds), or names joined by commas."""
    if spec == "all":
        return list(RULES)
    if spec == "kinds":
        return [r for r in RULES if r.startswith("kind.")]
    if spec == "rules":
        return [r for r in RULES if not r.startswith("kind.")]
    names = [n.strip() for n in spec.split(",") if n.strip()]
    from truce.extract.switches import UnknownRule

    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise UnknownRule(f"no such rule: {', '.join(unknown)}")
    return names


def render(cv: CrossValidation) -> str:
    lines = [
        f"{len(cv.items)} reports in {len(set(cv.group_of.values()))} groups, {cv.folds} folds",
        "",
        f"{'fold':<6}{'reports':>8}{'gold':>6}{'tp':>5}{'fp':>5}{'fn':>5}"
        f"{'P':>7}{'R':>7}{'F1':>7}  dates  attribution  places",
    ]
    rows = [(str(f), s) for f, s in enumerate(cv.fold_scores())]
    rows.append(("pool", score(cv.items, cv.base)))
    for name, s in rows:
        d = s.as_dict()
        acc = "  ".join(
            f"{a}/{b}" for a, b in (d["dates right"], d["attribution right"], d["places resolved"])
        )
        lines.append(
            f"{name:<6}{d['reports']:>8}{d['gold']:>6}{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}"
            f"{d['precision']:>7.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}  {acc}"
        )
    if cv.ablations:
        lines += ["", "rule switched off: F1 with it minus without (+ = the rule helps)", ""]
        lines.append(
            f"{'rule':<30}{'ΔF1':>8}  {'per fold':<{8 * cv.folds}}{'+/-':>5}{'w/o best':>9}"
            f"{'Δright d/a/p':>14}  verdict"
        )
        for a in sorted(cv.ablations, key=lambda a: (a.verdict, -a.pooled)):
            per = "".join(f"{d:>+8.3f}" for d in a.per_fold)
            lines.append(
                f"{a.rule:<30}{a.pooled:>+8.3f}  {per}{f'{a.helps}/{a.hurts}':>5}"
                f"{a.without_best:>+9.3f}{'/'.join(f'{n:+d}' for n in a.fields):>14}  {a.verdict}"
            )
            if any(any(f) for f in a.fields_per_fold):
                per = "  ".join("/".join(f"{n:+d}" for n in f) for f in a.fields_per_fold)
                lines.append(f"{'':<30}  Δright d/a/p per fold: {per}")
    if cv.selection:
        sel = cv.selection
        lines += [
            "",
            f"held-out F1, every rule: {sel['f1_every_rule']:.3f}; dropping per fold the rules "
            f"that hurt the other folds: {sel['f1_selected']:.3f}",
        ]
        for fold, off in enumerate(sel["dropped_per_fold"]):
            lines.append(f"  fold {fold} dropped: {', '.join(off) or '-'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m truce.extract.cv")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--by", default="story", choices=GROUPINGS)
    parser.add_argument(
        "--rules", default="all", help="all, kinds, rules, or rule names joined by commas"
    )
    parser.add_argument("--no-ablation", action="store_true", help="fold figures only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from truce.extract.learn_cv import FoldRefit
    from truce.extract.pipeline import build_pipeline, extract

    try:
        items = load_items(args.folder, args.split)
        rules = [] if args.no_ablation else rule_names(args.rules)
        nlp = build_pipeline()
        cv = cross_validate(
            items,
            lambda a: [c.as_dict() for c in extract(nlp, a)],
            args.folds,
            args.by,
            rules,
            FoldRefit(nlp),  # the learned model is judged fitted without the fold it reads
        )
    except TruceError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    print(json.dumps(cv.as_dict(), indent=2) if args.json else render(cv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

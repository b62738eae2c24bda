"""The learned models beside the rules, fitted on the real dev split and judged by
cross-validation by conflict.

    .venv/bin/python -m truce.extract.learn eval/real --split dev [--by conflict] [--folds 5]
        [--filter] [--write] [--json]

**The recall path** (rule `learn.recall`, `components/learned.py`): the sentence model
(`learn_sentences.py`) adds a candidate of a type the rules gave none of in a sentence it finds
holds one. Printed: the pooled held-out F1 of the rules alone and with the path, per fold (with
each fold's thresholds) and per event type, the model fitted inside each fold (`learn_cv.py`).
`--write` fits it on every dev report and writes `learn_table.py`.

**The candidate filter** (`--filter`; measured, not part of the pipeline): each rule candidate
is a row, its features (`learn_features.features`) and whether the scorer matched it to a gold
event (a duplicate counts as right: dropping it changes no score). A penalised logistic
regression (`learn_fit.py`) learns which candidates are wrong, and a candidate under a
threshold would be dropped. Dropping a candidate right with probability p raises F1 only when
p < F1 / 2, so the threshold is chosen by an inner cross-validation on the training reports
alone (none, when no threshold raises their F1). Printed: the held-out F1 with the filter, and
how well the held-out probabilities separate right from wrong candidates beside the confidence
table's, in-sample and fitted per fold.

Only the dev split may be fitted (X820): the test split stays unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from truce.errors import TruceError
from truce.extract.evaluate import FIELDS, EvalReport, Score, score_document
from truce.extract.folds import balanced_folds
from truce.extract.learn_features import features
from truce.extract.learn_fit import Model, fit
from truce.extract.learn_sentences import INNER_FOLDS, SentenceModel, fit_sentence_model

TABLE = Path(__file__).with_name("learn_table.py")
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
PENALTY = 1.0
MIN_GROUPS = 3  # a feature is fitted only when that many reports use it

Found = dict[str, list[dict[str, Any]]]


class LearnSplit(TruceError):
    code = "X820"
    default_hint = "fit the learned model on the dev split only: --split dev"


@dataclass(frozen=True)
class Row:
    """One candidate of one report: what it looks like and what the scorer made of it."""

    report: str
    conflict: str
    type: str
    features: tuple[str, ...]
    outcome: str  # right | duplicate | wrong

    @property
    def label(self) -> bool:
        return self.outcome != "wrong"


@dataclass(frozen=True)
class Filter:
    """A fitted model and the probability under which a candidate is dropped."""

    model: Model
    threshold: float

    def keeps(self, row_features: Sequence[str]) -> bool:
        return self.threshold <= 0.0 or self.model.probability(row_features) >= self.threshold


def outcomes(item: Any, found: Sequence[dict[str, Any]]) -> list[str]:
    """Each candidate's outcome by the scorer (`evaluate.score_document`)."""
    report = EvalReport(fields={name: Score() for name in FIELDS})
    score_document(report, item.golds, found, item.negatives)
    matched = {id(c) for _, c in report.pairs}
    wrong = {(fp["type"], tuple(fp["span"] or ())) for fp in report.false_positives}
    out = []
    for c in found:
        if id(c) in matched:
            out.append("right")
        elif (c.get("type"), tuple(c.get("span") or ())) in wrong:
            out.append("wrong")
        else:
            out.append("duplicate")
    return out


def candidate_features(found: Sequence[dict[str, Any]], text: str) -> list[tuple[str, ...]]:
    return [tuple(features(c, text, found)) for c in found]


def rows_of(items: Sequence[Any], found: Found) -> list[Row]:
    rows = []
    for item in items:
        mine = found[item.id]
        feats = candidate_features(mine, item.article.text)
        for c, f, outcome in zip(mine, feats, outcomes(item, mine), strict=True):
            rows.append(Row(item.id, item.conflict, str(c.get("type")), f, outcome))
    return rows


def fit_model(rows: Sequence[Row]) -> Model:
    return fit(
        [r.features for r in rows],
        [r.label for r in rows],
        [r.report for r in rows],
        penalty=PENALTY,
        min_groups=MIN_GROUPS,
    )


def _f1_after(rows: Sequence[Row], probabilities: Sequence[float], gold: int, t: float) -> float:
    kept = [r.outcome for r, p in zip(rows, probabilities, strict=True) if t <= 0 or p >= t]
    tp, fp = kept.count("right"), kept.count("wrong")
    return 2 * tp / (2 * tp + fp + (gold - tp)) if gold + fp else 0.0


def fit_filter(rows: Sequence[Row], gold: int, fold_of_group: Callable[[Row], int]) -> Filter:
    """The model fitted on `rows` and the threshold an inner cross-validation over them finds
    best for their F1 (`gold`: their reports' gold events)."""
    inner = sorted({fold_of_group(r) for r in rows})
    held: dict[int, float] = {}
    for fold in inner:
        train = [r for r in rows if fold_of_group(r) != fold]
        if not train:
            continue
        model = fit_model(train)
        held.update(
            {
                n: model.probability(r.features)
                for n, r in enumerate(rows)
                if fold_of_group(r) == fold
            }
        )
    ordered = [held.get(n, 1.0) for n in range(len(rows))]
    best = max(THRESHOLDS, key=lambda t: (round(_f1_after(rows, ordered, gold, t), 6), -t))
    return Filter(fit_model(rows), best)


def _inner_folds(rows: Sequence[Row], by_conflict: bool) -> Callable[[Row], int]:
    sizes = Counter(r.conflict if by_conflict else r.report for r in rows)
    fold_of = balanced_folds(sizes, INNER_FOLDS)
    return lambda r: fold_of[r.conflict if by_conflict else r.report]


def gold_count(items: Sequence[Any]) -> int:
    return sum(len(i.golds) for i in items)


def apply_filter(flt: Filter, found: Sequence[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    feats = candidate_features(found, text)
    return [c for c, f in zip(found, feats, strict=True) if flt.keeps(f)]


def held_out_filter(
    items: Sequence[Any], found: Found, fold_of: dict[str, int], by_conflict: bool = True
) -> tuple[Found, dict[str, Any]]:
    """Each fold's candidates filtered by a filter fitted on the other folds' reports only;
    with what each fold's filter was (threshold, weights) and each row's held-out probability."""
    rows = rows_of(items, found)
    folds = sorted(set(fold_of.values()))
    out: Found = {}
    info: dict[str, Any] = {"thresholds": [], "features": [], "held": []}
    for fold in folds:
        train_items = [i for i in items if fold_of[i.id] != fold]
        train = [r for r in rows if fold_of[r.report] != fold]
        flt = fit_filter(train, gold_count(train_items), _inner_folds(train, by_conflict))
        info["thresholds"].append(flt.threshold)
        info["features"].append(len(flt.model.weights))
        for item in items:
            if fold_of[item.id] != fold:
                continue
            mine = found[item.id]
            feats = candidate_features(mine, item.article.text)
            out[item.id] = [c for c, f in zip(mine, feats, strict=True) if flt.keeps(f)]
            info["held"] += [
                (flt.model.probability(f), r)
                for f, r in zip(feats, [r for r in rows if r.report == item.id], strict=True)
            ]
    return out, info


def auc(points: Sequence[tuple[float, bool]]) -> float | None:
    """The chance that a right candidate scores above a wrong one (ties half)."""
    right = sorted(p for p, ok in points if ok)
    wrong = sorted(p for p, ok in points if not ok)
    if not right or not wrong:
        return None
    import bisect

    total = 0.0
    for p in right:
        below = bisect.bisect_left(wrong, p)
        ties = bisect.bisect_right(wrong, p) - below
        total += below + ties / 2
    return round(total / (len(right) * len(wrong)), 4)


def separation(points: Sequence[tuple[float, bool]]) -> list[dict[str, Any]]:
    edges = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
    out = []
    for low, high in zip(edges, edges[1:], strict=False):
        inside = [ok for p, ok in points if low <= p < high]
        if inside:
            out.append(
                {
                    "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                    "candidates": len(inside),
                    "right": sum(inside),
                    "share": round(sum(inside) / len(inside), 3),
                }
            )
    return out


def by_type(items: Sequence[Any], found: Found) -> dict[str, float]:
    from truce.extract.cv import score

    return {k: round(s.f1, 4) for k, s in sorted(score(items, found).report.events.items())}


def learn_report(
    items: Sequence[Any], found: Found, folds: int = 5, by: str = "conflict"
) -> dict[str, Any]:
    """Held-out figures of the filter against the rules alone: pooled, per fold, per type."""
    from truce.extract.cv import assign_folds, groups, score

    fold_of = assign_folds(items, groups(items, by), folds)
    filtered, info = held_out_filter(items, found, fold_of, by == "conflict")
    parts = [[i for i in items if fold_of[i.id] == f] for f in range(folds)]
    held = [(p, r.label) for p, r in info["held"] if r.outcome != "duplicate"]
    rows = rows_of(items, found)
    confidence = [
        (float(c.get("confidence") or 0.0), r.label)
        for c, r in zip((c for i in items for c in found[i.id]), rows, strict=True)
        if r.outcome != "duplicate"
    ]
    calibrated = _held_out_confidence(items, found, rows, fold_of)
    return {
        "reports": len(items),
        "by": by,
        "candidates": len(rows),
        "outcomes": {k: sum(r.outcome == k for r in rows) for k in ("right", "duplicate", "wrong")},
        "rules": score(items, found).as_dict(),
        "filtered": score(items, filtered).as_dict(),
        "per_fold": [
            {
                "rules": score(p, found).as_dict()["f1"],
                "filtered": score(p, filtered).as_dict()["f1"],
                "threshold": info["thresholds"][f],
                "features": info["features"][f],
            }
            for f, p in enumerate(parts)
        ],
        "per_type": {"rules": by_type(items, found), "filtered": by_type(items, filtered)},
        "separation": {
            "auc_model_held_out": auc(held),
            "auc_confidence": auc(confidence),
            "auc_confidence_held_out": auc(calibrated),
            "model_bins": separation(held),
            "confidence_bins": separation(confidence),
        },
    }


def _held_out_confidence(
    items: Sequence[Any], found: Found, rows: Sequence[Row], fold_of: dict[str, int]
) -> list[tuple[float, bool]]:
    """(confidence, right) of each candidate from a confidence table (`calibration.fit`)
    fitted on the other folds: the committed table has seen every dev report."""
    from truce.extract.calibration import fit as fit_confidence

    pairs = [(i, c) for i in items for c in found[i.id]]
    out = []
    for fold in sorted(set(fold_of.values())):
        train = [
            (c, r.label) for (i, c), r in zip(pairs, rows, strict=True) if fold_of[i.id] != fold
        ]
        table = fit_confidence(train)
        out += [
            (table.confidence(c, i.article.text), r.label)
            for (i, c), r in zip(pairs, rows, strict=True)
            if fold_of[i.id] == fold and r.outcome != "duplicate"
        ]
    return out


def _render(report: dict[str, Any]) -> str:
    r, f = report["rules"], report["filtered"]
    lines = [
        f"{report['reports']} reports, {report['candidates']} candidates {report['outcomes']}, "
        f"folds by {report['by']}",
        f"held-out pooled  rules: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}"
        f"   with learn.filter: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}"
        f"  (tp {r['tp']}->{f['tp']}, fp {r['fp']}->{f['fp']})",
        "per fold (rules -> filtered, threshold, features):",
    ]
    for n, fold in enumerate(report["per_fold"]):
        lines.append(
            f"  {n}: {fold['rules']:.3f} -> {fold['filtered']:.3f}  "
            f"t={fold['threshold']}  {fold['features']}"
        )
    lines.append("per type (rules -> filtered):")
    for kind, value in report["per_type"]["rules"].items():
        lines.append(
            f"  {kind:<22}{value:.3f} -> {report['per_type']['filtered'].get(kind, 0):.3f}"
        )
    sep = report["separation"]
    lines.append(
        f"separation (AUC, right vs wrong): model held-out {sep['auc_model_held_out']}, "
        f"calibrated confidence {sep['auc_confidence']} (committed table, in-sample), "
        f"{sep['auc_confidence_held_out']} (fitted per fold)"
    )
    for name in ("model_bins", "confidence_bins"):
        lines.append(
            f"  {name}: "
            + "  ".join(f"{b['bin']} {b['right']}/{b['candidates']}" for b in sep[name])
        )
    return "\n".join(lines)


def recall_report(
    items: Sequence[Any],
    nlp: Any,
    extract_fn: Callable[[Any], list[dict[str, Any]]],
    folds: int = 5,
    by: str = "conflict",
) -> dict[str, Any]:
    """Held-out figures of the recall path (`learn.recall`), its model fitted per fold."""
    from truce.extract.cv import assign_folds, extract_all, groups, score
    from truce.extract.learn_cv import RECALL, FoldRefit

    fold_of = assign_folds(items, groups(items, by), folds)
    refit = FoldRefit(nlp)
    base = extract_all(items, extract_fn, [RECALL])
    found = extract_all(items, extract_fn, (), refit, fold_of)
    parts = [[i for i in items if fold_of[i.id] == f] for f in range(folds)]
    return {
        "rules": score(items, base).as_dict(),
        "recall": score(items, found).as_dict(),
        "per_fold": [
            {
                "rules": score(p, base).as_dict()["f1"],
                "recall": score(p, found).as_dict()["f1"],
                "thresholds": refit.models[f],
            }
            for f, p in enumerate(parts)
        ],
        "per_type": {"rules": by_type(items, base), "recall": by_type(items, found)},
    }


def _render_recall(report: dict[str, Any]) -> str:
    r, f = report["rules"], report["recall"]
    lines = [
        f"recall path, held-out pooled  rules: P {r['precision']:.3f} R {r['recall']:.3f} "
        f"F1 {r['f1']:.3f}   with learn.recall: P {f['precision']:.3f} R {f['recall']:.3f} "
        f"F1 {f['f1']:.3f}  (tp {r['tp']}->{f['tp']}, fp {r['fp']}->{f['fp']})",
        "per fold (rules -> recall, the fold's thresholds):",
    ]
    for n, fold in enumerate(report["per_fold"]):
        lines.append(f"  {n}: {fold['rules']:.3f} -> {fold['recall']:.3f}  {fold['thresholds']}")
    lines.append("per type (rules -> recall):")
    for kind, value in report["per_type"]["rules"].items():
        lines.append(f"  {kind:<22}{value:.3f} -> {report['per_type']['recall'].get(kind, 0):.3f}")
    return "\n".join(lines)


def write_table(items: Sequence[Any], nlp: Any, found: Found) -> dict[str, Any]:
    """Fit the sentence model on every item (the dev split) and write `learn_table.py`."""
    from truce.extract.cv import _f1
    from truce.extract.learn_cv import FoldRefit, rows_for

    spans = FoldRefit(nlp).spans
    rows = [r for i in items for r in rows_for(i, spans(i), found[i.id])]
    kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
    model = fit_sentence_model(rows, kinds, _f1(items, found))
    TABLE.write_text(sentence_table_source(model), encoding="utf-8")
    return {
        "thresholds": model.thresholds,
        "weights": {k: len(m.weights) for k, m in model.models.items()},
    }


def _wrapped(values: Sequence[str], indent: str) -> str:
    """Space-joined values as implicit string concatenation, lines under 100 characters."""
    lines: list[str] = []
    line = ""
    for value in values:
        # Measured as written: JSON escapes a character outside ASCII as six ("\u00f3").
        if line and len(indent) + len(json.dumps(line + value)) + 2 > 96:
            lines.append(line)
            line = ""
        line += value + " "
    lines.append(line)
    return "".join(f"{indent}{json.dumps(text)}\n" for text in lines)


def sentence_table_source(model: SentenceModel) -> str:
    """The table: the features every open type weighs, once, and per type its weights in
    thousandths in that order (a model of 5,000 words a type fits in a few dozen KB)."""
    kinds = sorted(model.thresholds)
    names = sorted({f for k in kinds for f in model.models[k].weights})
    thresholds = "".join(f"    {json.dumps(k)}: {model.thresholds[k]!r},\n" for k in kinds)
    biases = "".join(f"    {json.dumps(k)}: {model.models[k].bias!r},\n" for k in kinds)
    weights = ""
    for k in kinds:
        known = model.models[k].weights
        values = [str(round(known.get(f, 0.0) * 1000)) for f in names]
        weights += f"    {json.dumps(k)}: (\n{_wrapped(values, '        ')}    ),\n"
    return (
        '"""The learned sentence model (numbers only). Generated by\n'
        "`.venv/bin/python -m truce.extract.learn eval/real --split dev --write`; do not edit"
        ' by hand.\n"""\n\n'
        "# Per event type: the probability from which a sentence with no candidate of the type"
        " yields one.\n"
        f"THRESHOLDS: dict[str, float] = {{\n{thresholds}}}\n"
        f"BIASES: dict[str, float] = {{\n{biases}}}\n"
        "# The features, space-separated; each type's weights in thousandths, in their order.\n"
        f"FEATURES = (\n{_wrapped(names, '    ')})\n"
        f"WEIGHTS: dict[str, str] = {{\n{weights}}}\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m truce.extract.learn")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--by", default="conflict", choices=("story", "conflict", "report"))
    parser.add_argument("--filter", action="store_true", help="judge the candidate filter too")
    parser.add_argument("--write", action="store_true", help=f"rewrite {TABLE.name}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from truce.extract.cv import extract_all, load_items
    from truce.extract.learn_cv import RECALL
    from truce.extract.pipeline import build_pipeline, extract

    try:
        if args.split != "dev":
            raise LearnSplit(f"the learned model fits on the dev split only, not {args.split!r}")
        items = load_items(args.folder, args.split)
    except TruceError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    nlp = build_pipeline()

    def extract_fn(a: Any) -> list[dict[str, Any]]:
        return [c.as_dict() for c in extract(nlp, a)]

    report: dict[str, Any] = {"recall": recall_report(items, nlp, extract_fn, args.folds, args.by)}
    base = extract_all(items, extract_fn, [RECALL])
    if args.filter:
        report["filter"] = learn_report(items, base, args.folds, args.by)
    if args.write:
        report["written"] = write_table(items, nlp, base)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(_render_recall(report["recall"]))
    if args.filter:
        print("\ncandidate filter:\n" + _render(report["filter"]))
    if args.write:
        print(f"\nwrote {TABLE.name}: {report['written']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

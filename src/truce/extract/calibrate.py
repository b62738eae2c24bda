"""Refit the confidence table on the real dev split and print how well it is calibrated.

    .venv/bin/python -m truce.extract.calibrate eval/real --split dev [--write] [--json]

A candidate is *right* when the scorer matches it to a gold event (`evaluate.py`); a false
positive and a second candidate for an event already matched (a duplicate: accepting it would
record the event twice) are not. The table is printed twice: in-sample (the dev candidates the
table was fitted on) and cross-validated (each report's candidates scored by a table fitted on
the other folds' reports, whole conflicts to a fold, so that no truce is both fitted and scored),
the honest figure for text from a truce the table has not seen. Only the dev split
can be fitted: the test split's annotations stay unread.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from truce.errors import TruceError
from truce.extract.calibration import Fitted, fit, repeats, trigger
from truce.extract.evaluate import FIELDS, EvalReport, Score
from truce.extract.evaluate_real import _article, load_real_set, score_real
from truce.extract.folds import balanced_folds

Row = tuple[str, dict[str, Any], bool]  # report id, candidate, right
BINS = (0.0, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0001)
TABLE = Path(__file__).with_name("calibration_table.py")


class CalibrationSplit(TruceError):
    code = "X700"
    default_hint = "fit the confidence table on the dev split: --split dev"


class NothingToCalibrate(TruceError):
    code = "X701"
    default_hint = "fetch the dev texts into eval/real/texts/ (eval/real/README.md)"


def scored_rows(
    folder: Path, extract_fn: Callable[[Any], list[dict[str, Any]]], split: str = "dev"
) -> list[Row]:
    """Every candidate of the split's scorable reports, with whether it matched a gold event."""
    if split != "dev":
        raise CalibrationSplit(f"calibration fits on the dev split only, not {split!r}")
    rows: list[Row] = []
    for real in load_real_set(folder):
        if not real.scorable or real.split != split:
            continue
        article = _article(real)
        found = list(extract_fn(article))
        for c in found:  # the trigger feature reads the text, which the rows do not keep
            c.setdefault("trigger", trigger(c, article.text))
        for c, repeated in zip(found, repeats(found), strict=True):
            c.setdefault("repeated", repeated)  # as the confidence component sets it
        report = EvalReport(fields={name: Score() for name in FIELDS})
        score_real(report, folder, real.id, found)
        matched = {id(c) for _, c in report.pairs}
        rows += [(real.id, c, id(c) in matched) for c in found]
    if not rows:
        raise NothingToCalibrate(f"no scorable {split} report in {folder} gave a candidate")
    return rows


def cross_validated(
    rows: Sequence[Row], folds: int = 5, group_of: Mapping[str, str] | None = None
) -> list[tuple[float, bool]]:
    """(confidence, right) for each row from a table fitted without its fold: whole groups of
    reports to a fold (`group_of`: a report's conflict, so that no truce is both fitted and
    scored; a report not in it is its own group), balanced by reports."""
    group = {r: (group_of or {}).get(r, f"report:{r}") for r, _, _ in rows}
    sizes = Counter(group.values())
    fold_of_group = balanced_folds(sizes, min(folds, len(sizes)))
    fold_of = {r: fold_of_group[g] for r, g in group.items()}
    out: list[tuple[float, bool]] = []
    for fold in sorted(set(fold_of.values())):
        train = [(c, ok) for r, c, ok in rows if fold_of[r] != fold]
        held = [(c, ok) for r, c, ok in rows if fold_of[r] == fold]
        if not held or not train:
            continue
        table = fit(train, group_of)
        out += [(table.confidence(c), ok) for c, ok in held]
    return out


def bins(predicted: Sequence[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Predicted against observed, per confidence bin."""
    out = []
    for low, high in zip(BINS, BINS[1:], strict=False):
        inside = [(p, ok) for p, ok in predicted if low <= p < high]
        if not inside:
            continue
        out.append(
            {
                "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                "candidates": len(inside),
                "predicted": round(sum(p for p, _ in inside) / len(inside), 3),
                "observed": round(sum(ok for _, ok in inside) / len(inside), 3),
                "right": sum(ok for _, ok in inside),
                "interval": wilson(sum(ok for _, ok in inside), len(inside)),
            }
        )
    return out


def at_least(predicted: Sequence[tuple[float, bool]], limit: float) -> dict[str, Any]:
    """How many candidates at or above `limit` were right, with the 95% Wilson interval of the
    share (small counts: the interval says how little a share of 16 pins down)."""
    inside = [ok for p, ok in predicted if p >= limit]
    n, right = len(inside), sum(inside)
    share = round(right / n, 3) if n else None
    return {"threshold": limit, "candidates": n, "right": right, "share": share,
            "interval": wilson(right, n)}  # fmt: skip


def wilson(right: int, n: int, z: float = 1.96) -> list[float] | None:
    if not n:
        return None
    p = right / n
    middle = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(middle - half, 3), round(middle + half, 3)]


def table_source(table: Fitted) -> str:
    weights = "".join(f"    {json.dumps(k)}: {v!r},\n" for k, v in table.weights.items())
    steps = "".join(f"    {s!r},\n" for s in table.steps)
    return (
        '"""The fitted confidence table (numbers only). Generated by\n'
        "`.venv/bin/python -m truce.extract.calibrate eval/real --split dev --write`; do not edit"
        ' by hand.\n"""\n\n'
        f"BASE = {table.base!r}\n"
        f"WEIGHTS: dict[str, float] = {{\n{weights}}}\n"
        "# (lowest score of the step, share of dev candidates right, dev candidates in it)\n"
        f"STEPS: tuple[tuple[float, float, int], ...] = (\n{steps})\n"
    )


def calibration_report(
    rows: Sequence[Row], folds: int = 5, group_of: Mapping[str, str] | None = None
) -> tuple[Fitted, dict[str, Any]]:
    """The table fitted on every row, and how it holds: in sample, and held out by `group_of`'s
    groups (conflicts) in `folds` folds."""
    table = fit(((c, ok) for _, c, ok in rows), group_of)
    fitted = [(table.confidence(c), ok) for _, c, ok in rows]
    held = cross_validated(rows, folds, group_of)
    by = "conflict" if group_of else "report"
    return table, {
        "reports": len({r for r, _, _ in rows}),
        "candidates": len(rows),
        "right": sum(ok for _, _, ok in rows),
        "steps": [{"from_score": a, "confidence": p, "candidates": n} for a, p, n in table.steps],
        "in_sample": {"bins": bins(fitted), "at_0.9": at_least(fitted, 0.9)},
        "cross_validated": {
            "folds": folds,
            "by": by,
            "bins": bins(held),
            "at_0.9": at_least(held, 0.9),
        },  # fmt: skip
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m truce.extract.calibrate")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"rewrite {TABLE.name}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from truce.extract.cv import load_items
    from truce.extract.learn_cv import held_out_candidates
    from truce.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    try:
        if args.split != "dev":
            raise CalibrationSplit(f"calibration fits on the dev split only, not {args.split!r}")
        # The learned recall path's candidates as a model fitted without their report would
        # give them (`learn_cv.held_out_candidates`), not as the committed table does.
        items = load_items(args.folder, "dev")
        found = held_out_candidates(items, nlp)
        rows = scored_rows(args.folder, lambda a: found[a.document], args.split)
        conflict = {item.id: item.conflict for item in items}
    except TruceError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    table, report = calibration_report(rows, args.folds, conflict)
    if args.write:
        TABLE.write_text(table_source(table), encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{report['candidates']} dev candidates from {report['reports']} reports, "
        f"{report['right']} right"
    )
    for name in ("in_sample", "cross_validated"):
        held = (
            f" by {report[name]['by']}, {report[name]['folds']} folds"
            if "by" in report[name]
            else ""
        )
        print(f"\n{name.replace('_', ' ')}{held}:")
        print(f"  {'bin':<9} {'candidates':>10} {'predicted':>9} {'observed':>8}  95% interval")
        for b in report[name]["bins"]:
            print(
                f"  {b['bin']:<9} {b['candidates']:>10} {b['predicted']:>9} {b['observed']:>8}"
                f"  {b['interval']}"
            )
        top = report[name]["at_0.9"]
        print(
            f"  at >= 0.9: {top['right']}/{top['candidates']} right ({top['share']}; 95% "
            f"interval {top['interval']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How many of the learned recall path's candidates retell an event a rule candidate of the
document already gives, held out by conflict on the real DEV split, and what a simple join
would do.

    PYTHONPATH=src:. .venv/bin/python bench/learn_duplicates.py eval/real [--off learn.join_day]

The sentence model is fitted per fold (`learn_cv.FoldRefit`, as `cv` judges `learn.recall`);
the learned candidates are those the extraction with the path gives beyond the rules' own.
Each is right, a duplicate (the scorer's: it overlaps a gold event another candidate matched;
no false positive) or wrong (a false positive). A wrong one that shares its type and a count
value or a calendar day with a rule candidate of its document may retell that candidate's
event in another sentence: the join would drop it. Printed per type: right / duplicate /
wrong, and how many of each the join (same type and same count, or same type and same day)
would drop; the F1 with the join applied. It reads the dev annotations only.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _values(c: dict[str, Any]) -> set[float]:
    return {q["value"] for q in c.get("quantities") or []}


def _day(c: dict[str, Any]) -> str | None:
    return (c.get("date") or "")[:10] or None


def joins(c: dict[str, Any], rules: Sequence[dict[str, Any]], how: str) -> bool:
    same = [r for r in rules if r["type"] == c["type"]]
    by_count = any(_values(c) & _values(r) for r in same)
    by_day = _day(c) is not None and any(_day(c) == _day(r) for r in same)
    return {"count": by_count, "day": by_day, "either": by_count or by_day}[how]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--off", default="", help="rules switched off (comma-separated)")
    args = parser.parse_args(argv)
    off = [r for r in args.off.split(",") if r]
    from truce.extract.cv import assign_folds, extract_all, groups, load_items, score
    from truce.extract.learn import outcomes
    from truce.extract.learn_cv import RECALL, FoldRefit
    from truce.extract.pipeline import build_pipeline, extract

    items = load_items(args.folder, "dev")
    nlp = build_pipeline()

    def extract_fn(a: Any) -> list[dict[str, Any]]:
        return [c.as_dict() for c in extract(nlp, a)]

    fold_of = assign_folds(items, groups(items, "conflict"), 5)
    base = extract_all(items, extract_fn, [RECALL, *off])
    found = extract_all(items, extract_fn, off, FoldRefit(nlp), fold_of)
    tally: Counter[tuple[str, str, str]] = Counter()
    joined: dict[str, dict[str, list[dict[str, Any]]]] = {h: {} for h in ("count", "day", "either")}
    for item in items:
        told = {(c["type"], tuple(c.get("sentence_span") or c["span"])) for c in base[item.id]}
        mine = found[item.id]
        for c, outcome in zip(mine, outcomes(item, mine), strict=True):
            learned = (c["type"], tuple(c.get("sentence_span") or c["span"])) not in told
            if not learned:
                continue
            tally[(c["type"], outcome, "all")] += 1
            for how in joined:
                if joins(c, base[item.id], how):
                    tally[(c["type"], outcome, how)] += 1
        for how, kept in joined.items():
            kept[item.id] = [
                c
                for c in mine
                if (c["type"], tuple(c.get("sentence_span") or c["span"])) in told
                or not joins(c, base[item.id], how)
            ]
    kinds = sorted({k for k, _, _ in tally})
    print("type: right / duplicate / wrong learned candidates; dropped by a join on count | day")
    for kind in kinds:
        cells = []
        for outcome in ("right", "duplicate", "wrong"):
            n = tally[(kind, outcome, "all")]
            cells.append(
                f"{outcome} {n} (count {tally[(kind, outcome, 'count')]}, "
                f"day {tally[(kind, outcome, 'day')]})"
            )
        print(f"  {kind:<20} " + "; ".join(cells))
    for name, got in [("rules", base), ("recall", found)] + [
        (f"recall, join on {h}", kept) for h, kept in joined.items()
    ]:
        s = score(items, got).as_dict()
        print(f"{name:<24} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

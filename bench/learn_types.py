"""Why the learned recall path stays shut for a type: per event type, on the real DEV split,
how many sentences hold a gold event of it that no rule candidate of it covers (what the path
could add), and how the sentence model scores them held out by conflict.

    PYTHONPATH=src:. .venv/bin/python bench/learn_types.py eval/real [--penalty 3]
        [--min-groups 3] [--positive-weight 1]

The rules' candidates are read once (recall off); the sentence model of every type is fitted
on four folds of conflicts and scores the fifth (`learn_sentences.fit_models`, the folds of
`cv`). Per type and threshold: the open sentences (no rule candidate of the type) it would
add, how many of those hold a gold event of the type, and the F1 gain of adding them at the
rules' F1 (2 x right - F1 each, as `fit_sentence_model` weighs them), per fold. It reads the
dev annotations only.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TOPS = (5, 10, 20, 40, 80)
THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def crossed(row: Any) -> Any:
    """The row with each word (not pair) crossed with each cue the sentence has."""
    from dataclasses import replace

    cues = [f for f in row.features if f.startswith("cue=")]
    words = [f for f in row.features if f.startswith("w=") and "_" not in f]
    more = [f"{c}|{w}" for c in cues for w in words]
    return replace(row, features=tuple(sorted(set(row.features) | set(more))))


def rules_read(folder: Path) -> tuple[Any, dict[str, Any], Any]:
    """The dev split's items, the rules' candidates of each report with the recall path off,
    and the sentence spans of a report (`FoldRefit.spans`): what a study of the learned path
    starts from."""
    from truce.extract.cv import extract_all, load_items
    from truce.extract.learn_cv import RECALL, FoldRefit
    from truce.extract.pipeline import build_pipeline, extract

    items = load_items(folder, "dev")
    nlp = build_pipeline()

    def extract_fn(a: Any) -> list[dict[str, Any]]:
        return [c.as_dict() for c in extract(nlp, a)]

    return items, extract_all(items, extract_fn, [RECALL]), FoldRefit(nlp).spans


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--positive-weight", type=int, default=1, help="each gold row n times")
    parser.add_argument("--cross", action="store_true", help="words crossed with the cues")
    parser.add_argument("--kinds", default="", help="only these types (comma-separated)")
    args = parser.parse_args(argv)
    from truce.extract.cv import _f1, assign_folds, groups
    from truce.extract.learn_cv import rows_for
    from truce.extract.learn_sentences import fit_models

    items, base, spans = rules_read(args.folder)
    f1 = _f1(items, base)
    rows = {i.id: rows_for(i, spans(i), base[i.id]) for i in items}
    fold_of = assign_folds(items, groups(items, "conflict"), args.folds)
    kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
    if args.kinds:
        kinds = [k for k in kinds if k in args.kinds.split(",")]
    if args.cross:
        rows = {key: [crossed(r) for r in value] for key, value in rows.items()}
    held: list[tuple[Any, dict[str, float], int]] = []
    for fold in range(args.folds):
        train = [r for i in items if fold_of[i.id] != fold for r in rows[i.id]]
        test = [r for i in items if fold_of[i.id] == fold for r in rows[i.id]]
        if args.positive_weight > 1:
            models = {}
            for kind in kinds:
                more = [r for r in train if kind in r.gold] * (args.positive_weight - 1)
                models.update(fit_models(train + more, [kind]))
        else:
            models = fit_models(train, kinds)
        held += [(r, {k: m.probability(r.features) for k, m in models.items()}, fold) for r in test]
    print(
        f"{len(items)} reports, {sum(len(r) for r in rows.values())} sentences, rules F1 {f1:.3f}"
    )
    for kind in kinds:
        gold = sum(kind in r.gold for r, _, _ in held)
        open_ = [(p[kind], kind in r.gold, f) for r, p, f in held if kind not in r.found]
        positives = sum(ok for _, ok, _ in open_)
        print(f"\n{kind}: {gold} gold sentences, {positives} of them open (no rule candidate)")
        ranked = sorted(open_, key=lambda x: -x[0])
        tops = [
            (k, sum(ok for _, ok, _ in ranked[:k]), ranked[k - 1][0])
            for k in TOPS
            if k <= len(ranked)
        ]
        print("  best first: " + "  ".join(f"{r}/{k} (p>={p:.2f})" for k, r, p in tops))
        for t in THRESHOLDS:
            picked = [(ok, f) for p, ok, f in open_ if p >= t]
            per_fold = [sum(2 * ok - f1 for ok, g in picked if g == f) for f in range(args.folds)]
            right = sum(ok for ok, _ in picked)
            folds = " ".join(f"{v:+5.1f}" for v in per_fold)
            print(
                f"  >= {t:.1f}: {len(picked):4d} added, {right:4d} right  "
                f"gain {sum(per_fold):+6.1f}  [{folds}]"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

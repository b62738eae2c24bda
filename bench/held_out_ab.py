"""Two trees' held-out dev candidates side by side, per fold of conflicts (branch `extype`).

    PYTHONPATH=src:.:bench .venv/bin/python bench/held_out_ab.py eval/real \
        --base /tmp/main_ho.json --new /tmp/branch_ho.json [--show]

Each cache is the candidates `cv --by conflict` scores (written by `bench/fp_classes.py
--held-out --cache FILE`, one tree at a time: the learned path's model fitted per fold without
the report's conflict). Prints P, R, F1 pooled and per fold (the folds `cv --by conflict`
makes), the per-type F1 and the dates and attribution right, base against new; then every
candidate one tree has and the other lacks (type and span), counted as right (it matched a
gold event), duplicate or wrong, with `--show` printed with its words (dev text: to the
terminal only). One extraction per tree instead of `cv`'s one per rule: the comparison of a
branch's rules together, where `cv --rules` judges each alone.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from truce.extract.cv import FoldScore, assign_folds, groups, load_items, score


def _key(c: dict[str, Any]) -> tuple[str, tuple[int, ...]]:
    return c["type"], tuple(c.get("span") or ())


def _outcomes(fold: FoldScore, found: dict[str, list[dict[str, Any]]]) -> dict[Any, str]:
    """Each candidate's outcome in a scored fold: right, or wrong (false), else duplicate."""
    right = {id(c) for _, c in fold.report.pairs}
    false = {(fp["type"], tuple(fp["span"] or ())) for fp in fold.report.false_positives}
    out: dict[Any, str] = {}
    for doc, cands in found.items():
        for c in cands:
            if id(c) in right:
                out[(doc, *_key(c))] = "right"
            elif _key(c) in false:
                out.setdefault((doc, *_key(c)), "wrong")
            else:
                out.setdefault((doc, *_key(c)), "duplicate")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--new", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    items = load_items(args.folder, "dev")
    fold_of = assign_folds(items, groups(items, "conflict"), args.folds)
    trees = {
        name: json.loads(path.read_text(encoding="utf-8"))
        for name, path in (("base", args.base), ("new", args.new))
    }
    texts = {item.id: item.article.text for item in items}
    scores: dict[str, FoldScore] = {}
    outcomes: dict[str, dict[Any, str]] = {}
    for name, found in trees.items():
        mine = {i.id: found[i.id] for i in items}
        scores[name] = score(items, mine)
        outcomes[name] = _outcomes(scores[name], mine)
    for name in trees:
        o = scores[name].report.overall
        acc = scores[name].accuracies
        print(
            f"{name:5} P {o.precision:.3f} R {o.recall:.3f} F1 {o.f1:.3f} "
            f"tp {o.tp} fp {o.fp} fn {o.fn}  dates {acc['dates right'].agreed}/"
            f"{acc['dates right'].pairs} attribution {acc['attribution right'].agreed}/"
            f"{acc['attribution right'].pairs}"
        )
    for fold in range(args.folds):
        part = [i for i in items if fold_of[i.id] == fold]
        line = []
        for name, found in trees.items():
            o = score(part, {i.id: found[i.id] for i in part}).report.overall
            line.append(f"{name} P {o.precision:.3f} F1 {o.f1:.3f} (tp {o.tp} fp {o.fp})")
        print(f"fold {fold} ({len(part)} reports): " + "  ".join(line))
    kinds = sorted(set(scores["base"].report.events) | set(scores["new"].report.events))
    for kind in kinds:
        b = scores["base"].report.events.get(kind)
        n = scores["new"].report.events.get(kind)
        print(
            f"  {kind:20} F1 {b.f1 if b else 0:.3f} -> {n.f1 if n else 0:.3f}  "
            f"P {b.precision if b else 0:.3f} -> {n.precision if n else 0:.3f}"
        )
    gone = set(outcomes["base"]) - set(outcomes["new"])
    came = set(outcomes["new"]) - set(outcomes["base"])
    print("\nonly in base:", dict(Counter(outcomes["base"][k] for k in gone)))
    print("only in new: ", dict(Counter(outcomes["new"][k] for k in came)))
    if args.show:
        for tag, keys, tree in (("-", gone, "base"), ("+", came, "new")):
            for key in sorted(keys):
                doc, kind, span = key
                words = " ".join(texts[doc][span[0] : span[1]].split())[:220]
                print(f"{tag} [{outcomes[tree][key]}] fold {fold_of[doc]} {doc} {kind}: {words}")


if __name__ == "__main__":
    main()

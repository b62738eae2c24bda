"""The dev split's wrong-type false candidates as a confusion matrix: candidate type -> gold type.

    PYTHONPATH=src:.:bench .venv/bin/python bench/type_confusion.py eval/real --held-out \
        --cache /tmp/ho.json [--type statement:breach --show]

A false candidate of type A whose span overlaps a gold event of another type B is a sentence
read as the wrong type (A -> B). Each pair is counted twice over: `found` when a candidate of
type B matched that gold event (dropping A would gain precision and lose nothing) and `missed`
when none did (A read as B would gain a true positive too). Beside each pair, `right A` counts
the candidates of type A that matched a gold A while their span also overlaps a gold B: what
a rule that takes every A over a B away would lose. With `--show`, each candidate of the pair
(`--type A:B`) is printed with its own words, wrong and right (dev text: printed to the
terminal, never written to the repository). Reads the dev split only; `--held-out` reads the
candidates `cv --by conflict` scores, as `fp_classes.py` does.
"""

from __future__ import annotations

import argparse
from collections import Counter

from dev_split import held_out_dev, run, scored_dev

from truce.extract.evaluate import EvalReport
from truce.extract.evaluate_real import _jsonl


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main(argv: list[str] | None = None) -> None:
    run(__doc__, "candidates", argv, _run)


def _run(args: argparse.Namespace) -> None:
    wrong: Counter[tuple[str, str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    totals = EvalReport(fields={})
    pair = tuple(args.type.split(":")) if args.type else None
    source = (
        held_out_dev(args.folder, totals.events, args.cache)
        if args.held_out
        else scored_dev(args.folder, totals.events)
    )
    shown: list[str] = []
    for real, found, report in source:
        text = real.text or ""
        golds = _jsonl(args.folder / "annotations" / f"{real.id}.jsonl")
        matched_golds = {g["id"] for g, _ in report.pairs}
        false = {(fp["type"], tuple(fp["span"] or ())) for fp in report.false_positives}
        for c in found:
            span = tuple(c.get("span") or (0, 0))
            others = [
                g for g in golds if g["type"] != c["type"] and _overlaps(span, tuple(g["span"]))
            ]
            if not others:
                continue
            g = others[0]
            is_false = (c["type"], span) in false
            if is_false:
                told = "found" if g["id"] in matched_golds else "missed"
                wrong[(c["type"], g["type"], told)] += 1
            elif any(c is p[1] for p in report.pairs):
                right[(c["type"], g["type"])] += 1
            else:
                continue  # a duplicate of a matched gold of its own type
            if args.show and pair == (c["type"], g["type"]):
                mark = "WRONG" if is_false else "right"
                shown.append(
                    f"[{mark}] {real.id} {c['type']}->{g['type']} mod={c.get('modality')} "
                    f"learned={bool(c.get('learned'))} gold_mod={g.get('modality')}\n    "
                    + " ".join(text[span[0] : span[1]].split())[:500]
                )
    pairs = sorted(
        {(a, b) for a, b, _ in wrong},
        key=lambda p: -(wrong[(*p, "found")] + wrong[(*p, "missed")]),
    )
    print(f"{'candidate -> gold':45} {'wrong':>5} {'found':>5} {'missed':>6} {'right A':>7}")
    for a, b in pairs:
        f, m = wrong[(a, b, "found")], wrong[(a, b, "missed")]
        print(f"{a + ' -> ' + b:45} {f + m:5} {f:5} {m:6} {right[(a, b)]:7}")
    print(f"{'all':45} {sum(wrong.values()):5}")
    for line in shown:
        print(line)


if __name__ == "__main__":
    main()

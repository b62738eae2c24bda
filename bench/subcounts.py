"""The engine with sub-counts beside the engine before them: what counting parts costs a record
that has none, and one where some claims give them.

Run:  .venv/bin/python bench/subcounts.py [--size 100000] [--rounds 3] [--before REV]

The seeded synthetic Gaza 2023 record (bench/synthetic.py) is judged at one instant by both
engine paths: the object path (`evaluate` over `Claim` objects) and the column path
(`evaluate_columns`: columns, frame, `ColumnIndex`), in a fresh process of each tree, the two
trees alternating for --rounds rounds; the figure per path is the median over rounds of the
best of 3, in CPU seconds (the process's own time). This tree also judges the same record with
one Hamas release in ten giving parts (`women`/`children`, within its figure), which the gaza
spec's women-and-children quota counts by part. Each process checks the two paths agree.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from trees import ROOT, run_on, unpack_src  # bench/trees.py, beside this script

BASE_REV = "31f0c18"  # main when sub-counts began

WORKER = r"""
import json, sys, time
from dataclasses import replace
from datetime import datetime
sys.path.insert(0, sys.argv[3])
import synthetic
from truce.domain.claim_input import with_content_id
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.spec_yaml import load_spec_file

size, with_parts = int(sys.argv[1]), sys.argv[2] == "parts"
spec, _ = load_spec_file(sys.argv[4])
claims = list(synthetic.claims(size))
if with_parts:
    claims = [
        with_content_id(replace(c, parts=(("children", c.quantity // 2), ("women", 1))))
        if c.actor == "hamas" and c.quantity and c.quantity > 2 and i % 10 == 0 else c
        for i, c in enumerate(claims)
    ]
at = datetime.fromisoformat("2023-12-02T00:00+02:00")


def best(run):
    times = []
    for _ in range(3):
        began = time.process_time()
        out = run()
        times.append(time.process_time() - began)
    return min(times), out


objects, a = best(lambda: evaluate(spec, claims, at))
columns, b = best(lambda: evaluate_columns(spec, claims, at))
assert a == b
print(json.dumps({"object path": objects, "column path": columns}))
"""


def run_tree(source: Path, size: int, parts: bool) -> dict[str, float]:
    gaza = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
    kind = "parts" if parts else "plain"
    result: dict[str, float] = run_on(
        source, WORKER, str(size), kind, str(ROOT / "bench"), str(gaza)
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=BASE_REV)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="truce-subcounts-") as folder:
        runs = {"before": (unpack_src(args.before, folder), False), "after": (ROOT / "src", False),
                "after, 1 in 10 Hamas releases with parts": (ROOT / "src", True)}  # fmt: skip
        found: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, (source, parts) in runs.items():
                found[name].append(run_tree(source, args.size, parts))
    print(f"{args.size} claims, {args.rounds} rounds; CPU seconds (median of rounds, best of 3)")
    print(f"| path | before ({args.before}) | after | after / before | after, with parts |")
    print("|---|---|---|---|---|")
    for path in found["after"][0]:
        before, after, parted = (
            statistics.median(r[path] for r in rows) for rows in found.values()
        )
        print(f"| {path} | {before:.3f} | {after:.3f} | {after / before:.2f} | {parted:.3f} |")


if __name__ == "__main__":
    main()

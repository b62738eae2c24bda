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
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from trees import ROOT, unpack_src  # bench/trees.py, beside this script

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


def run_tree(source: Path, size: int, parts: bool) -> dict[str, float] | None:
    """The worker's CPU seconds per path; None when the tree cannot judge claims with parts."""
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(size), "parts" if parts else "plain",
         str(ROOT / "bench"), str(ROOT / "examples" / "agreements" / "gaza-2023-11.yaml")],
        env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )  # fmt: skip
    if done.returncode:
        if parts:  # a tree from before sub-counts: its claims have no `parts`
            return None
        # Say why rather than print nothing (the last silent run was a failing worker).
        raise SystemExit(f"the worker failed on {source}:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=BASE_REV)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="truce-subcounts-") as folder:
        before = unpack_src(args.before, folder)
        runs = {"before": (before, False), "after": (ROOT / "src", False),
                "before, parts": (before, True), "after, parts": (ROOT / "src", True)}  # fmt: skip
        found: dict[str, list[dict[str, float] | None]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, (source, parts) in runs.items():
                found[name].append(run_tree(source, args.size, parts))
    print(f"{args.size} claims, {args.rounds} rounds; CPU seconds (median of rounds, best of 3);")
    print("'with parts': 1 in 10 Hamas releases gives parts")
    print(f"| path | before ({args.before}) | after | after / before "
          "| before, with parts | after, with parts | after / before, with parts |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for path in ("object path", "column path"):
        b, a, bp, ap = (_median(rows, path) for rows in found.values())
        print(f"| {path} | {_cell(b)} | {_cell(a)} | {_ratio(a, b)} | {_cell(bp)} | {_cell(ap)} "
              f"| {_ratio(ap, bp)} |")  # fmt: skip


def _median(rows: list[dict[str, float] | None], path: str) -> float | None:
    figures = [r[path] for r in rows if r is not None]
    return statistics.median(figures) if figures else None


def _cell(figure: float | None) -> str:
    return "n/a" if figure is None else f"{figure:.3f}"


def _ratio(after: float | None, before: float | None) -> str:
    return "n/a" if after is None or not before else f"{after / before:.2f}"


if __name__ == "__main__":
    main()

"""A claim's per-row paths, this tree beside an earlier one: what deriving the claim's fields
from one definition (`domain.claim_fields`) must not slow down.

Run:  .venv/bin/python bench/claim_rows.py [--size 30000] [--rounds 5] [--before REV]

The same claims (built alike in every process) go through each path that an append, a load
or a verify takes once per row: the payload text an append hashes (`PayloadWriter.text`), the
projection row it inserts (`ProjectionWriter.row`), a row read back into a `Claim`
(`ClaimLoader.load`), verify's check of a matching row (`_FastChecker.check`) and its
column-by-column comparison (`RowChecker.differences`, what a mismatch and
bench/verify_before.py run). Each tree runs in a
fresh process of its own, the two alternating for --rounds rounds so a busy machine weighs on
both alike; the figure per path is the median over rounds of the best of 7 passes, in CPU
microseconds per row (the process's own time, so other work on the machine counts less), and
the ratio is this tree's over --before's (the source of REV, taken with `git archive`). Each
process also checks that its paths agree (payload equals the canonical payload, rows load back
to the claims, checks find nothing).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from trees import ROOT, run_on, unpack_src  # bench/trees.py, beside this script

BASE_REV = "2203a82"  # where the branch that derived the fields (fields) started

WORKER = r"""
import json, sys, time
from datetime import UTC, datetime, timedelta
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, Source
from truce.domain.readings import Qualifier
from truce.storage.chain import canonical
from truce.storage.payloads import PayloadWriter
from truce.storage.rows import CLAIM_COLUMNS, ClaimLoader, ProjectionWriter, RowChecker
from truce.storage.verify_range import _FastChecker

size = int(sys.argv[1])
start = datetime(2023, 11, 24, tzinfo=UTC)
claims = [
    Claim(id=f"c{i}", agreement="gaza-2023-11", type="release",
          date=start + timedelta(minutes=i), date_precision=DatePrecision.EXACT,
          event_id=f"ev{i % 500}", actor=("hamas", "israel")[i % 2], target="icrc",
          quantity=i % 40, subject="hostages", categories=(("women",), ())[i % 2],
          status=ClaimStatus.REPORTED, sources=(Source(outlet=f"outlet{i % 7}"),),
          quote=None if i % 5 else "they said", reliability="B2", location=None,
          supersedes=None, notes=None, recorded_by="ana", phase=None,
          extra={} if i % 11 else {"page": 3},
          qualifier=Qualifier.EXACT if i % 3 else Qualifier.AT_LEAST)
    for i in range(size)
]


def best(run):
    times = []
    for _ in range(7):
        began = time.process_time()
        run()
        times.append(time.process_time() - began)
    return min(times) * 1e6 / size


writer, projection = PayloadWriter(), ProjectionWriter()
texts = [writer.text(c) for c in claims]
assert texts == [canonical(c.payload()) for c in claims]
rows = [projection.row(c, i, texts[i], "ana") for i, c in enumerate(claims)]
loaded = [tuple(v for n, v in zip(CLAIM_COLUMNS, r) if n != "payload") for r in rows]
assert ClaimLoader().load(loaded) == claims
payloads = [json.loads(t) for t in texts]
slow, fast = RowChecker(), _FastChecker()
assert not any(slow.differences(r, i, payloads[i], texts[i], "ana") for i, r in enumerate(rows))
assert not any(fast.check(i, r[0], texts[i], "ana", r) for i, r in enumerate(rows))
print(json.dumps({
    "payload_text": best(lambda: [writer.text(c) for c in claims]),
    "projection_row": best(lambda: [projection.row(c, i, texts[i], "ana")
                                    for i, c in enumerate(claims)]),
    "load": best(lambda: ClaimLoader().load(loaded)),
    "verify_check": best(lambda: [fast.check(i, r[0], texts[i], "ana", r)
                                  for i, r in enumerate(rows)]),
    "differences": best(lambda: [slow.differences(r, i, payloads[i], texts[i], "ana")
                                 for i, r in enumerate(rows)]),
}))
"""


def run_tree(source: Path, size: int) -> dict[str, float]:
    result: dict[str, float] = run_on(source, WORKER, str(size))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", default=BASE_REV)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="truce-claim-rows-") as folder:
        trees = {"before": unpack_src(args.before, folder), "after": ROOT / "src"}
        found: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, source in trees.items():
                found[name].append(run_tree(source, args.size))
    paths = list(found["after"][0])
    print(f"{args.size} claims, {args.rounds} rounds; CPU microseconds per row (median of rounds)")
    print(f"| path | before ({args.before}) | after | after / before |")
    print("|---|---|---|---|")
    for path in paths:
        before = statistics.median(r[path] for r in found["before"])
        after = statistics.median(r[path] for r in found["after"])
        print(f"| {path} | {before:.2f} | {after:.2f} | {after / before:.2f} |")


if __name__ == "__main__":
    main()

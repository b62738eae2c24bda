"""A filtered claims download (the claims page's CSV and Parquet links), before a change and after
it, side by side in one run, without HTTP: the server's own streaming path (`list_pages`'s
`stream_claims` → `downloads.chunks`), timed to the first chunk and the last.

Run:  .venv/bin/python bench/downloads_ab.py --db /tmp/ledger-1000000.db [--before REV]
          [--rounds 2] [--filter type=breach]

Each measurement runs in a fresh process on the source tree it measures (--before: taken with
`git archive` into a scratch folder; after: this tree), alternating before and after each round,
so both see the same ledger and the same machine. The ledger is only read.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
A = "gaza-2023-11"


def measure(db: str, fmt: str, given: dict[str, str]) -> dict[str, Any]:
    from truce.server import downloads
    from truce.server.claim_list import list_query
    from truce.services.claim_lists import stream_claims
    from truce.services.ledger import open_ledger

    ledger = open_ledger(db)
    query = list_query(ledger, A, given)
    began = time.perf_counter()
    cpu = time.process_time()
    first = None
    size = 0
    for chunk in downloads.chunks(stream_claims(ledger, query.where, query.order), fmt):
        first = first or time.perf_counter() - began
        size += len(chunk)
    return {"first_chunk_s": round(first or 0, 3), "total_s": round(time.perf_counter() - began, 3),
            "cpu_s": round(time.process_time() - cpu, 3), "bytes": size}  # fmt: skip


def run(src: Path, db: str, fmt: str, given: dict[str, str]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": f"{src / 'src'}:{src}"}
    args = [sys.executable, __file__, "--db", db, "--measure", fmt, "--given", json.dumps(given)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", default="31f0c18")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--filter", default="type=breach")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--given", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.db, args.measure, json.loads(args.given))), flush=True)
        return
    given = dict(pair.split("=", 1) for pair in args.filter.split("&") if pair)
    with tempfile.TemporaryDirectory(prefix="truce-downloads-") as tmp:
        before = Path(tmp)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before],
                                 capture_output=True, check=True)  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
        for round_ in range(args.rounds):
            for fmt in ("csv", "parquet"):
                for name, src in (("before", before), ("after", ROOT)):
                    found = run(src, args.db, fmt, given)
                    row = {"round": round_ + 1, "format": fmt, "code": name,
                           "load": os.getloadavg()[0], **found}  # fmt: skip
                    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

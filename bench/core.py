"""Core benchmark: import, status and verify at growing ledger sizes, each beside a floor.

Run:  .venv/bin/python bench/core.py [--sizes 10000,100000,1000000] [--out bench/out/core.json]

For each size N the same seeded synthetic record (bench/synthetic.py) goes through:
- import:  `Ledger.append_claims` into a new SQLite file, beside the floor of writing the same
           canonical JSON rows with bare sqlite3 `executemany` (no chain, no projection);
- status:  `services.status` (load from the ledger + evaluate), and the engine alone on claims
           already in memory, beside the floor of one pass summing quantities per
           (actor, subject, day) in plain Python — the least any tool must do;
- verify:  `Ledger.verify`, beside the floor of hashing the same payload bytes with hashlib.
Ratios (truce / floor) travel better between machines than absolute times.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # noqa: E402

from truce import services  # noqa: E402
from truce.domain.engine import evaluate  # noqa: E402
from truce.services import parse_instant  # noqa: E402
from truce.spec import load_spec_file  # noqa: E402
from truce.storage.ledger import Ledger  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
AT = "2023-12-02T00:00"


def timed(fn):  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def floor_import(claims, path: str) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(path)
    con.execute("create table t (id text primary key, payload text)")
    rows = [(c.id, json.dumps(c.payload(), sort_keys=True, separators=(",", ":"))) for c in claims]
    con.executemany("insert into t values (?, ?)", rows)
    con.commit()
    con.close()


def floor_engine(claims) -> dict:  # type: ignore[no-untyped-def]
    origin = claims[0].date.timestamp() if claims else 0.0
    sums: dict = defaultdict(int)
    for c in claims:
        if c.quantity is not None:
            sums[(c.actor, c.subject, int((c.date.timestamp() - origin) // 86400))] += c.quantity
    return sums


def floor_verify(ledger: Ledger) -> None:
    digest = "0" * 64
    for entry in ledger.entries():
        digest = hashlib.sha256((digest + entry.payload).encode()).hexdigest()


def run(size: int, workdir: str) -> dict:
    spec, text = load_spec_file(SPEC)
    claims = list(synthetic.claims(size))
    db = os.path.join(workdir, f"ledger-{size}.db")
    row: dict = {"claims": size}
    with Ledger.init(db) as ledger:
        ledger.add_agreement(spec, text, "bench")
        chunk = 10_000

        def do_import() -> None:
            for i in range(0, len(claims), chunk):
                ledger.append_claims(claims[i : i + chunk], "bench")

        row["import_s"], _ = timed(do_import)
        row["import_floor_s"], _ = timed(
            lambda: floor_import(claims, os.path.join(workdir, f"floor-{size}.db"))
        )
        row["load_s"], loaded = timed(lambda: ledger.claims(spec.id))
        assert len(loaded) == size
        at = parse_instant(AT, spec.zone)
        row["engine_s"], state = timed(lambda: evaluate(spec, claims, at))
        row["engine_floor_s"], _ = timed(lambda: floor_engine(claims))
        row["status_s"], _ = timed(lambda: services.status(ledger, spec.id, AT))
        row["verify_s"], report = timed(ledger.verify)
        assert report.ok, report.problems
        row["verify_floor_s"], _ = timed(lambda: floor_verify(ledger))
        row["events"] = state["counts"]["events"]
        row["disputes"] = len(state["disputes"])
    row["import_per_s"] = round(size / row["import_s"])
    row["import_ratio"] = round(row["import_s"] / row["import_floor_s"], 2)
    row["engine_ratio"] = round(row["engine_s"] / row["engine_floor_s"], 2)
    row["verify_ratio"] = round(row["verify_s"] / row["verify_floor_s"], 2)
    for key in list(row):
        if key.endswith("_s"):
            row[key] = round(row[key], 3)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "core.json"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            row = run(size, workdir)
            rows.append(row)
            print(json.dumps(row), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=2))
    cols = [
        "claims",
        "events",
        "disputes",
        "import_s",
        "import_per_s",
        "import_ratio",
        "load_s",
        "engine_s",
        "engine_ratio",
        "status_s",
        "verify_s",
        "verify_ratio",
    ]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()

"""Core benchmark: import, status and verify at growing ledger sizes, each beside a floor
or the path it replaced, in one run.

Run:  .venv/bin/python bench/core.py [--sizes 10000,100000,1000000] [--out bench/out/core.json]

For each size N the same seeded synthetic record (bench/synthetic.py) goes through:
- import:  `Ledger.append_claims` into a new SQLite file, beside the floor of writing the same
           canonical JSON rows with bare sqlite3 `executemany` (no chain, no projection);
- status:  the object path (`Ledger.claims` + `evaluate`: one `Claim` and one `Event` per
           claim), beside `services.status` (the columnar snapshot + `evaluate_frame`) cold
           (no snapshot yet: built from the projection and written) and warm (snapshot there);
           both must give the same JSON. Cold is also timed with the projection reader it
           replaced (ADBC's SQLite driver, bench/sqlite_arrow_before.py) when that is installed,
           then once more with today's reader right after. `truce status --json` is also timed
           end to end as a separate process (imports, snapshot, engine, printing), warm;
- engine:  `evaluate` on claims already in memory, beside the floor of one pass summing
           quantities per (actor, subject, day) in plain Python;
- verify:  the one-pass join verify had before (bench/verify_before.py), the new code in one
           process, and `Ledger.verify` as `truce verify` runs it (one worker process per
           core from 200k entries on), beside the floor of hashing the same payload bytes with
           hashlib. CPU seconds are summed over processes. Since the machine may be shared, a
           control first times two units of pure CPU work in one process, then in two.
Ratios travel better between machines than seconds; on a shared machine, compare within a row.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import sqlite_arrow_before  # noqa: E402
import synthetic  # noqa: E402
import verify_before  # noqa: E402

from truce import services  # noqa: E402
from truce.domain.engine import evaluate  # noqa: E402
from truce.services import parse_instant  # noqa: E402
from truce.spec_yaml import load_spec_file  # noqa: E402
from truce.storage import snapshot  # noqa: E402
from truce.storage.ledger import Ledger  # noqa: E402
from truce.storage.verify import PARALLEL_FROM, default_workers  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
AT = "2023-12-02T00:00"


def timed(fn):  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cpu_timed(fn):  # type: ignore[no-untyped-def]
    """Wall seconds, CPU seconds of this process and of any worker processes, and the result."""
    gc.collect()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, start = time.process_time(), time.perf_counter()
    result = fn()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return wall, cpu, result


def canonical_state(state: dict) -> str:  # type: ignore[type-arg]
    return json.dumps(state, sort_keys=True, ensure_ascii=False)


def cli_status(db: str, *extra: str) -> float:
    truce = str(Path(sys.executable).with_name("truce"))
    command = [truce, "--db", db, "status", "gaza-2023-11", "--at", AT, *extra]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


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
        del loaded
        row["status_old_s"], row["status_old_cpu_s"], old = cpu_timed(
            lambda: evaluate(spec, ledger.claims(spec.id), parse_instant(AT, spec.zone))
        )
        assert ledger.snapshots is not None
        shutil.rmtree(ledger.snapshots, ignore_errors=True)
        row["status_cold_s"], row["status_cold_cpu_s"], cold = cpu_timed(
            lambda: services.status(ledger, spec.id, AT)
        )
        if sqlite_arrow_before.available():
            # The same cold status with the projection read as before (the ADBC SQLite driver).
            shutil.rmtree(ledger.snapshots, ignore_errors=True)
            current, snapshot.read_rows = snapshot.read_rows, sqlite_arrow_before.read_rows
            try:
                row["status_cold_adbc_s"], row["status_cold_adbc_cpu_s"], cold_adbc = cpu_timed(
                    lambda: services.status(ledger, spec.id, AT)
                )
            finally:
                snapshot.read_rows = current
            assert canonical_state(cold_adbc) == canonical_state(cold)
            del cold_adbc
            shutil.rmtree(ledger.snapshots, ignore_errors=True)
            # Once more with today's reader, right after, so the two sit side by side in time.
            row["status_cold2_s"], row["status_cold2_cpu_s"], _ = cpu_timed(
                lambda: services.status(ledger, spec.id, AT)
            )
        warm = [cpu_timed(lambda: services.status(ledger, spec.id, AT)) for _ in range(3)]
        warm.sort(key=lambda run: run[0])
        row["status_warm_s"], row["status_warm_cpu_s"], state_warm = warm[1]  # the median
        same = canonical_state(old)
        assert canonical_state(cold) == same and canonical_state(state_warm) == same
        del old, cold, warm, state_warm
        row["cli_json_s"], row["cli_json_cpu_s"], _ = cpu_timed(lambda: cli_status(db, "--json"))
        row["cli_table_s"], row["cli_table_cpu_s"], _ = cpu_timed(lambda: cli_status(db))
        row["verify_old_s"], row["verify_old_cpu_s"], report = cpu_timed(
            lambda: verify_before.verify_ledger(ledger.engine)
        )
        assert report.ok, report.problems
        row["verify_1_s"], row["verify_1_cpu_s"], report = cpu_timed(lambda: ledger.verify(None, 1))
        assert report.ok, report.problems
        # What `truce verify` does: one worker per core from PARALLEL_FROM entries on.
        row["workers"] = default_workers() if size + 1 >= PARALLEL_FROM else 1
        row["verify_s"], row["verify_cpu_s"], report = cpu_timed(ledger.verify)
        assert report.ok, report.problems
        row["verify_floor_s"], _ = timed(lambda: floor_verify(ledger))
        row["events"] = state["counts"]["events"]
        row["disputes"] = len(state["disputes"])
    row["import_per_s"] = round(size / row["import_s"])
    row["import_ratio"] = round(row["import_s"] / row["import_floor_s"], 2)
    row["engine_ratio"] = round(row["engine_s"] / row["engine_floor_s"], 2)
    row["status_speedup"] = round(row["status_old_s"] / row["status_warm_s"], 1)
    row["status_cpu_speedup"] = round(row["status_old_cpu_s"] / row["status_warm_cpu_s"], 1)
    row["verify_ratio"] = round(row["verify_s"] / row["verify_floor_s"], 2)
    row["verify_speedup"] = round(row["verify_old_s"] / row["verify_s"], 1)
    for key in list(row):
        if key.endswith("_s"):
            row[key] = round(row[key], 3)
    return row


def burn(rounds: int) -> str:
    """CPU-bound work with no I/O: hashing a buffer over and over."""
    digest = b"truce"
    for _ in range(rounds):
        digest = hashlib.sha256(digest * 64).digest()
    return digest.hex()


def parallel_control(rounds: int = 400_000) -> dict:  # type: ignore[type-arg]
    """What two processes get on this machine right now: the same two units of pure CPU work,
    one after the other in this process, then side by side in two worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    one, _ = timed(lambda: [burn(rounds), burn(rounds)])
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(burn, 1).result()  # started before the clock
        two, _ = timed(lambda: list(pool.map(burn, [rounds, rounds])))
    return {"serial_s": round(one, 3), "two_processes_s": round(two, 3),
            "speedup": round(one / two, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "core.json"))
    args = parser.parse_args()
    control = parallel_control()
    print(json.dumps({"parallel_control": control}), flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            row = run(size, workdir)
            rows.append(row)
            print(json.dumps(row), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"parallel_control": control, "rows": rows}, indent=2))
    cols = [
        "claims",
        "events",
        "disputes",
        "import_s",
        "import_per_s",
        "import_ratio",
        "engine_s",
        "engine_ratio",
        "status_old_s",
        "status_old_cpu_s",
        "status_cold_s",
        "status_cold_cpu_s",
        "status_cold_adbc_s",
        "status_cold_adbc_cpu_s",
        "status_cold2_s",
        "status_cold2_cpu_s",
        "status_warm_s",
        "status_warm_cpu_s",
        "status_speedup",
        "status_cpu_speedup",
        "cli_json_s",
        "cli_json_cpu_s",
        "cli_table_s",
        "cli_table_cpu_s",
        "verify_old_s",
        "verify_old_cpu_s",
        "verify_1_s",
        "verify_1_cpu_s",
        "workers",
        "verify_s",
        "verify_cpu_s",
        "verify_ratio",
        "verify_speedup",
    ]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")) for c in cols) + " |")


if __name__ == "__main__":
    main()

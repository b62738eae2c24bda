"""What a bulk writer's keep costs at a million claims, and what the next reader saves by it.

Run:  PYTHONPATH=src:. .venv/bin/python bench/bulk_keep.py --db LEDGER [--rounds 1]
          [--at 2023-11-27T12:00] [--workdir /tmp/bulk-keep]

LEDGER is a ledger bench/status_1m.py built (`Ledger.append_claims` in chunks: nobody judged),
a SQLite file or a PostgreSQL URL; it is never written: each arm runs on a fresh copy
(bench/head_nobody_judged.py's `_copy`). Per round, two arms in turns, this tree's code:

- nobody judged: `truce status --json --at AT` as a process, on the copy as the builder left it
  (what the next reader pays after a writer that kept nothing: `Ledger.append_claims`);
- kept by the writer: first, as a process, the keep `services.append_claims` runs once its
  append is in (`services.keep_snapshot(ledger, agreement, appended)`, with `appended` the
  ledger's claims: a bulk writer of all of them), timed; then the same `truce status` process
  with another cache folder (a reader on another host, or a server started later).

CPU seconds are user+sys with waited side processes (rusage; the ADBC readers), "out" when a
pipe's reader has the whole answer; both answers must have the same SHA-256.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from head_nobody_judged import AGREEMENT, _copy  # bench/, beside this script
from record_keep import timed

ROOT = Path(__file__).resolve().parents[1]
KEEP = """
import json, resource, sys, time
from truce import services
from truce.services.ledger import open_ledger
from truce.storage.tables import claims
from sqlalchemy import func, select
url, agreement = sys.argv[1:3]
with open_ledger(url) as ledger:
    with ledger.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(claims)).scalar_one()
    began = time.perf_counter()
    kept = services.keep_snapshot(ledger, agreement, n)
    wall = time.perf_counter() - began
me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"appended": n, "kept": kept, "keep_wall_s": round(wall, 2),
                  "process_cpu_s": round(me.ru_utime + me.ru_stime + kids.ru_utime
                                         + kids.ru_stime, 2)}))
"""


def status(copy: str, cache: Path, at: str) -> dict[str, object]:
    """`truce status --json --at` as a process of its own, timed by `record_keep.timed`."""
    command = [sys.executable, "-m", "truce", "--db", copy, "status", AGREEMENT, "--json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XDG_CACHE_HOME": str(cache)}
    return timed([*command, "--at", at], env)


def kept_by_writer(db: str, at: str, workdir: Path) -> dict[str, object]:
    copy, cache = _copy(db, workdir)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XDG_CACHE_HOME": str(cache)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", KEEP, copy, AGREEMENT],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    row: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    row["writer_process_wall_s"] = round(time.perf_counter() - started, 1)
    reader = workdir / "reader-cache"
    shutil.rmtree(reader, ignore_errors=True)
    reader.mkdir()
    if not db.startswith("postgresql"):  # another host: not the folder beside the file
        shutil.rmtree(Path(copy + ".snapshots"), ignore_errors=True)
    row["next_status"] = status(copy, reader, at)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--at", default="2023-11-27T12:00")
    parser.add_argument("--workdir", default="/tmp/bulk-keep")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    for round_ in range(1, args.rounds + 1):
        copy, cache = _copy(args.db, workdir)
        row = {"round": round_, "arm": "nobody judged", **status(copy, cache, args.at)}
        row["load"] = [round(x, 1) for x in os.getloadavg()]
        print(json.dumps(row), flush=True)
        row = {"round": round_, "arm": "kept by the writer", **kept_by_writer(
            args.db, args.at, workdir)}  # fmt: skip
        row["load"] = [round(x, 1) for x in os.getloadavg()]
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

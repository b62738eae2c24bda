"""What `truce record` costs, and what the next `truce status` in another process costs after it,
on this tree (a record keeps the snapshot at its head) beside the tree of --before (it keeps
nothing).

Run:  PYTHONPATH=src:. .venv/bin/python bench/record_keep.py --db /work/bench1m/ledger-1000000.db
          [--before main] [--rounds 1] [--at 2023-11-27T12:00]

--db is a ledger built by bench/status_1m.py that nobody judged (a SQLite file or a PostgreSQL
URL); it is never written: each arm works on a scratch copy (a SQLite file copied into
--workdir, a PostgreSQL database made with it as template) with a fresh cache folder. Per arm,
in this order, each a process timed until a pipe's reader has its whole output ("out") and at
its exit (wall, and CPU with its side processes):

1. `truce record` on the ledger nobody judged (this tree builds nothing past
   `services.claims.WHOLE_UP_TO` claims: the same work as before);
2. `truce status --json --at AT`, which judges the head and keeps its snapshot;
3. `truce record` twice more (this tree folds each onto the kept snapshot);
4. `truce status --json --at AT` (another process: the snapshot's folder as the records left
   it), then `--at LATER` (an answer not kept yet) with a new cache folder and, for a SQLite
   file, the folder beside it removed (another host, or a copied file: the copy kept in the
   database).

Every status answer's SHA-256 is printed: the two trees must give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages_1m import A, scratch_copy  # noqa: E402
from bench.trees import unpacked_once  # noqa: E402


def _cpu(pid: int) -> float:
    """The process's CPU seconds so far, its waited-for children's included (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def timed(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """One process: CPU s and wall s until its output is read whole, and at its exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    output = proc.stdout.read()
    out_wall, out_cpu = time.perf_counter() - start, _cpu(proc.pid)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return {
        "out_cpu_s": round(out_cpu, 2),
        "out_wall_s": round(out_wall, 2),
        "exit_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "exit_wall_s": round(time.perf_counter() - start, 2),
        "sha256": hashlib.sha256(output).hexdigest()[:16],
    }


def record(n: int) -> list[str]:
    return ["record", "-a", A, "-t", "statement", "-d", "2023-11-30T12:00", "--actor", "qatar",
            "--outlet", f"record bench {n}"]  # fmt: skip


@contextmanager
def copied(db: str, workdir: Path) -> Iterator[str]:
    """A scratch copy of the ledger: a SQLite file copied into `workdir` (never beside the
    original), a PostgreSQL database made from it as a template (`pages_1m.scratch_copy`)."""
    if "://" in db:
        with scratch_copy(db) as url:
            yield url
        return
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        copy = Path(folder) / "ledger.db"
        shutil.copyfile(db, copy)
        yield str(copy)


def arm(db: str, source: Path, at: str, later: str, workdir: Path) -> dict[str, Any]:
    row: dict[str, Any] = {}
    with copied(db, workdir) as copy, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(source), "XDG_CACHE_HOME": f"{tmp}/a"}
        truce = [sys.executable, "-m", "truce", "--db", copy]
        status = [*truce, "status", A, "--json", "--at", at]
        row["record, nobody judged"] = timed([*truce, *record(1)], env)
        row["status, judges and keeps"] = timed(status, env)
        row["record, a snapshot kept"] = timed([*truce, *record(2)], env)
        row["record, again"] = timed([*truce, *record(3)], env)
        row["status after the records"] = timed(status, env)
        if "://" not in copy:  # the folder beside the file is every process's on this host
            shutil.rmtree(copy + ".snapshots", ignore_errors=True)
        other = {**env, "XDG_CACHE_HOME": f"{tmp}/b"}
        # Another instant: the answer at AT is kept for this head, and would be read back.
        row["status, another folder"] = timed([*status[:-1], later], other)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", default="main")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--at", default="2023-11-27T12:00")
    parser.add_argument("--later", default="2023-11-28T12:00", help="the last status's instant")
    parser.add_argument("--workdir", default="/tmp/record-keep")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    trees = {"before": unpacked_once(args.before, workdir), "after": ROOT / "src"}
    for round_ in range(1, args.rounds + 1):
        for name, source in trees.items():
            found_steps = arm(args.db, source, args.at, args.later, workdir)
            for step, found in found_steps.items():
                print(json.dumps({"round": round_, "arm": name, "step": step, **found}), flush=True)


if __name__ == "__main__":
    main()

"""`truce verify` on ledgers that exist already (a million entries), for the code before a change
and after it, in one run: each code version in a fresh process of its own, on the same ledgers.

Run:  .venv/bin/python bench/verify_1m.py --url sqlite:////tmp/verifyfast/ledger-1m.db
          --url postgresql+psycopg://postgres@127.0.0.1:5432/verifyfast_1m
          [--before f7b9190] [--dir /tmp/truce-verify-1m] [--rounds 2] [--out FILE]

This tree's SQLite chain check is compiled (`storage/_chaincheck.c`): build it in place first
(`python setup.py build_ext --inplace`, or `pip install -e .`); each row says whether the code
it timed had it (`compiled`), and the load average when it ended.

Build the ledgers with bench/status_1m.py (it leaves the SQLite file and, with --keep-pg, the
PostgreSQL database); verify only reads them. Per code version and ledger, alternating the
versions round by round so that the machine's load falls on both alike:
- `Ledger.verify` as `truce verify` runs it (one worker process per core from 200,000 entries);
- the chain alone in one process (`storage.verify.verify_ledger`, workers=1);
- the claims' filter names alone (`storage.verify_terms.check_claim_terms`);
- `truce verify --json` as a process of its own (`--parts command`), imports included.
Wall seconds and CPU seconds of this process and its workers. PostgreSQL's own processes are
not counted in the CPU column (on PostgreSQL the chain's hashes are now computed there): read
the wall column for it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from trees import unpacked_once  # bench/trees.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "f7b9190"  # main when the branch verifyfast started


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn: Any) -> tuple[float, float, Any]:
    cpu, start = _cpu(), time.perf_counter()
    result = fn()
    return round(time.perf_counter() - start, 2), round(_cpu() - cpu, 2), result


def measure(url: str, part: str) -> dict[str, Any]:
    from truce.storage.db import make_engine
    from truce.storage.ledger import Ledger
    from truce.storage.verify import verify_ledger
    from truce.storage.verify_terms import check_claim_terms

    engine = make_engine(url)
    ledger = Ledger(engine)
    if part == "verify":
        wall, cpu, report = _timed(ledger.verify)
    elif part == "chain":
        wall, cpu, report = _timed(lambda: verify_ledger(engine, None, 1))
    else:
        first = verify_ledger(engine, None, 1)
        wall, cpu, report = _timed(lambda: check_claim_terms(engine, first))
    try:
        from truce.storage.verify_compiled import available
    except ImportError:  # code from before the compiled check
        compiled = False
    else:
        compiled = available()
    return {"wall_s": wall, "cpu_s": cpu, "ok": report.ok, "entries": report.entries,
            "compiled": compiled, "load": round(os.getloadavg()[0], 1)}  # fmt: skip


def as_command(url: str, src: Path) -> dict[str, Any]:
    """`truce verify --json` as a user runs it: a process of its own, imports included."""
    env = dict(os.environ, PYTHONPATH=str(src), TRUCE_DB=url)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "truce", "verify", "--json"], env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    report = json.loads(done.stdout)
    compiled = (src / "truce" / "storage" / "verify_compiled.py").exists() and any(
        (src / "truce" / "storage").glob("_chaincheck*.so")
    )
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "ok": report["ok"],
            "entries": report["entries"], "exit": done.returncode, "compiled": compiled,
            "load": round(os.getloadavg()[0], 1)}  # fmt: skip


def run(url: str, part: str, src: Path) -> dict[str, Any]:
    if part == "command":
        return as_command(url, src)
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, __file__, "--measure", url, "--part", part]
    done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", action="append", default=[])
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--dir", default="/tmp/truce-verify-1m")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--parts", default="verify,chain,terms,command")
    parser.add_argument("--out")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--part", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.part)))
        return
    workdir = Path(args.dir)
    trees = {"before": unpacked_once(args.before, workdir), "after": ROOT / "src"}
    rows: list[dict[str, Any]] = []
    for url in args.url:
        backend = "postgresql" if url.startswith("postgresql") else "sqlite"
        for part in args.parts.split(","):
            for round_ in range(args.rounds):
                order = ("before", "after") if round_ % 2 == 0 else ("after", "before")
                for code in order:
                    row = {"backend": backend, "part": part, "code": code, "round": round_}
                    row.update(run(url, part, trees[code]))
                    print(json.dumps(row), flush=True)
                    rows.append(row)
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()

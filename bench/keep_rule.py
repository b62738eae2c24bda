"""What a writer of N claims may pay to leave a judged head: the write's CPU per claim beside
the whole build's CPU per claim, on the same fresh ledger (docs/status.md, "A head nobody
judged"; `services.claims.BUILD_PER_WRITTEN` is chosen from their ratio).

Run:  PYTHONPATH=src:. .venv/bin/python bench/keep_rule.py [--sizes 50000,200000]
          [--backends sqlite,postgres] [--dir /tmp/keep-rule] [--pg URL]

Per size and back end, in this process (the imports paid before, untimed): a fresh ledger (a
SQLite file in --dir; on PostgreSQL a scratch database `keep_rule_<pid>`, dropped after), the
agreement added, the seeded synthetic record (bench/synthetic.py) made in memory (untimed), then

- write: `Ledger.append_claims` of the whole record in chunks of 10,000 (the bench's builder;
  the cheapest writer truce has: every service validates more per claim);
- build: `Ledger.keep_snapshot(..., whole_up_to=10**9)` on that head nobody judged, in a fresh
  cache folder: every claim read, grouped, the snapshot's files and the copy in the database
  written (at once: nothing puts them off here).

CPU is user+sys of this process and its waited side processes (the ADBC readers); on PostgreSQL
also the server's backends for this database (/proc, summed over those alive before and after
each step: a backend that ends between is missed, so it is a lower bound), and wall.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # noqa: E402  (bench/synthetic.py, beside this script)

AGREEMENT = "gaza-2023-11"
SPEC = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"


def own_cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def backends_cpu(database: str | None) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving `database` (Linux /proc)."""
    if database is None:
        return {}
    found: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if not command.startswith("postgres: ") or f" {database} " not in command:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return found


def server_delta(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def step(fn: Any, database: str | None) -> dict[str, float]:
    server = backends_cpu(database)
    cpu, wall = own_cpu(), time.perf_counter()
    fn()
    done = {"wall_s": time.perf_counter() - wall, "cpu_s": own_cpu() - cpu}
    if database is not None:
        done["server_cpu_s"] = server_delta(server, backends_cpu(database))
    return {k: round(v, 3) for k, v in done.items()}


def one(size: int, backend: str, workdir: Path, pg: str) -> dict[str, Any]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from truce.spec_yaml import load_spec_file
    from truce.storage.db import make_engine
    from truce.storage.ledger import Ledger

    database = None
    if backend == "sqlite":
        path = workdir / f"ledger-{size}.db"
        for old in workdir.glob(f"ledger-{size}.db*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        url = f"sqlite:///{path}"
    else:
        database = f"keep_rule_{os.getpid()}"
        admin = create_engine(pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{database}"'))
        admin.dispose()
        url = make_url(pg).set(database=database).render_as_string(hide_password=False)
    try:
        spec, spec_text = load_spec_file(SPEC)
        record = list(synthetic.claims(size))
        with Ledger.init(url) as writer:
            writer.add_agreement(spec, spec_text, "bench")

            def write() -> None:
                for start in range(0, len(record), 10_000):
                    writer.append_claims(record[start : start + 10_000], "bench")

            wrote = step(write, database)
        folder = workdir / f"snapshots-{backend}-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        with Ledger(make_engine(url), folder) as reader:
            built = step(lambda: reader.keep_snapshot(AGREEMENT, 10**9), database)
        row: dict[str, Any] = {"backend": backend, "claims": size, "write": wrote, "build": built}
        for key in ("cpu_s", "server_cpu_s", "wall_s"):
            if key in wrote:
                row[f"write_per_claim_us_{key[:-2]}"] = round(wrote[key] / size * 1e6, 1)
                row[f"build_per_claim_us_{key[:-2]}"] = round(built[key] / size * 1e6, 1)
        total_w = wrote["cpu_s"] + wrote.get("server_cpu_s", 0.0)
        total_b = built["cpu_s"] + built.get("server_cpu_s", 0.0)
        row["write_over_build_cpu"] = round(total_w / total_b, 2)
        return row
    finally:
        if database is not None:
            admin = create_engine(pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,200000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--dir", default="/tmp/keep-rule")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "keep_rule.json"))
    args = parser.parse_args()
    workdir = Path(args.dir)
    workdir.mkdir(parents=True, exist_ok=True)
    # The imports, paid once before anything is timed.
    one(200, "sqlite", workdir, args.pg)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        for backend in args.backends.split(","):
            row = one(size, backend, workdir, args.pg)
            row["load"] = [round(x, 1) for x in os.getloadavg()]
            print(json.dumps(row), flush=True)
            rows.append(row)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

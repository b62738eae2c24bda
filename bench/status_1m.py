"""Status at a million claims, on SQLite and on PostgreSQL: cold, warm, right after an append,
and `truce status --json` as a process, for the code before a change and after it, in one run.

Run:  .venv/bin/python bench/status_1m.py [--size 1000000] [--dir /tmp/truce-status-1m]
          [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--before REV]
          [--modes before,judged,after] [--backends sqlite,postgres] [--keep-pg]

The ledgers are built once (bench/synthetic.py, seeded) and reused by later runs: the SQLite
file `--dir/ledger-SIZE.db`, and on PostgreSQL the scratch database `truce_bench_status_SIZE`
on --pg's server, dropped at the end of the run unless --keep-pg is given (then the next run
reuses it). A ledger is rebuilt when its claim count is below --size.

Each mode runs in a fresh process of its own, one after the other, on the same ledger:
- before: the source tree of --before (default: the commit this branch started from), taken
           with `git archive` into --dir and put first on PYTHONPATH;
- full:   this tree, with the incremental regroup switched off (`snapshot.INCREMENTAL`): the
           first status after an append regroups every claim, as before;
- judged: this tree, with no answer kept (`answers.ENABLED`): every status is judged afresh,
          the engine alone;
- after:  this tree (a warm status reads the answer kept for its instant, `storage.answers`).
Per mode: status cold (no snapshot), warm (median of 3), a status "now" (the first, then the
median of 3 more: `storage.held` serves them from the first), right after appending 10 claims that
touch existing events (new readings of old events, a correction moving a claim to another
event, a retraction, a confirmation, two new events), that answer compared with a rebuild from
no snapshot (they must be equal), a status "now" after that append, and `truce status --json`
as a separate process, warm (median of 3, after one run that leaves the snapshot warm), with
`--at` and without (now). Wall and CPU seconds, peak RSS.
Each mode appends its own 10 claims, so the ledger grows by 10 claims per mode and run.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from trees import unpacked_once  # bench/trees.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
AGREEMENT = "gaza-2023-11"
AT = "2023-12-02T00:00"
PG_NAME = "truce_bench_status_{size}"  # --pg-name: helpers sharing one server use their own
BASE_REV = "2203a82"  # where this branch (speed) started; 5f5bd9c and 8fe186d before that


def timed(fn: Any) -> tuple[float, float, Any]:
    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    result = fn()
    return time.perf_counter() - start, time.process_time() - cpu, result


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# -- building the ledgers (this tree's code) -----------------------------------------------


def pg_database_url(server: str, size: int) -> str:
    from sqlalchemy.engine import make_url

    name = PG_NAME.format(size=size)
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def claim_count(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM claims")).scalar() or 0)
    except Exception:  # no database or no schema yet: nothing to reuse
        return 0
    finally:
        engine.dispose()


def build(urls: list[str], size: int) -> None:
    """One pass over the synthetic record, appended to every ledger in chunks."""
    sys.path.insert(0, str(Path(__file__).parent))
    import synthetic

    from truce.spec_yaml import load_spec_file
    from truce.storage.ledger import Ledger

    spec, text = load_spec_file(SPEC)
    ledgers = [Ledger.init(url) for url in urls]
    for ledger in ledgers:
        ledger.add_agreement(spec, text, "bench")
    chunk: list[Any] = []
    start = time.perf_counter()
    done = 0
    for claim in synthetic.claims(size):
        chunk.append(claim)
        if len(chunk) == 10_000:
            for ledger in ledgers:
                ledger.append_claims(chunk, "bench")
            done += len(chunk)
            chunk = []
            if done % 100_000 == 0:
                print(f"built {done} in {time.perf_counter() - start:.0f} s", flush=True)
    for ledger in ledgers:
        if chunk:
            ledger.append_claims(chunk, "bench")
        ledger.close()


def create_pg(server: str, size: int) -> str:
    from sqlalchemy import create_engine, text

    url = pg_database_url(server, size)
    name = url.rsplit("/", 1)[1]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url


def drop_pg(server: str, size: int) -> None:
    from sqlalchemy import create_engine, text

    name = pg_database_url(server, size).rsplit("/", 1)[1]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# -- one mode, in its own process ----------------------------------------------------------


def late_claims(ledger: Any, nonce: str) -> list[Any]:
    """Ten claims that touch existing events, made unique by `nonce`."""
    from sqlalchemy import text

    from truce.domain.claim_input import with_content_id
    from truce.domain.claims import Claim, ClaimStatus, Source

    with ledger.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id FROM claims WHERE agreement = :a AND quantity IS NOT NULL "
                "ORDER BY seq LIMIT 6 OFFSET 1000"
            ),
            {"a": AGREEMENT},
        ).all()
    old = [ledger.claim(r[0]) for r in rows]
    made: list[Claim] = []

    def add(base: Claim, **changes: Any) -> None:
        notes = f"bench {nonce} {len(made)}"
        made.append(with_content_id(dataclasses.replace(base, id="", notes=notes, **changes)))

    outlet = (Source(outlet=f"Bench wire {nonce}"),)
    for claim in old[:3]:  # another reading of an old event, another figure: a dispute
        add(claim, quantity=(claim.quantity or 0) + 3, sources=outlet, supersedes=None)
    # A correction that moves a claim to another existing event.
    add(old[3], supersedes=old[3].id, event_id=old[4].event_id, sources=outlet)
    add(old[4], supersedes=old[4].id, status=ClaimStatus.RETRACTED)  # a retraction
    add(old[5], supersedes=old[5].id, status=ClaimStatus.CONFIRMED)  # a confirmation
    for n in range(4):  # two new events, two claims each
        add(old[n % 3], event_id=f"bench-{nonce}-{n // 2}", supersedes=None, sources=outlet)
    return made


def measure(url: str, mode: str, workdir: Path) -> dict[str, Any]:
    from truce import services
    from truce.storage import snapshot
    from truce.storage.db import make_engine
    from truce.storage.ledger import Ledger

    if mode == "full":
        snapshot.INCREMENTAL = False
    if mode == "judged":
        from truce.storage import answers

        answers.ENABLED = False
    snapshots = workdir / f"snapshots-{mode}-{url.split(':')[0]}"
    shutil.rmtree(snapshots, ignore_errors=True)
    row: dict[str, Any] = {"mode": mode}
    ledger = Ledger(make_engine(url), snapshots)

    def status() -> dict[str, Any]:
        return services.status(ledger, AGREEMENT, AT)

    row["cold_s"], row["cold_cpu_s"], state = timed(status)
    row["events"] = state["counts"]["events"]
    row["claims"] = state["counts"]["claims"]
    warm = sorted((timed(status) for _ in range(3)), key=lambda r: r[0])
    row["warm_s"], row["warm_cpu_s"], warm_state = warm[1]
    assert warm_state == state
    del warm, warm_state, state

    def now() -> dict[str, Any]:
        return services.status(ledger, AGREEMENT)

    row["now_first_s"], row["now_first_cpu_s"], first = timed(now)
    again = sorted((timed(now) for _ in range(3)), key=lambda r: r[0])
    row["now_s"], row["now_cpu_s"], later = again[1]
    assert {**later, "at": first["at"]} == first
    del again, later, first
    nonce = f"{mode}-{time.time_ns()}"
    ledger.append_claims(late_claims(ledger, nonce), "bench")
    row["append_s"], row["append_cpu_s"], after = timed(status)
    row["append_now_s"], row["append_now_cpu_s"], _ = timed(now)
    row["warm_after_append_s"], _, again = timed(status)
    shutil.rmtree(snapshots, ignore_errors=True)
    row["rebuilt_s"], _, rebuilt = timed(status)
    row["same_as_rebuild"] = after == rebuilt == again
    assert row["same_as_rebuild"], "the status after an append differs from a rebuild"
    row["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    ledger.close()
    return row


def cli_runs(
    url: str, env: dict[str, str], rounds: int = 3, at: str | None = AT
) -> tuple[float, float]:
    command = [sys.executable, "-c", "from truce.cli.app import main; main()"]
    command += ["--db", url, "status", AGREEMENT, "--json"]
    command += ["--at", at] if at else []
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)  # warms the snapshot
    runs = []
    for _ in range(rounds):
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        runs.append((time.perf_counter() - start, children_cpu() - cpu))
    runs.sort()
    return runs[len(runs) // 2]


def run_mode(mode: str, url: str, workdir: Path, before_src: Path | None) -> dict[str, Any]:
    env = dict(os.environ)
    src = before_src if mode == "before" else ROOT / "src"
    assert src is not None
    env["PYTHONPATH"] = str(src)
    env["XDG_CACHE_HOME"] = str(workdir / f"cache-{mode}")  # PostgreSQL's snapshots
    command = [sys.executable, __file__, "--measure", url, "--mode", mode, "--dir", str(workdir)]
    done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if mode not in ("full", "judged"):  # the process runs the code as shipped: `after`
        row["cli_json_s"], row["cli_json_cpu_s"] = cli_runs(url, env)
        row["cli_now_json_s"], row["cli_now_json_cpu_s"] = cli_runs(url, env, at=None)
    return row


def main() -> None:
    global PG_NAME
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--dir", default="/tmp/truce-status-1m")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--before", default=BASE_REV)
    parser.add_argument("--modes", default="before,judged,after")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--pg-name", default=PG_NAME, help="the scratch database ({size} filled)")
    parser.add_argument("--keep-pg", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "status_1m.json"))
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    PG_NAME = args.pg_name
    workdir = Path(args.dir)
    if args.measure:
        row = measure(args.measure, args.mode, workdir)
        for key in list(row):
            if key.endswith("_s"):
                row[key] = round(row[key], 3)
        print(json.dumps(row), flush=True)
        return
    workdir.mkdir(parents=True, exist_ok=True)
    backends = args.backends.split(",")
    urls = {}
    if "sqlite" in backends:
        urls["sqlite"] = f"sqlite:///{workdir / f'ledger-{args.size}.db'}"
    if "postgres" in backends:
        urls["postgres"] = pg_database_url(args.pg, args.size)
    missing = [name for name, url in urls.items() if claim_count(url) < args.size]
    if missing:
        for name in missing:
            if name == "sqlite":
                path = workdir / f"ledger-{args.size}.db"
                for extra in ("", "-wal", "-shm", ".head.log"):
                    Path(f"{path}{extra}").unlink(missing_ok=True)
            else:
                create_pg(args.pg, args.size)
        build([urls[name] for name in missing], args.size)
    if args.build_only:
        return
    before_src = unpacked_once(args.before, workdir) if "before" in args.modes else None
    rows = []
    try:
        for name, url in urls.items():
            for mode in args.modes.split(","):
                row = {"backend": name, **run_mode(mode, url, workdir, before_src)}
                for key in list(row):
                    if key.endswith("_s"):
                        row[key] = round(row[key], 3)
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        if "postgres" in urls and not args.keep_pg:
            drop_pg(args.pg, args.size)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

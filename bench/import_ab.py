"""`truce import`'s write path before and after it became one transaction, side by side.

- before: what `truce import` did until 2026-12-06 (kept here only): `Ledger.append_claims` once
  per 5,000 claims, each part its own transaction, so a failure at line 10,001 left 10,000 in;
- after: `Ledger.append_claims` with a progress callback every 5,000 claims, all of them in one
  transaction under the write lock (what `truce.services.claim_imports.import_claims` calls).

Each round writes the same synthetic claims (bench/synthetic.py) into a fresh ledger holding the
Gaza agreement, the two ways alternating (A B B A ...) so that a change in the machine's load
falls on both. Parsing the file is the same code either way and is left out.

    .venv/bin/python bench/import_ab.py --size 100000 --rounds 2 [--pg postgresql://...]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from truce.domain.claims import Claim  # noqa: E402
from truce.spec_yaml import load_spec_file  # noqa: E402
from truce.storage.ledger import Ledger  # noqa: E402

SPEC = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
STEP = 5_000


def before(ledger: Ledger, claims: list[Claim]) -> None:
    for start in range(0, len(claims), STEP):
        ledger.append_claims(claims[start : start + STEP], "bench")


def after(ledger: Ledger, claims: list[Claim]) -> None:
    seen: list[int] = []
    ledger.append_claims(claims, "bench", lambda done, _total: seen.append(done), STEP)
    assert seen[-1] == len(claims)


def one(way: Callable[[Ledger, list[Claim]], None], url: str, claims: list[Claim]) -> float:
    spec, yaml_text = load_spec_file(SPEC)
    with Ledger.init(url) as ledger:
        ledger.add_agreement(spec, yaml_text, "bench")
        gc.collect()
        start = time.perf_counter()
        way(ledger, claims)
        seconds = time.perf_counter() - start
        head = ledger.head()
        assert head is not None and head.seq == len(claims) + 1
    return seconds


def fresh_url(backend: str, workdir: str, pg: str | None) -> tuple[str, Callable[[], None]]:
    if backend == "sqlite":
        path = os.path.join(workdir, f"{uuid.uuid4().hex}.db")
        return path, lambda: os.remove(path)
    assert pg is not None
    name = f"truce_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(pg).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pg", help="a PostgreSQL server URL to run on as well")
    args = parser.parse_args()
    claims = list(synthetic.claims(args.size))
    backends = ["sqlite"] + (["postgres"] if args.pg else [])
    print("| back end | claims | before s | before claims/s | after s | after claims/s | "
          "after ÷ before speed |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="truce-import-ab-") as workdir:
        for backend in backends:
            times: dict[str, list[float]] = {"before": [], "after": []}
            for n in range(args.rounds):
                order = [("before", before), ("after", after)]
                for name, way in order if n % 2 == 0 else order[::-1]:
                    url, drop = fresh_url(backend, workdir, args.pg)
                    try:
                        times[name].append(one(way, url, claims))
                    finally:
                        drop()
            b, a = min(times["before"]), min(times["after"])
            print(f"| {backend} | {args.size:,} | {b:.2f} | {args.size / b:,.0f} | {a:.2f} | "
                  f"{args.size / a:,.0f} | {b / a:.2f}× |")  # fmt: skip
            print(f"<!-- {backend} rounds: before {times['before']}, after {times['after']} -->")


if __name__ == "__main__":
    main()

"""Server load benchmark: status reads per second and their latency, SQLite beside PostgreSQL.

Run:  .venv/bin/python bench/serve.py [--seconds 10] [--concurrency 16] [--out bench/out/serve.json]

For each backend a real `truce serve` process starts on a loopback port with the bundled example
(the Gaza 2023 pause and its 33-claim record), and this process — a second one — drives it with
an async HTTP client keeping `--concurrency` requests in flight for `--seconds`:
- status: GET /api/agreements/gaza-2023-11/status?at=… (token checked, ledger read, engine run);
- health: GET /api/health, the floor — the same server, HTTP and routing only, no token, no ledger.
Reported per backend: requests/s, p50 and p99 latency, errors, and status ÷ health throughput.
PostgreSQL is skipped (and said so) when it is not reachable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.live import serving  # noqa: E402

PG_URL = os.environ.get(
    "TRUCE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
STATUS = "/api/agreements/gaza-2023-11/status?at=2023-11-30T12:00"


async def drive(
    url: str, path: str, token: str | None, seconds: float, concurrency: int
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=30
    ) as client:
        for _ in range(20):  # warm up: connections, caches, the first engine run
            await client.get(path)
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                began = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - began)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
        "errors": errors,
    }


def pg_database() -> tuple[str, Any] | None:
    try:
        admin = create_engine(
            PG_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        name = f"truce_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: say so and go on with SQLite
        print(f"PostgreSQL skipped: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return None
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def measure(db: str, seconds: float, concurrency: int) -> dict[str, Any]:
    with serving(db) as live:
        status = asyncio.run(drive(live.url, STATUS, live.admin_token, seconds, concurrency))
        health = asyncio.run(drive(live.url, "/api/health", None, seconds, concurrency))
    status["vs_health"] = round(status["per_second"] / health["per_second"], 3)
    return {"status": status, "health": health}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    results: dict[str, Any] = {"seconds": args.seconds, "concurrency": args.concurrency,
                               "cores": os.cpu_count(), "backends": {}}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="truce-bench-") as tmp:
        results["backends"]["sqlite"] = measure(
            str(Path(tmp) / "bench.db"), args.seconds, args.concurrency
        )
    pg = pg_database()
    if pg is not None:
        url, drop = pg
        try:
            results["backends"]["postgresql"] = measure(url, args.seconds, args.concurrency)
        finally:
            drop()
    row = "{:<11} {:<7} {:>8} {:>8} {:>8} {:>6} {:>9}"
    print(row.format("backend", "route", "req/s", "p50 ms", "p99 ms", "errors", "÷ health"))
    for backend, routes in results["backends"].items():
        for route, r in routes.items():
            ratio = f"{r['vs_health']:.3f}" if "vs_health" in r else ""
            cells = (r["per_second"], r["p50_ms"], r["p99_ms"], r["errors"], ratio)
            print(row.format(backend, route, *cells))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

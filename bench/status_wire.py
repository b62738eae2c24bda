"""Where a cold `GET /api/agreements/{id}/status` goes once its bytes are kept: each step alone.

Run:  .venv/bin/python bench/status_wire.py --db postgresql+psycopg://postgres@127.0.0.1:5432/NAME
          [--agreement gaza-2023-11] [--rounds 3]

--db is a ledger on which a server has answered the status API (its bytes are kept as `api/…`
rows of the `kept` table, `storage.kept_place`): e.g. a copy of the one bench/pages_1m.py
--cold-shared served, taken while its second server runs. Per kept row, median wall and CPU
seconds of --rounds: the row read from the database (compressed as stored), unpacked (zstd),
its SHA-256 (the check of its header, and the tag), made gzip (level 1, as `server.compress`
does from 1 MB) and zstd (level 1 and 3), gunzipped (what a client does), parsed as JSON (a
client's `json.loads`), and sent whole over a loopback TCP connection to a reader in another
thread (the send alone: no HTTP).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import socket
import statistics
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
from sqlalchemy import create_engine, select

from truce.storage.kept_place import _unpacked
from truce.storage.tables import kept


def measured(step: Callable[[], Any], rounds: int) -> tuple[float, float, Any]:
    walls, cpus, out = [], [], None
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        out = step()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), out


def loopback(body: bytes) -> None:
    """`body` sent over a loopback TCP connection and read whole by another thread."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def read() -> None:
        conn, _ = server.accept()
        left = len(body)
        while left:
            left -= len(conn.recv(1 << 20))
        conn.close()

    reader = threading.Thread(target=read)
    reader.start()
    with socket.create_connection(("127.0.0.1", port)) as sender:
        sender.sendall(body)
    reader.join()
    server.close()


def gzipped(body: bytes) -> bytes:
    deflate = zlib.compressobj(1, zlib.DEFLATED, 31)
    return deflate.compress(body) + deflate.flush()


def figures(stored: bytes, read: tuple[float, float], rounds: int) -> dict[str, Any]:
    """Each step's median wall and CPU seconds for one kept row, as stored (module doc)."""
    steps: dict[str, tuple[float, float]] = {"read from the database": read}
    wall, cpu, body = measured(lambda: _unpacked(stored), rounds)
    steps["unpacked (zstd)"] = (wall, cpu)
    steps["SHA-256"] = measured(lambda: hashlib.sha256(body).digest(), rounds)[:2]
    wall, cpu, gz = measured(lambda: gzipped(body), rounds)
    steps["gzip level 1"] = (wall, cpu)
    for level in (1, 3):
        codec = pa.Codec("zstd", compression_level=level)
        steps[f"zstd level {level}"] = measured(
            lambda c=codec: c.compress(body, asbytes=True), rounds
        )[:2]
    steps["gunzip (a client)"] = measured(lambda: zlib.decompress(gz, 31), rounds)[:2]
    # `api/now` starts with a line naming the mark where its instant goes (`now_status`).
    answer = body.split(b"\n", 1)[1] if body.startswith(b'"') else body
    steps["json.loads (a client)"] = measured(lambda: json.loads(answer), rounds)[:2]
    steps["sent over loopback TCP"] = measured(lambda: loopback(body), rounds)[:2]
    steps["gzip sent over loopback TCP"] = measured(lambda: loopback(gz), rounds)[:2]
    row: dict[str, Any] = {"stored bytes": len(stored), "bytes": len(body), "gzip bytes": len(gz)}
    row |= {k: {"wall_s": round(w, 4), "cpu_s": round(c, 4)} for k, (w, c) in steps.items()}
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--agreement", default="gaza-2023-11")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    engine = create_engine(args.db if "://" in args.db else f"sqlite:///{args.db}")
    names_query = select(kept.c.name).where(
        kept.c.agreement == args.agreement, kept.c.name.startswith("api/")
    )
    with engine.connect() as conn:
        names = list(conn.execute(names_query).scalars())
    results: dict[str, Any] = {}
    for name in names:
        query = select(kept.c.body).where(kept.c.agreement == args.agreement, kept.c.name == name)

        def read(query: Any = query) -> bytes:
            with engine.connect() as conn:
                return bytes(conn.execute(query).scalar_one())

        wall, cpu, stored = measured(read, args.rounds)
        row = figures(stored, (wall, cpu), args.rounds)
        results[name] = row
        print(name, json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

"""A server's start: seconds from spawning `truce serve` to its first answered health check, and
the server process's CPU seconds by then (from /proc), for another revision's tree beside this
one, alternating.

Run:  .venv/bin/python bench/startup_time.py --db /tmp/ledger-100000.db --before d582543
          [--rounds 3]

Before each start the snapshot folder beside the SQLite file is removed (the server builds it
at start). The other tree is taken with `git archive` into a scratch folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def started(db: str, tree: Path, cache: str) -> tuple[float, float]:
    """(wall seconds to the first health answer, the server's CPU seconds by then)."""
    shutil.rmtree(db + ".snapshots", ignore_errors=True)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}:{tree}", "TRUCE_DB": db,
           "XDG_CACHE_HOME": cache}  # fmt: skip
    command = [sys.executable, "-m", "truce", "serve", "--no-example", "--port", str(port)]
    began = time.perf_counter()
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.02)
        wall = time.perf_counter() - began
        fields = Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    finally:
        server.terminate()
        server.wait()
    return round(wall, 2), round(cpu, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as before, tempfile.TemporaryDirectory() as cache:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before],
                                 capture_output=True, check=True)  # fmt: skip
        subprocess.run(["tar", "-x", "-C", before], input=archive.stdout, check=True)
        found: dict[str, list[tuple[float, float]]] = {args.before: [], "this tree": []}
        for _ in range(args.rounds):
            found[args.before].append(started(args.db, Path(before), cache))
            found["this tree"].append(started(args.db, ROOT, cache))
    print("(wall s, server CPU s) to the first health answer:", found)
    print("load average:", os.getloadavg())


if __name__ == "__main__":
    main()

"""The status API cold on a second server, when the first server's only reads were the API's.

Run:  PYTHONPATH=src:. .venv/bin/python bench/status_cold.py --db URL [--encoding gzip]
          [--py-spy /work/tools/bin/py-spy --profile /tmp/out.txt]

--db is a ledger built by bench/synthetic.py (a SQLite file or a PostgreSQL URL) that this run
may write to (serve a copy). A first `truce serve` asks `GET …/status` at an instant, then now
(it judges both, and keeps what it keeps), and stops; a second, with another cache folder,
asks the same two cold, with `Accept-Encoding: --encoding`, and the client's wall and CPU
seconds, the bytes on the wire and the time to parse the answer are printed. With --py-spy,
the second server is sampled while it answers (raw collapsed stacks in --profile). The code
served is the one on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.server.live import serving  # noqa: E402

A = "gaza-2023-11"
PATHS = (f"/api/agreements/{A}/status?at=2023-12-02T00:00", f"/api/agreements/{A}/status")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--encoding", default="identity")
    parser.add_argument("--py-spy", default=None)
    parser.add_argument("--profile", default="/tmp/status-cold.txt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as caches:
        first = {"XDG_CACHE_HOME": f"{caches}/first"}
        with serving(args.db, "--no-example", env=first) as live:
            headers = {"Authorization": f"Bearer {live.admin_token}"}
            with httpx.Client(base_url=live.url, headers=headers, timeout=900) as client:
                for path in PATHS:
                    began = time.perf_counter()
                    client.get(path).raise_for_status()
                    print("first server", path, round(time.perf_counter() - began, 3), flush=True)
        second = {"XDG_CACHE_HOME": f"{caches}/second"}
        with serving(args.db, "--no-example", expect_token=False, env=second) as live:
            time.sleep(15)  # the start-up build (`server.app._preload`) done
            spy = None
            if args.py_spy:
                record = [args.py_spy, "record", "-r", "200", "-f", "raw", "-o", args.profile,
                          "-p", str(live.process.pid), "--threads"]  # fmt: skip
                spy = subprocess.Popen(record, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(2)
            asks = {**headers, "Accept-Encoding": args.encoding}
            with httpx.Client(base_url=live.url, headers=asks, timeout=900) as client:
                for path in PATHS:
                    cpu, began = time.process_time(), time.perf_counter()
                    response = client.get(path)
                    wall = time.perf_counter() - began
                    parse = time.perf_counter()
                    json.loads(response.content)
                    row = {"path": path, "status": response.status_code,
                           "encoding": response.headers.get("content-encoding"),
                           "bytes on the wire": response.num_bytes_downloaded,
                           "bytes": len(response.content), "wall_s": round(wall, 3),
                           "client cpu_s": round(time.process_time() - cpu, 3),
                           "parse_s": round(time.perf_counter() - parse, 3)}  # fmt: skip
                    print("second server", json.dumps(row), flush=True)
            if spy is not None:
                time.sleep(1)
                spy.send_signal(2)
                spy.wait()


if __name__ == "__main__":
    main()

"""The status API's own costs on a long record, a revision beside this tree, each on its own copy.

Run:  PYTHONPATH=src:. .venv/bin/python bench/status_api.py --db /work/bench1m/ledger-1000000.db
          [--before main] [--rounds 2] [--out /tmp/status-api.json]
      (--db may be a PostgreSQL URL: its database is the template of each copy)

For --before (taken with `git archive`) and then this tree, a real `truce serve` with no
background warm (TRUCE_WARM_ANSWERS=0: each cost below is the request's own) on a scratch copy of
--db (bench/pages_1m.py's `scratch_copy`), asked in turn, --rounds times (each round after the
first begins with a claim appended through the API, so nothing kept for the last head holds):
- the agreement page "now" (it judges "now" and keeps the answer);
- `GET …/status` now: the API's bytes, made from the answer the page's judgment kept;
- `GET …/status?at=` an instant after the record's last event, nobody asked before (LATE);
- `GET …/status?at=` an instant in the middle of the agreement, nobody asked before (MIDDLE);
- `GET …/status` now again (its bytes kept for the span).
Per request: wall seconds, the server's CPU seconds (read from /proc around it), the bytes.
Every status answer at an instant must be byte for byte the revision's, and every answer "now"
the same but for the instant it shows: the run stops if not.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages_1m import A, append, cpu_s, scratch_copy  # noqa: E402
from tests.server.live import serving  # noqa: E402

LATE, MIDDLE = "2024-06-01T00:00", "2023-11-27T12:00"
ASKED = {
    "agreement page now": f"/agreements/{A}",
    "status now": f"/api/agreements/{A}/status",
    "status at an instant after the last event": f"/api/agreements/{A}/status?at={LATE}",
    "status at an instant mid-agreement": f"/api/agreements/{A}/status?at={MIDDLE}",
    "status now again": f"/api/agreements/{A}/status",
}


def served(db: str, tree: Path | None, rounds: int) -> dict[str, Any]:
    """Each route, each round, on a server of `tree` (None: this one)."""
    env = {"TRUCE_WARM_ANSWERS": "0"}
    if tree is not None:
        env["PYTHONPATH"] = f"{tree / 'src'}:{tree}"
    figures: dict[str, list[dict[str, Any]]] = {name: [] for name in ASKED}
    bodies: list[dict[str, bytes]] = []
    with serving(db, "--no-example", env=env) as live:
        headers = {"Authorization": f"Bearer {live.admin_token}"}
        # As they are on the wire: the bytes the server made, not a compressed copy.
        headers["Accept-Encoding"] = "identity"
        with httpx.Client(base_url=live.url, headers=headers, timeout=1800) as client:
            for n in range(rounds):
                if n:
                    append(client, n)
                got: dict[str, bytes] = {}
                for name, path in ASKED.items():
                    cpu, began = cpu_s(live.process.pid), time.perf_counter()
                    response = client.get(path)
                    wall = time.perf_counter() - began
                    response.raise_for_status()
                    figures[name].append({"wall_s": round(wall, 3),
                                          "server_cpu_s": round(cpu_s(live.process.pid) - cpu, 3),
                                          "bytes": len(response.content)})  # fmt: skip
                    got[name] = response.content
                    print(name, figures[name][-1], flush=True)
                bodies.append(got)
    return {"figures": figures, "bodies": bodies}


def without_instant(body: bytes) -> bytes:
    """An answer "now" less the instant it shows (asked at another moment)."""
    at = json.loads(body)["at"]
    return body.replace(json.dumps(at).encode(), b'"AT"', 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", default="main")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", default="/tmp/status-api.json")
    args = parser.parse_args()
    results: dict[str, Any] = {"before": args.before, "back_end": "postgresql" if "://" in args.db
                               else "sqlite"}  # fmt: skip
    runs = {}
    with tempfile.TemporaryDirectory() as before:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before],
                                 capture_output=True, check=True)  # fmt: skip
        subprocess.run(["tar", "-x", "-C", before], input=archive.stdout, check=True)
        for arm, tree in (("before", Path(before)), ("after", None)):
            print("--", arm, flush=True)
            with scratch_copy(args.db) as db:
                runs[arm] = served(db, tree, args.rounds)
    for one, other in zip(runs["before"]["bodies"], runs["after"]["bodies"], strict=True):
        for name, body in one.items():
            if name.startswith("status now"):
                assert without_instant(body) == without_instant(other[name]), name
            elif name.startswith("status"):
                assert body == other[name], name
    results["same_bytes"] = True
    results["figures"] = {arm: run["figures"] for arm, run in runs.items()}
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results["figures"], indent=1))


if __name__ == "__main__":
    main()

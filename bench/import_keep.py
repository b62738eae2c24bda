"""What `truce import` costs when it keeps the snapshot of the head it wrote, and what the first
status after it costs then, beside the tree of --before (which keeps nothing).

Run:  PYTHONPATH=src:. .venv/bin/python bench/import_keep.py --db /work/bench1m/ledger-1000000.db
          [--before main] [--after HEAD] [--rounds 1]

--db is a ledger built by bench/synthetic.py that nobody judged (a SQLite file or a PostgreSQL
URL), served from a scratch copy per arm (`pages_1m.scratch_copy`). Per arm, as processes, each
timed (wall, and CPU from the children's rusage): `truce import` of a file of one claim (on a
ledger nobody judged: this tree builds the snapshot there), a second such import (a kept
snapshot to fold onto: what an import costs once the ledger has one), then `truce status --json`
with another cache folder (another process on the ledger, as a server started after the
import would be).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages_1m import A, _trees, scratch_copy  # noqa: E402


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    began, used = time.perf_counter(), children_cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return round(time.perf_counter() - began, 2), round(children_cpu() - used, 2)


def one_claim(folder: Path, n: int) -> Path:
    path = folder / f"one-{n}.jsonl"
    claim = {"agreement": A, "type": "statement", "date": "2023-11-30T12:00", "actor": "qatar",
             "sources": [{"outlet": f"import bench {n}"}]}  # fmt: skip
    path.write_text(json.dumps(claim) + "\n", encoding="utf-8")
    return path


def arm(source: str, tree: Path) -> dict[str, Any]:
    row: dict[str, Any] = {}
    with scratch_copy(source) as db, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}:{tree}", "XDG_CACHE_HOME": f"{tmp}/a"}
        truce = [sys.executable, "-m", "truce", "--db", db]
        for n, name in ((1, "import of one claim, nobody judged"), (2, "a second such import")):
            wall, cpu = timed([*truce, "import", str(one_claim(Path(tmp), n))], env)
            row[f"{name}_s"], row[f"{name}, CPU_s"] = wall, cpu
        if "://" not in db:  # another process: none of the folder beside the file either
            subprocess.run(["rm", "-rf", db + ".snapshots"], check=True)
        other = {**env, "XDG_CACHE_HOME": f"{tmp}/b"}
        wall, cpu = timed([*truce, "status", A, "--json"], other)
        row["then truce status --json_s"], row["its CPU_s"] = wall, cpu
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", default="main")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "import-keep.json"))
    args = parser.parse_args()
    found: dict[str, Any] = {"before": args.before, "after": args.after}
    with tempfile.TemporaryDirectory() as trees:
        revisions = {f"today ({args.before})": args.before, f"this ({args.after})": args.after}
        extracted = _trees(revisions, Path(trees))
        for turn in range(args.rounds):
            for name, tree in extracted.items():
                found.setdefault(name, []).append(row := arm(args.db, tree))
                print(name, turn, json.dumps(row), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

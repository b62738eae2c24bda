"""`truce extract` as a user runs it, a process per report, beside an earlier tree: CPU seconds,
wall seconds and peak memory of the whole command, start-up included.

Run:
    git archive COMMIT src | tar -x -C /tmp/base
    .venv/bin/python bench/extract_command.py --base /tmp/base/src [--rounds 3] [--out F.json]

Three ways of running each report, taking turns round by round so a burst of load hits them
alike: the earlier tree; this tree with the gazetteer's index already kept in the user's cache
(every run after a machine's first); this tree with an empty cache (a machine's first run, which
builds and keeps it). The reports: a gold report of about 2,000 characters
(`eval/gold/documents`) and a generated 1 MB report (`tests/extract/big_reports.py`, `mixed`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.extract.big_reports import mixed  # noqa: E402


def run(src: Path, report: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src), "XDG_CACHE_HOME": str(cache)}
    env.pop("TRUCE_PLACES_CACHE", None)
    command = [sys.executable, "-m", "truce", "extract", str(report), "--published", "2023-11-28"]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{src}: {errors.decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"cpu": cpu, "wall": wall, "peak_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the earlier tree's src/")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="extract-command-"))
    big = scratch / "report-1mb.txt"
    big.write_text(mixed(1_000_000), encoding="utf-8")
    reports = {"gold report (2 KB)": ROOT / "eval/gold/documents/gaza-2023-11-22-deal.txt",
               "generated report (1 MB)": big}  # fmt: skip
    kept = scratch / "kept-cache"
    run(ROOT / "src", reports["gold report (2 KB)"], kept)  # this tree's index kept once
    ways = {
        "before": lambda report, n: run(args.base, report, scratch / f"base-{n}"),
        "this, index kept": lambda report, n: run(ROOT / "src", report, kept),
        "this, empty cache": lambda report, n: run(ROOT / "src", report, scratch / f"empty-{n}"),
    }
    seen: dict[str, dict[str, list[dict[str, float]]]] = {r: {w: [] for w in ways} for r in reports}
    order = list(ways)
    for n in range(args.rounds):
        for name, report in reports.items():
            order.reverse()
            for way in order:
                seen[name][way].append(ways[way](report, f"{n}-{name[:4]}"))
                shutil.rmtree(scratch / f"empty-{n}-{name[:4]}", ignore_errors=True)
    result: dict[str, Any] = {"rounds": args.rounds, "loadavg": os.getloadavg(), "reports": {}}
    for name, by_way in seen.items():
        rows = {
            way: {k: round(statistics.median(r[k] for r in runs), 2) for k in runs[0]}
            for way, runs in by_way.items()
        }
        for way in ("this, index kept", "this, empty cache"):
            rows[way]["cpu_ratio_to_before"] = round(rows[way]["cpu"] / rows["before"]["cpu"], 3)
        result["reports"][name] = rows
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

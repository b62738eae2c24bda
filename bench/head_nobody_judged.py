"""`truce status --json --at` as a process on a head nobody judged (no snapshot, nothing kept):
the code before a change and after it, in turns, each on a fresh copy of the ledger.

Run:  PYTHONPATH=src:. .venv/bin/python bench/head_nobody_judged.py --db LEDGER [--before main]
          [--rounds 2] [--at 2023-11-27T12:00] [--workdir /tmp/head-nobody-judged]

LEDGER is a SQLite file or a PostgreSQL URL built by bench/status_1m.py; it is never written:
each run reads a copy (the file copied into --workdir; on PostgreSQL a scratch database made
with `createdb -T`, dropped after, and a fresh cache folder for the snapshot's files). Per run:
the CPU seconds (user+sys, side processes included) and wall until a pipe's reader has the whole
answer, and at the process's exit; its peak RSS; the answer's bytes and SHA-256, which must be
the same for both trees.

With `--release FILE` (a module under `truce`, e.g. domain/engine/frame.py) the head is one a
process of the same tree judged first (untimed: its snapshot kept), and the status timed is run
by a *release* of that tree: its source copied with a line added to FILE, so that the rules'
version differs (docs/status.md, "A head nobody judged": a new release on a judged ledger).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from trees import unpacked_once  # bench/trees.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = "gaza-2023-11"


def _cpu(pid: int) -> float:
    """The process's CPU seconds so far, its waited-for children's included (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _copy(db: str, workdir: Path) -> tuple[str, Path]:
    """A fresh copy of the ledger nobody judged, and the cache folder the run uses."""
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    if not db.startswith("postgresql"):
        for old in workdir.glob("copy.db*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        shutil.copy(db, workdir / "copy.db")
        return str(workdir / "copy.db"), cache
    url = urlsplit(db)
    source, scratch = url.path.lstrip("/"), "truce_head_nobody_judged"
    server = ["-h", url.hostname or "127.0.0.1", "-U", url.username or "postgres"]
    subprocess.run(["dropdb", *server, "--if-exists", scratch], check=True)
    subprocess.run(["createdb", *server, "-T", source, scratch], check=True)
    return urlunsplit(url._replace(path="/" + scratch)), cache


def released(source: Path, changed: str, folder: Path) -> Path:
    """A copy of the tree at `source` with a line added to its `truce/<changed>`: a release."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(
        source / "truce", folder / "truce", ignore=shutil.ignore_patterns("__pycache__")
    )
    with (folder / "truce" / changed).open("a", encoding="utf-8") as file:
        file.write("\n# a release that changed this file\n")
    return folder


def one(
    source: Path, db: str, at: str, workdir: Path, release: Path | None = None
) -> dict[str, object]:
    copy, cache = _copy(db, workdir)
    command = [sys.executable, "-m", "truce", "--db", copy, "status", AGREEMENT, "--json"]
    env = {**os.environ, "PYTHONPATH": str(source), "XDG_CACHE_HOME": str(cache)}
    if release is not None:  # judged and kept by this tree, then asked by its release
        subprocess.run([*command, "--at", at], stdout=subprocess.DEVNULL, env=env, check=True)
        env["PYTHONPATH"] = str(release)
    start = time.perf_counter()
    proc = subprocess.Popen([*command, "--at", at], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    answer = proc.stdout.read()
    out_wall, out_cpu = time.perf_counter() - start, _cpu(proc.pid)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "exit": proc.returncode,
        "answer_out_cpu_s": round(out_cpu, 2),
        "answer_out_wall_s": round(out_wall, 1),
        "exit_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "exit_wall_s": round(time.perf_counter() - start, 1),
        "max_rss_mb": round(usage.ru_maxrss / 1024),
        "bytes": len(answer),
        "sha256": hashlib.sha256(answer).hexdigest()[:16],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", default="main")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--at", default="2023-11-27T12:00")
    parser.add_argument("--workdir", default="/tmp/head-nobody-judged")
    parser.add_argument("--release", help="a module under truce/ a release changed (see above)")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    trees = {"before": unpacked_once(args.before, workdir), "after": ROOT / "src"}
    releases = {
        arm: released(source, args.release, workdir / f"release-{arm}") if args.release else None
        for arm, source in trees.items()
    }
    for round_ in range(1, args.rounds + 1):
        for arm, source in trees.items():
            found = one(source, args.db, args.at, workdir, releases[arm])
            print(json.dumps({"round": round_, "arm": arm, **found}), flush=True)


if __name__ == "__main__":
    main()

"""Earlier trees beside this one, for the benchmarks that time both in fresh processes: a
revision's `src` unpacked with `git archive`, and a worker script run on a given tree, its
answer read as JSON from its standard output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def unpack_src(rev: str, folder: str | Path) -> Path:
    """The `src` folder of `rev`, unpacked under `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return Path(folder) / "src"


def unpacked_once(rev: str, workdir: Path) -> Path:
    """The `src` folder of `rev` under `workdir/before-REV`, unpacked on the first call and
    reused by later runs."""
    target = workdir / f"before-{rev}"
    if not (target / "src" / "truce").exists():
        target.mkdir(parents=True, exist_ok=True)
        unpack_src(rev, target)
    return target / "src"


def run_on(source: Path, worker: str, *args: str) -> Any:
    """`worker` run with `python -c` and the package from `source`; what it prints, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", worker, *args],
        env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)

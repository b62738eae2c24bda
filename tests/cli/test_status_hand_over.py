"""`truce status --json` on a head nobody judged hands its answer over first (standard output
flushed and let go) and then writes what it keeps for the next reader: the snapshot's files and
its copy in the database, and the breach block. As a real process, reading its output through a
pipe to the end."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Run

A = "gaza-2023-11"
AT = "2023-11-28T12:00"
SRC = Path(__file__).resolve().parents[2] / "src"


def _kept(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM kept")}


def test_the_answer_is_handed_over_then_what_is_kept_is_written(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    db = tmp_path / "truce.db"
    shutil.rmtree(tmp_path / "truce.db.snapshots")  # a head nobody judged: nothing kept
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM kept")
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "truce", "--db", str(db), "status", A, "--at", AT, "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        answer = proc.stdout.read()  # to the pipe's end: the answer whole
        problems = proc.stderr.read()
    assert proc.returncode == 0, problems
    assert json.loads(answer)["at"].startswith("2023-11-28T12:00")
    # Written after: the snapshot's files and its copy in the database, the breach block.
    assert list((tmp_path / "truce.db.snapshots").glob("*.claims.arrow"))
    assert {"snapshot/claims", "frame"} <= _kept(db)
    assert any(name.startswith("breaches") for name in _kept(db)), _kept(db)
    # And the answer is the one a status in this process prints from what was kept.
    again = gaza_ledger("status", A, "--at", AT, "--json")
    assert again.exit_code == 0 and again.output.encode() == answer

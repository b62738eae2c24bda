"""`truce status` judges without importing pandas (`cli.no_pandas`: Arrow imports it on its first
conversion of Python values, 0.4-0.5 s of CPU per process), and prints what a process that has
pandas prints. A real `truce` process on a real SQLite file, its modules listed at its exit."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Run, truce_env

A = "gaza-2023-11"
# `truce` as a process (pandas imported first when told "with"), then whether pandas was
# imported, on standard error.
RUN = """
import runpy, sys
if sys.argv.pop(1) == "with":
    import pandas
sys.argv = ["truce", *sys.argv[1:]]
try:
    runpy.run_module("truce", run_name="__main__")
finally:
    print("pandas imported:", "pandas" in sys.modules, file=sys.stderr)
"""


def _nobody_judged(db: Path) -> None:
    shutil.rmtree(db.with_name(db.name + ".snapshots"), ignore_errors=True)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM kept")


def _status(db: Path, *args: str, pandas: str = "without") -> tuple[str, bool]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, pandas, "--db", str(db), "status", A, *args],
        env=truce_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout, "pandas imported: True" in done.stderr


def test_status_judges_without_pandas_and_says_the_same(gaza_ledger: Run, tmp_path: Path) -> None:
    db = tmp_path / "truce.db"
    for args in (["--json", "--at", "2023-11-27T12:00"], ["--at", "2023-11-28T12:00"]):
        _nobody_judged(db)
        printed, imported = _status(db, *args)
        assert not imported  # fails without `no_pandas.refused` (Arrow imports it)
        _nobody_judged(db)
        assert _status(db, *args, pandas="with") == (printed, True)


def test_import_keeps_its_snapshot_without_pandas(gaza_ledger: Run, tmp_path: Path) -> None:
    """`truce import` builds and keeps the snapshot of its head without pandas; a status from
    it says what a status judged from nothing says."""
    db = tmp_path / "truce.db"
    _nobody_judged(db)
    late = tmp_path / "late.jsonl"
    late.write_text(
        '{"agreement": "gaza-2023-11", "type": "breach", "date": "2023-11-28T09:00", '
        '"actor": "hamas", "status": "alleged", "sources": [{"outlet": "Kan"}]}\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", RUN, "without", "--db", str(db), "import", str(late)],
        env=truce_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "pandas imported: False" in done.stderr  # fails without `refused` in `import`
    args = ["--json", "--at", "2023-11-29T12:00"]
    from_kept = _status(db, *args, pandas="with")
    _nobody_judged(db)
    assert _status(db, *args, pandas="with") == from_kept

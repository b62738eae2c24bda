"""`truce import` is all-or-nothing at any size: a bad claim deep in a large file, a database
error, SIGKILL or Ctrl-C in the middle leave the ledger exactly as it was."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from tests.cli.conftest import GAZA, GAZA_CLAIMS
from truce.cli.app import app
from truce.storage.ledger import Ledger
from truce.storage.tables import claims as claims_table

ROOT = Path(__file__).resolve().parents[2]


def claim_line(n: int, **changes: object) -> str:
    minute = n % (24 * 60)
    fields: dict[str, object] = {
        "agreement": "gaza-2023-11",
        "type": "release",
        "date": f"2023-11-{24 + n // (24 * 60) % 4}T{minute // 60:02d}:{minute % 60:02d}:00+02:00",
        "actor": "hamas",
        "quantity": 1 + n % 7,
        "subject": "hostages",
        "sources": [{"outlet": "AFP"}],
        "notes": f"bulk claim {n}",
    }
    fields.update(changes)
    return json.dumps(fields)


def write_file(path: Path, count: int, bad_at: int | None = None, **bad: object) -> Path:
    with path.open("w") as out:
        for n in range(1, count + 1):
            out.write((claim_line(n, **bad) if n == bad_at else claim_line(n)) + "\n")
    return path


def prepared(db: str) -> tuple[int, str]:
    """A ledger holding the Gaza agreement and its record; its claim count and head."""
    runner = CliRunner()
    for args in (["init"], ["agreement", "add", str(GAZA)], ["import", str(GAZA_CLAIMS)]):
        result = runner.invoke(app, ["--db", db, *args])
        assert result.exit_code == 0, result.output
    return state(db)


def state(db: str) -> tuple[int, str]:
    with Ledger.open(db) as ledger:
        head = ledger.head()
        assert head is not None
        with ledger.engine.connect() as conn:
            count = conn.execute(text(f"SELECT count(*) FROM {claims_table.name}")).scalar_one()
        assert ledger.verify().ok
        return int(count), head.hash


@pytest.mark.parametrize(
    "bad",
    [
        # Refused only when written: a correction of a claim that is nowhere in the ledger.
        {"supersedes": "c0123456789abcd"},
        # Too large for the database's integer column (or refused earlier, by validation).
        {"quantity": 10**30},
    ],
    ids=["unknown-correction", "quantity-1e30"],
)
def test_a_bad_claim_at_line_10001_leaves_nothing(
    ledger_url: str, tmp_path: Path, bad: dict[str, object]
) -> None:
    before = prepared(ledger_url)
    path = write_file(tmp_path / "big.jsonl", 12_000, bad_at=10_001, **bad)
    result = CliRunner().invoke(app, ["--db", ledger_url, "import", str(path)])
    # A coded error saying nothing was imported, not a traceback.
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert state(ledger_url) == before


def test_a_large_file_imports_whole_with_one_head(ledger_url: str, tmp_path: Path) -> None:
    count, _ = prepared(ledger_url)
    path = write_file(tmp_path / "big.jsonl", 12_000)
    result = CliRunner().invoke(app, ["--db", ledger_url, "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "imported 12000 claim(s), 0 already recorded" in result.stdout
    after, _ = state(ledger_url)
    assert after == count + 12_000


# -- interrupting a real `truce import` process ------------------------------------------------

SIZE = 60_000


def _sqlite_writer_holds_lock(path: str) -> bool:
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def _midway(db: str, before: int, proc: subprocess.Popen[bytes]) -> None:
    """Wait until the import is well under way: some claims visible to others (an import that
    commits in parts), or its writes in progress for a while without any visible."""
    sqlite = not db.startswith("postgresql")
    engine = None if sqlite else create_engine(db)
    start_size: int | None = None
    held_since: float | None = None
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            assert proc.poll() is None, "the import ended before it could be interrupted"
            if sqlite:
                with sqlite3.connect(db, timeout=5) as conn:
                    count = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
                busy = _sqlite_writer_holds_lock(db)
            else:
                assert engine is not None
                with engine.connect() as conn:
                    count = conn.execute(text("SELECT count(*) FROM claims")).scalar_one()
                    size = conn.execute(
                        text("SELECT pg_total_relation_size('entries')")
                    ).scalar_one()
                start_size = size if start_size is None else start_size
                # Uncommitted rows take space on disk before anyone can see them.
                busy = size - start_size > 8 * 2**20
            if count > before:
                return
            if busy:
                held_since = held_since or time.monotonic()
                # An import that commits in parts shows its first part above as soon as it
                # commits; one transaction shows nothing, so stop it well inside its write,
                # which takes seconds for 60,000 claims even on a quiet machine.
                if time.monotonic() - held_since > 0.3:
                    return
            else:
                held_since = None
            time.sleep(0.01)
        raise AssertionError("the import never got under way")
    finally:
        if engine is not None:
            engine.dispose()


def _ctrl_c_heard() -> None:
    """In the child before it runs truce: Ctrl-C's default action, as in a terminal. A test run
    started in the background (`nohup ... &`) ignores SIGINT, a child inherits that, and Python
    then never raises KeyboardInterrupt: the import would run to its end."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_import_interrupted_midway_leaves_the_ledger_as_it_was(
    ledger_url: str, tmp_path: Path, sig: signal.Signals
) -> None:
    before = prepared(ledger_url)
    path = write_file(tmp_path / "big.jsonl", SIZE)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "truce", "--db", ledger_url, "import", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_ctrl_c_heard,
    )
    try:
        _midway(ledger_url, before[0], proc)
        proc.send_signal(sig)
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert state(ledger_url) == before

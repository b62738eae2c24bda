"""`truce import` keeps the snapshot of the head it wrote (`storage.kept_snapshot`), so the first
status after it, in a process that holds no snapshot of its own, reads no claim again, and says
what a status judged from nothing says."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from truce.storage import snapshot

A = "gaza-2023-11"
AT = "2023-11-28T12:00"
LATE = {"agreement": A, "type": "breach", "date": "2023-11-28T09:00", "actor": "hamas",
        "status": "alleged", "sources": [{"outlet": "Kan"}]}  # fmt: skip


def _kept_head(db: Path, name: str) -> int | None:
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT header FROM kept WHERE name = ?", (name,)).fetchone()
    return None if found is None else int(json.loads(found[0])["seq"])


def _head(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT max(seq) FROM entries").fetchone()[0])


def test_an_import_keeps_the_snapshot_of_its_head(
    gaza_ledger: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    row_reads: list[tuple[int, int]],
) -> None:
    db = tmp_path / "truce.db"
    assert _kept_head(db, "snapshot/claims") == _kept_head(db, "frame") == _head(db)
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps(LATE) + "\n", encoding="utf-8")
    assert gaza_ledger("import", str(late)).exit_code == 0  # folded on, kept at the new head
    assert _head(db) in (_kept_head(db, "snapshot/tail"), _kept_head(db, "snapshot/claims"))
    # Another process (none of this one's memory), with no folder of its own: the kept copy
    # serves, and no claim is read again.
    monkeypatch.setattr(snapshot, "_LATEST", {})
    shutil.rmtree(tmp_path / "truce.db.snapshots")
    reads = row_reads
    reads.clear()  # the imports' own
    first = gaza_ledger("status", A, "--at", AT, "--json")
    assert first.exit_code == 0, first.output
    assert all(after == upto for after, upto in reads)  # nothing new since the kept head
    # Judged from nothing (no memory, no folder, nothing kept): the same answer.
    monkeypatch.setattr(snapshot, "_LATEST", {})
    shutil.rmtree(tmp_path / "truce.db.snapshots")
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM kept")
    rebuilt = gaza_ledger("status", A, "--at", AT, "--json")
    assert rebuilt.stdout == first.stdout
    assert reads[-1] == (0, _head(db))  # this one read the record whole


def test_an_import_that_adds_nothing_writes_no_snapshot(gaza_ledger: Run, tmp_path: Path) -> None:
    db = tmp_path / "truce.db"
    shutil.rmtree(tmp_path / "truce.db.snapshots", ignore_errors=True)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM kept")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    gaza_ledger("import", str(empty))
    assert _kept_head(db, "snapshot/claims") is None
    assert not (tmp_path / "truce.db.snapshots").exists()

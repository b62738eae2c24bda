"""`truce status --json`: what it prints is the standard library's JSON of the answer, the same
whether judged or read back as kept, and never a kept answer the ledger has moved past."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.cli.conftest import Run

AT = "2023-11-28T12:00"
LATE_BREACH = {
    "agreement": "gaza-2023-11", "type": "breach", "date": "2023-11-28T09:00",
    "actor": "hamas", "status": "alleged", "sources": [{"outlet": "Kan"}],
}  # fmt: skip


def _kept_answers(db: Path) -> int:
    """How many judged answers the ledger keeps (`storage.kept_place`)."""
    with sqlite3.connect(db) as conn:
        return int(
            conn.execute("SELECT count(*) FROM kept WHERE name LIKE 'answer/%'").fetchone()[0]
        )


def _reference(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def test_a_status_prints_as_the_standard_library_would(gaza_ledger: Run) -> None:
    shown = gaza_ledger("status", "gaza-2023-11", "--at", "2023-12-02", "--json")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == _reference(json.loads(shown.stdout)) + "\n"


def test_a_kept_answer_prints_the_same_and_an_import_is_seen(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    first = gaza_ledger("status", "gaza-2023-11", "--at", AT, "--json")
    assert first.exit_code == 0, first.output
    assert _kept_answers(tmp_path / "truce.db") == 1
    again = gaza_ledger("status", "gaza-2023-11", "--at", AT, "--json")
    assert again.stdout == first.stdout
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps(LATE_BREACH) + "\n", encoding="utf-8")
    assert gaza_ledger("import", str(late)).exit_code == 0
    after = gaza_ledger("status", "gaza-2023-11", "--at", AT, "--json")
    breaches = json.loads(after.stdout)["breaches"]
    assert len(breaches) == len(json.loads(first.stdout)["breaches"]) + 1
    shutil.rmtree(tmp_path / "truce.db.snapshots")
    with sqlite3.connect(tmp_path / "truce.db") as db:  # nothing kept anywhere: judged anew
        db.execute("DELETE FROM kept")
    rebuilt = gaza_ledger("status", "gaza-2023-11", "--at", AT, "--json")
    assert rebuilt.stdout == after.stdout

"""`truce review accept` and `truce review auto-accept` append claims as `truce record` does, and
keep the snapshot at their head as it does (`cli.context.keep_snapshots`): the next status, in
a process with no folder of its own, reads no claim again and says what a status judged from
nothing says."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.services.review.test_review import GAZA, pending, seed_copy
from truce.cli.app import app
from truce.storage import snapshot

A = "gaza-2023-11"
AT = "2023-11-28T12:00"


def _kept_heads(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT header FROM kept WHERE name LIKE 'snapshot/%'").fetchall()
    return {int(json.loads(header)["seq"]) for (header,) in found}


def _head(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT max(seq) FROM entries").fetchone()[0])


@pytest.mark.parametrize("how", ["accept", "auto-accept"])
def test_an_accepted_candidate_keeps_the_snapshot_of_its_head(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    row_reads: list[tuple[int, int]],
    how: str,
) -> None:
    db = tmp_path / "truce.db"

    def truce(*args: str) -> Result:
        return CliRunner().invoke(app, ["--db", str(db), *args])

    assert truce("init").exit_code == 0
    assert truce("agreement", "add", str(GAZA)).exit_code == 0
    assert truce("ingest", str(seed_copy(tmp_path)), "--agreement", A).exit_code == 0
    assert _kept_heads(db) == set()  # queued candidates are no claims
    if how == "accept":
        done = truce("review", "accept", pending(truce)[0]["id"], "--set", "date=2023-11-27")
    else:
        done = truce("review", "auto-accept", "--above", "0.01", "--agreement", A)
    assert done.exit_code == 0, done.output
    assert _head(db) in _kept_heads(db)  # the first claims: built, kept at the head
    # Another process: none of this one's memory, nor its folder.
    monkeypatch.setattr(snapshot, "_LATEST", {})
    shutil.rmtree(tmp_path / "truce.db.snapshots")
    row_reads.clear()
    first = truce("status", A, "--at", AT, "--json")
    assert first.exit_code == 0, first.output
    assert all(after == upto for after, upto in row_reads)  # no claim read again
    monkeypatch.setattr(snapshot, "_LATEST", {})
    shutil.rmtree(tmp_path / "truce.db.snapshots")
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM kept")
    assert truce("status", A, "--at", AT, "--json").stdout == first.stdout


@pytest.mark.parametrize("enough", [True, False])
def test_an_auto_accept_builds_by_the_claims_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enough: bool
) -> None:
    """On a ledger others wrote (the bundled record's 33 claims, by `Ledger.append_claims`:
    nobody judged), past `WHOLE_UP_TO` (here 10): `review auto-accept` of n candidates builds the
    snapshot where the agreement then has at most `BUILD_PER_WRITTEN` x n claims, counting every
    claim it wrote (`cli.context.keep_snapshots`), not one per agreement; a factor one short of
    that builds nothing."""
    from tests.storage.gaza_record import _record, _spec
    from truce.services import claims
    from truce.storage import Ledger

    db = tmp_path / "truce.db"

    def truce(*args: str) -> Result:
        return CliRunner().invoke(app, ["--db", str(db), *args])

    spec, text = _spec()
    with Ledger.init(str(db)) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
    assert truce("ingest", str(seed_copy(tmp_path)), "--agreement", A).exit_code == 0
    n = len(pending(truce))
    assert n >= 2
    total = 33 + n
    per = -(-total // n)  # the least factor with per x n >= total; per x 1 < total
    monkeypatch.setattr(claims, "WHOLE_UP_TO", 10)
    monkeypatch.setattr(claims, "BUILD_PER_WRITTEN", per if enough else per - 1)
    done = truce("review", "auto-accept", "--above", "0.01", "--agreement", A)
    assert done.exit_code == 0, done.output
    # The agreement, 33 claims, the document, then a claim and a review per candidate: all in.
    assert _head(db) == 1 + 33 + 1 + 2 * n
    assert (_head(db) in _kept_heads(db)) is enough

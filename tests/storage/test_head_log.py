"""The head log beside a SQLite ledger: written by every write, read by verify, and it catches
the cuts and rewrites a valid-looking chain hides."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.storage import Ledger
from truce.storage.head_log import read_log
from truce.storage.users import UserStore


@pytest.fixture
def ledger(tmp_path: Path, make_claim: ClaimFactory) -> Iterator[Ledger]:
    with Ledger.init(str(tmp_path / "truce.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        ledger.append_claims([make_claim(n) for n in range(5)], "analyst")
        yield ledger


def raw(ledger: Ledger, *statements: str) -> None:
    """Edit the file with the sqlite3 module alone, as anyone with the file can."""
    path = Path(str(ledger.engine.url.database))
    con = sqlite3.connect(path)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def noted(ledger: Ledger) -> list[tuple[int, str]]:
    assert ledger.head_log is not None
    heads, problems = read_log(ledger.head_log)
    assert problems == []
    return [(h.seq, h.hash) for h in heads]


def test_every_write_path_notes_the_head_it_committed(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    assert noted(ledger)[-1] == (6, ledger.head().hash)  # type: ignore[union-attr]
    UserStore(ledger.engine).add("ana", "observer", "admin")
    assert noted(ledger)[-1] == (7, ledger.head().hash)  # type: ignore[union-attr]
    ledger.append_claims([make_claim(1)], "analyst")  # already recorded: nothing committed
    assert len(noted(ledger)) == 3
    report = ledger.verify()
    assert report.ok and report.witnesses == [
        "head log truce.db.heads: every noted head is in the chain"
    ]


def test_parallel_writers_leave_the_log_in_seq_order(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    def write(n: int) -> None:
        ledger.append_claims([make_claim(100 + n)], f"writer {n}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(24)))
    seqs = [seq for seq, _ in noted(ledger)]
    assert seqs == sorted(set(seqs)) and seqs[-1] == 30
    assert ledger.verify().ok


def test_restoring_an_older_copy_is_caught(
    ledger: Ledger, make_claim: ClaimFactory, tmp_path: Path
) -> None:
    old = tmp_path / "backup.db"
    src, dst = sqlite3.connect(tmp_path / "truce.db"), sqlite3.connect(old)
    src.backup(dst)
    src.close()
    dst.close()
    ledger.append_claims([make_claim(10), make_claim(11)], "analyst")
    ledger.close()
    for leftover in ("truce.db-wal", "truce.db-shm"):
        (tmp_path / leftover).unlink(missing_ok=True)
    shutil.copy(old, tmp_path / "truce.db")
    with Ledger.open(str(tmp_path / "truce.db")) as restored:
        report = restored.verify()
        assert report.problems == []  # the chain itself is whole: only the witness sees it
        assert not report.ok
        (problem,) = report.witness_problems
        assert problem.code == "L201"
        assert "has no entry 8: the ledger lost its tail" in problem.message


# A clean cut of entry 6: its claim, its entry and its names for the lists (else L190 sees them).
_CUT_SIX = (
    "DELETE FROM claim_terms WHERE seq = 6",
    "DELETE FROM claims WHERE seq = 6",
    "DELETE FROM entries WHERE seq = 6",
)


def test_deleted_tail_rows_are_caught(ledger: Ledger) -> None:
    raw(ledger, *_CUT_SIX)
    report = ledger.verify()
    assert report.problems == [] and not report.ok
    assert [p.code for p in report.witness_problems] == ["L201"]


def test_a_rewritten_history_is_caught_even_when_rehashed(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    # Cut the tail and write a different one in its place through the ledger itself: the new
    # chain is valid, but entry 6 is not the entry the log noted.
    raw(ledger, *_CUT_SIX)
    log = ledger.head_log
    assert log is not None
    kept = log.read_text()
    ledger.append_claims([make_claim(40)], "someone else")
    log.write_text(kept)  # as if the rewriter did not know of the log
    report = ledger.verify()
    assert report.problems == [] and not report.ok
    (problem,) = report.witness_problems
    assert problem.code == "L201" and "the history was rewritten" in problem.message


def test_a_garbled_log_line_is_reported(ledger: Ledger) -> None:
    assert ledger.head_log is not None
    with ledger.head_log.open("a") as log:
        log.write("not a head\n")
    report = ledger.verify()
    assert not report.ok
    assert "line 3 is not `SEQ HASH`" in report.witness_problems[0].message


def test_a_new_ledger_at_the_same_path_sets_the_old_log_aside(
    ledger: Ledger, tmp_path: Path
) -> None:
    ledger.close()
    kept = (tmp_path / "truce.db.heads").read_text()
    for name in ("truce.db", "truce.db-wal", "truce.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    with Ledger.init(str(tmp_path / "truce.db")) as fresh:
        fresh.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        assert fresh.verify().ok
    (aside,) = tmp_path.glob("truce.db.heads.before-*")
    assert aside.read_text() == kept

"""The server-side check of a range (`storage.verify_server`) passes clean ranges and leaves
every damaged one to the entry-by-entry pass, so the report is the same problem for problem.

The ledger and the tamperings shared with the compiled check are `tests/storage/odd_chain.py`'s;
each report is held equal to the one the entry-by-entry pass alone gives, on SQLite (where only
that pass runs) and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ClaimFactory
from tests.storage.odd_chain import CLAIMS, RANGE, TAMPERINGS, Tampering, fill, ref, tamper
from truce.storage import Ledger, verify_range, verify_server
from truce.storage.records import VerifyReport


@pytest.fixture
def ledger(
    ledger_url: str, make_claim: ClaimFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Ledger]:
    monkeypatch.setattr(verify_range, "RANGE", RANGE)
    with Ledger.init(ledger_url) as ledger:
        fill(ledger, make_claim)
        yield ledger


class Counted:
    """`check_on_server`, counting the ranges it passes."""

    def __init__(self) -> None:
        self.passed = 0
        self.original = verify_server.check_on_server

    def __call__(self, *args: Any) -> Any:
        result = self.original(*args)
        self.passed += result is not None
        return result


def _reports(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, head: str | None = None
) -> tuple[VerifyReport, int]:
    """The report with the server's check (one process and three), after holding it equal to
    the entry-by-entry pass's; and how many ranges the server passed in one process."""
    with monkeypatch.context() as off:
        off.setattr(verify_range, "check_on_server", lambda *args: None)
        alone = ledger.verify(head, workers=1)
    counted = Counted()
    monkeypatch.setattr(verify_range, "check_on_server", counted)
    report = ledger.verify(head, workers=1)
    passed = counted.passed
    assert report == alone
    if ledger.engine.dialect.name == "postgresql":
        assert ledger.verify(head, workers=3) == alone
    return report, passed


def test_a_clean_chain_passes_range_by_range_on_the_server(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    report, passed = _reports(ledger, monkeypatch)
    assert report.ok and report.entries == CLAIMS + 1
    # On PostgreSQL every range passes there: its escaping and hashing are `json`'s and
    # hashlib's, odd texts included. SQLite has no server: every entry is checked here.
    expected = 5 if ledger.engine.dialect.name == "postgresql" else 0
    assert passed == expected
    head = ledger.head()
    assert head is not None
    assert _reports(ledger, monkeypatch, head.hash)[0].ok


@pytest.mark.parametrize("seq", [1, 2, 5, 6, 13, 20, 21, 24])
def test_an_edited_payload_is_found_wherever_it_is(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, seq: int
) -> None:
    tamper(ledger, f"UPDATE entries SET payload = payload || ' ' WHERE seq = {seq}")
    report, passed = _reports(ledger, monkeypatch)
    assert report.problems[0] == (
        f"hash mismatch at seq {seq}: the entry was edited after it was recorded"
    )
    if ledger.engine.dialect.name == "postgresql":
        assert passed == 4  # only the damaged range was read entry by entry


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor", "'idf'"),
        ("quantity", "99"),
        ("quantity", "NULL"),
        ("notes", "'say \"yes\"'"),
        ("categories", "'[\"men\"]'"),
        ("categories", "'not json'"),
        ("sources", "'{}'"),
        ("extra", "'{\"n\": 1}'"),
        ("extra", "'[1]'"),
        ("qualifier", "'about'"),
        ("parts", "'{\"women\": 2}'"),
        ("recorded_by", "'someone else'"),
        ("payload", "replace(payload, 'hamas', 'idf')"),
        ("seq", "seq + 1000"),
    ],
)
@pytest.mark.parametrize("seq", [5, 6, 13])
def test_an_edited_claims_row_is_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, column: str, value: str, seq: int
) -> None:
    tamper(ledger, f"UPDATE claims SET {column} = {value} WHERE seq = {seq}")
    report, _ = _reports(ledger, monkeypatch)
    assert not report.ok
    assert f"entry {seq} " in report.problems[0] or f"seq {seq}" in report.problems[0]


@pytest.mark.parametrize("case", TAMPERINGS, ids=str)
def test_a_tampering_is_reported_as_the_entry_by_entry_pass_does(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, case: Tampering
) -> None:
    tamper(ledger, *case.statements)
    report, _ = _reports(ledger, monkeypatch)
    assert case.holds(ledger, report), report.problems


def test_an_entry_of_an_unknown_kind_is_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    tamper(ledger, "UPDATE entries SET kind = 'forged' WHERE seq = 7")
    report, _ = _reports(ledger, monkeypatch)
    assert "unknown kind 'forged' at seq 7" in report.problems


def test_a_recorder_edited_in_the_chain_is_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    tamper(ledger, "UPDATE entries SET recorded_by = NULL WHERE seq = 16")
    report, _ = _reports(ledger, monkeypatch)
    assert report.problems[0] == (
        "hash mismatch at seq 16: the entry was edited after it was recorded"
    )


def test_an_odd_text_rewritten_as_its_escaped_spelling_is_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note holding the characters of its own JSON escape (a backslash and an n, not a
    newline) is another note: the server's spelling of it must not match the payload's."""
    newline = "chr(10)" if ledger.engine.dialect.name == "postgresql" else "char(10)"
    tamper(ledger, f"UPDATE claims SET notes = replace(notes, {newline}, '\\n') WHERE seq = 4")
    report, _ = _reports(ledger, monkeypatch)
    assert report.problems == [f"claims row {ref(ledger, 4)} does not match entry 4 in: notes"]

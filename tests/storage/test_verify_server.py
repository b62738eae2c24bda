"""The server-side check of a range (`storage.verify_server`) passes clean ranges and leaves
every damaged one to the entry-by-entry pass, so the report is the same problem for problem.

Ranges are cut small (5 seqs) so each kind of tampering lands inside a range, on its first or
last seq, and in the first or last range; each report is held equal to the one the
entry-by-entry pass alone gives, on SQLite (where only that pass runs) and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import Source
from truce.storage import Ledger, verify_range, verify_server
from truce.storage.records import VerifyReport

CLAIMS = 23  # entries 2..24; ranges 1..5, 6..10, 11..15, 16..20, 21..24
RANGE = 5
# Texts that JSON escapes, or that a careless escaper would: quotes, backslashes, control
# characters, non-ASCII, a character outside the BMP, an apostrophe (SQL's quote).
ODD = ['say "no"', "back\\slash", "line\nbreak\ttab", "bell\x07", "Ağrı – Gazze", "🙂", "it's"]


@pytest.fixture
def ledger(
    ledger_url: str, make_claim: ClaimFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Ledger]:
    """Entry 1 is the agreement, 2..24 claims with odd texts, extras, qualifiers and parts."""
    monkeypatch.setattr(verify_range, "RANGE", RANGE)
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        for n in range(CLAIMS):
            odd = ODD[n % len(ODD)]
            changes: dict[str, Any] = {"notes": odd, "location": odd if n % 2 else None}
            if n % 3 == 0:
                changes["extra"] = {"place": {"name": odd}, "n": n}
            if n % 4 == 0:
                changes["sources"] = (Source(outlet=odd, speaker="Majed al-Ansari"),)
            if n % 5 == 0:
                changes["categories"] = ()
            ledger.append_claims([make_claim(n, **changes)], f"analyst {odd}")
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


def tamper(ledger: Ledger, *statements: str) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _ref(ledger: Ledger, seq: int) -> str:
    with ledger.engine.connect() as conn:
        return str(conn.execute(text(f"SELECT ref FROM entries WHERE seq = {seq}")).scalar())


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


def test_a_deleted_claims_row_is_found(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    tamper(ledger, "DELETE FROM claims WHERE seq = 11")
    report, _ = _reports(ledger, monkeypatch)
    assert report.problems == [
        f"claim {_ref(ledger, 11)} (seq 11) is missing from the claims projection"
    ]


@pytest.mark.parametrize("seq", [2, 5, 6, 10, 11, 23])
def test_a_deleted_entry_is_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, seq: int
) -> None:
    tamper(ledger, f"DELETE FROM entries WHERE seq = {seq}")
    report, _ = _reports(ledger, monkeypatch)
    assert not report.ok
    assert report.problems[0] == (
        f"seq gap at {seq}: next entry is {seq + 1} (entries deleted or moved)"
    )


@pytest.mark.parametrize(("a", "b"), [(5, 6), (10, 11), (12, 13), (2, 24)])
def test_reordered_entries_are_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, a: int, b: int
) -> None:
    tamper(
        ledger,
        f"UPDATE entries SET seq = -1 WHERE seq = {a}",
        f"UPDATE entries SET seq = {a} WHERE seq = {b}",
        f"UPDATE entries SET seq = {b} WHERE seq = -1",
    )
    report, _ = _reports(ledger, monkeypatch)
    assert report.problems[0].startswith(f"broken link at seq {a}")


@pytest.mark.parametrize("seq", [5, 6, 15])
def test_a_forged_hash_is_found(ledger: Ledger, monkeypatch: pytest.MonkeyPatch, seq: int) -> None:
    """A hash rewritten to match an edited entry breaks the link of the entry after it."""
    tamper(ledger, f"UPDATE entries SET hash = '{'ab' * 32}' WHERE seq = {seq}")
    report, _ = _reports(ledger, monkeypatch)
    assert report.problems == [
        f"hash mismatch at seq {seq}: the entry was edited after it was recorded",
        f"broken link at seq {seq + 1}: prev_hash does not match the entry before it "
        "(entries deleted, reordered or inserted)",
    ]


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
    assert report.problems == [f"claims row {_ref(ledger, 4)} does not match entry 4 in: notes"]

"""Tampering with the database behind the ledger's back is found, and said precisely."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.storage import Ledger


@pytest.fixture
def ledger(ledger_url: str, make_claim: ClaimFactory) -> Iterator[Ledger]:
    """Entry 1 is the agreement, entries 2..6 are claims."""
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        ledger.append_claims([make_claim(n) for n in range(5)], "analyst")
        yield ledger


def tamper(ledger: Ledger, *statements: str) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_a_clean_chain_verifies(ledger: Ledger) -> None:
    report = ledger.verify()
    head = ledger.head()
    assert head is not None
    assert report.ok and report.problems == []
    assert (report.entries, report.head) == (6, head.hash)
    assert report.as_dict()["ok"] is True
    assert ledger.verify(head.hash).ok


def test_an_edited_payload_is_a_hash_mismatch_at_its_seq(ledger: Ledger) -> None:
    tamper(ledger, "UPDATE entries SET payload = replace(payload, '13', '31') WHERE seq = 4")
    report = ledger.verify()
    assert not report.ok
    assert (
        report.problems[0] == "hash mismatch at seq 4: the entry was edited after it was recorded"
    )
    # The projection still holds what was recorded, so it now disagrees with the edited entry.
    assert report.problems[1].endswith("does not match entry 4 in: quantity, payload")


def test_a_reordered_pair_is_found(ledger: Ledger) -> None:
    tamper(
        ledger,
        "UPDATE entries SET seq = -3 WHERE seq = 3",
        "UPDATE entries SET seq = 3 WHERE seq = 4",
        "UPDATE entries SET seq = 4 WHERE seq = -3",
    )
    problems = ledger.verify().problems
    assert any(p.startswith("broken link at seq 3") for p in problems)
    assert any(p.startswith("hash mismatch at seq 3") for p in problems)
    assert any(p.startswith("hash mismatch at seq 4") for p in problems)


def test_a_deleted_middle_entry_is_a_gap_and_a_broken_link(ledger: Ledger) -> None:
    tamper(ledger, "DELETE FROM entries WHERE seq = 3")
    problems = ledger.verify().problems
    assert problems[:2] == [
        "seq gap at 3: next entry is 4 (entries deleted or moved)",
        "broken link at seq 4: prev_hash does not match the entry before it (entries deleted, "
        "reordered or inserted)",
    ]
    assert any("has no entry in the chain" in p for p in problems)


def test_a_deleted_tail_is_found_against_a_noted_head(ledger: Ledger) -> None:
    noted = ledger.head()
    assert noted is not None
    tamper(
        ledger,
        f"DELETE FROM claims WHERE id = '{noted.ref}'",
        f"DELETE FROM entries WHERE seq = {noted.seq}",
    )
    # The claim's filter names stayed behind (`storage.verify_terms`): the cut shows.
    assert "no claim is recorded at that seq" in ledger.verify().witness_problems[-1].message
    tamper(ledger, f"DELETE FROM claim_terms WHERE seq = {noted.seq}")
    if ledger.head_log is not None:  # the head log beside a SQLite file witnessed the cut
        assert [p.code for p in ledger.verify().witness_problems] == ["L201"]
        ledger.head_log.unlink()
    assert ledger.verify().ok  # a clean cut cannot be seen from inside the ledger alone
    report = ledger.verify(noted.hash)
    assert not report.ok
    assert "truncated or rewritten" in report.problems[0]


def test_entries_appended_after_a_noted_head_are_a_note_not_a_problem(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    noted = ledger.head()
    assert noted is not None
    ledger.append_claims([make_claim(50), make_claim(51)], None)
    report = ledger.verify(noted.hash)
    assert report.ok
    assert report.notes == [f"head {noted.hash[:12]}… is entry 6; 2 entries were appended after it"]


def test_an_edited_projection_row_is_found(ledger: Ledger, make_claim: ClaimFactory) -> None:
    target = make_claim(2).id
    tamper(
        ledger,
        f"UPDATE claims SET quantity = 99, categories = '[\"men\"]' WHERE id = '{target}'",
    )
    report = ledger.verify()
    assert report.problems == [
        f"claims row {target} does not match entry 4 in: quantity, categories"
    ]


def test_a_projection_row_inserted_directly_is_found(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    source = make_claim(1).id
    tamper(
        ledger,
        "INSERT INTO claims (id, seq, agreement, type, date, date_precision, categories, status, "
        "sources, payload) SELECT 'cforged', 1000, agreement, type, date, date_precision, "
        f"categories, status, sources, payload FROM claims WHERE id = '{source}'",
    )
    assert ledger.verify().problems == [
        "claims row cforged has no entry in the chain (inserted directly)"
    ]


def test_an_edited_agreement_projection_is_found(ledger: Ledger) -> None:
    tamper(ledger, "UPDATE agreements SET title = 'Something else'")
    assert ledger.verify().problems == [
        "agreements row gaza-2023-11 does not match its latest entry 1"
    ]

"""Verifying in parallel finds what one pass finds, wherever in the chain the damage is.

The chain is cut into three stretches checked by three processes; each kind of tampering is
placed at stretch edges and inside stretches, and the parallel report must equal the one-pass
report, problem for problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.storage import Ledger
from truce.storage.rows import CLAIM_COLUMNS, RowChecker
from truce.storage.verify_range import _FastChecker

CLAIMS = 39  # entries 2..40; three stretches: ..14, 15..28, 29..40
WORKERS = 3


@pytest.fixture
def ledger(tmp_path: Path, make_claim: ClaimFactory) -> Iterator[Ledger]:
    """Entry 1 is the agreement, 2..40 claims (every fifth without categories)."""
    with Ledger.init(str(tmp_path / "ledger.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        for n in range(CLAIMS):
            extra = {"categories": ()} if n % 5 == 0 else {}
            ledger.append_claims([make_claim(n, **extra)], "analyst")
        yield ledger


def tamper(ledger: Ledger, *statements: str) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _both(ledger: Ledger, head: str | None = None) -> Any:
    one = ledger.verify(head, workers=1)
    parallel = ledger.verify(head, workers=WORKERS)
    assert parallel == one
    return one


def _claim_at(ledger: Ledger, seq: int) -> str:
    with ledger.engine.connect() as conn:
        return str(conn.execute(text(f"SELECT ref FROM entries WHERE seq = {seq}")).scalar())


def test_a_clean_chain_verifies_in_parallel(ledger: Ledger) -> None:
    report = _both(ledger)
    head = ledger.head()
    assert report.ok and report.entries == CLAIMS + 1
    assert head is not None and report.head == head.hash


@pytest.mark.parametrize("seq", [2, 14, 15, 21, 28, 29, 40])
def test_an_edited_entry_is_found_in_every_stretch(ledger: Ledger, seq: int) -> None:
    tamper(ledger, f"UPDATE entries SET recorded_at = '2001-01-01' WHERE seq = {seq}")
    report = _both(ledger)
    assert report.problems == [
        f"hash mismatch at seq {seq}: the entry was edited after it was recorded"
    ]


@pytest.mark.parametrize("seq", [14, 15, 29, 40])
def test_a_deleted_entry_at_a_stretch_edge_is_found(ledger: Ledger, seq: int) -> None:
    tamper(ledger, f"DELETE FROM entries WHERE seq = {seq}")
    report = _both(ledger)
    assert not report.ok
    if seq < 40:
        assert report.problems[0].startswith(f"seq gap at {seq}: next entry is {seq + 1}")
        assert report.problems[1].startswith(f"broken link at seq {seq + 1}")


def test_a_reordered_pair_across_stretches_is_found(ledger: Ledger) -> None:
    tamper(
        ledger,
        "UPDATE entries SET seq = -1 WHERE seq = 28",
        "UPDATE entries SET seq = 28 WHERE seq = 29",
        "UPDATE entries SET seq = 29 WHERE seq = -1",
    )
    report = _both(ledger)
    assert any(p.startswith("broken link at seq 28") for p in report.problems)
    assert any(p.startswith("hash mismatch at seq 29") for p in report.problems)


def test_an_entry_slipped_in_before_the_first_is_found(ledger: Ledger) -> None:
    tamper(
        ledger,
        "INSERT INTO entries SELECT 0, kind, ref, payload, recorded_by, recorded_at, prev_hash, "
        "hash || 'x' FROM entries WHERE seq = 30",
    )
    report = _both(ledger)
    assert report.problems[0] == "seq gap at 1: next entry is 0 (entries deleted or moved)"


def test_edited_projection_rows_are_found_in_every_stretch(ledger: Ledger) -> None:
    first, middle, last = _claim_at(ledger, 15), _claim_at(ledger, 21), _claim_at(ledger, 40)
    tamper(
        ledger,
        f"UPDATE claims SET quantity = 99 WHERE id = '{first}'",
        f"UPDATE claims SET seq = 1000 WHERE id = '{middle}'",
        f"UPDATE claims SET categories = 'null' WHERE id = '{_claim_at(ledger, 27)}'",
        f"DELETE FROM claims WHERE id = '{last}'",
    )
    report = _both(ledger)
    assert report.problems == [
        f"claims row {first} does not match entry 15 in: quantity",
        f"claims row {middle} does not match entry 21 in: seq",
        f"claims row {_claim_at(ledger, 27)} does not match entry 27 in: categories",
        f"claim {last} (seq 40) is missing from the claims projection",
    ]


def test_past_fifty_problems_the_count_is_the_same(ledger: Ledger) -> None:
    tamper(
        ledger,
        "UPDATE entries SET recorded_by = 'mallory'",
        "UPDATE claims SET quantity = 1",
    )
    report = _both(ledger)
    assert len(report.problems) == 51
    assert report.problems[-1] == f"... and {(CLAIMS + 1) + CLAIMS - 50} more problems"


def test_a_truncated_tail_is_found_against_a_noted_head(ledger: Ledger) -> None:
    noted = ledger.head()
    assert noted is not None
    tamper(ledger, "DELETE FROM claims WHERE seq >= 38", "DELETE FROM entries WHERE seq >= 38")
    assert "truncated or rewritten" in _both(ledger, noted.hash).problems[0]


def test_a_noted_head_inside_the_chain_is_a_note(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn:
        middle = str(conn.execute(text("SELECT hash FROM entries WHERE seq = 20")).scalar())
    report = _both(ledger, middle)
    assert report.ok
    assert report.notes == [f"head {middle[:12]}… is entry 20; 20 entries were appended after it"]


@pytest.mark.postgres
def test_postgres_chains_verify_in_parallel(pg_url: str, make_claim: ClaimFactory) -> None:
    with Ledger.init(pg_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        ledger.append_claims([make_claim(n) for n in range(12)], "analyst")
        assert _both(ledger).ok
        tamper(ledger, "UPDATE entries SET payload = payload || ' ' WHERE seq = 9")
        assert _both(ledger).problems == [
            "hash mismatch at seq 9: the entry was edited after it was recorded",
            f"claims row {make_claim(7).id} does not match entry 9 in: payload",
        ]


ROWS: list[dict[str, Any]] = [
    {},
    {"categories": "null"},
    {"categories": "{}"},
    {"categories": ""},
    {"sources": "[ ]"},
    {"sources": "not json"},
    {"extra": "{}"},
    {"extra": "[]"},
    {"extra": "null"},
    {"quantity": True},
    {"quantity": 13.0},
    {"quantity": "13"},
    {"date": 20231124},
    {"seq": 5},
    {"recorded_by": None},
    {"payload": "{}"},
    {"qualifier": "about"},
    {"qualifier": 3},
    {"parts": '{"women":1}'},
    {"parts": "{}"},
    {"parts": "[]"},
    {"parts": "not json"},
]


@pytest.mark.parametrize("change", ROWS)
def test_the_shortcut_agrees_with_the_column_by_column_check(
    change: dict[str, Any], make_claim: ClaimFactory
) -> None:
    claim = make_claim(3, categories=(), extra={"k": 1})
    payload = json.dumps(claim.payload(), sort_keys=True, separators=(",", ":"))
    values = {
        "id": claim.id, "seq": 4, "qualifier": None, "parts": None,
        **{k: v for k, v in claim.payload().items()
           if k not in ("categories", "sources", "extra")},
        "categories": "[]", "sources": json.dumps([s.as_dict() for s in claim.sources]),
        "extra": '{"k":1}', "recorded_by": "analyst", "payload": payload,
    }  # fmt: skip
    values.update(change)
    row = tuple(values[name] for name in CLAIM_COLUMNS)
    found = _FastChecker().check(4, claim.id, payload, "analyst", row)
    try:
        differ = RowChecker().differences(row, 4, json.loads(payload), payload, "analyst")
        expected = f"claims row {claim.id} does not match entry 4 in: {', '.join(differ)}"
    except ValueError:
        differ, expected = ["unreadable"], "seq 4: payload is not a readable claim"
    assert found == (expected if differ else None)

"""Checkpoints: taken from a ledger, held against it later, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.errors import TruceError
from truce.storage import Ledger, checkpoint
from truce.storage.checkpoint import Checkpoint


@pytest.fixture
def ledger(ledger_url: str, make_claim: ClaimFactory) -> Iterator[Ledger]:
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        ledger.append_claims([make_claim(n) for n in range(5)], "analyst")
        yield ledger


def cut_tail(ledger: Ledger, from_seq: int) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM claim_terms WHERE seq >= {from_seq}"))  # a clean cut
        conn.execute(text(f"DELETE FROM claims WHERE seq >= {from_seq}"))
        conn.execute(text(f"DELETE FROM entries WHERE seq >= {from_seq}"))
    if ledger.head_log is not None:
        ledger.head_log.unlink()  # only the checkpoint witnesses here


def codes(ledger: Ledger, point: Checkpoint) -> list[str]:
    return [p.code for p in ledger.verify(against=point).witness_problems]


def test_a_checkpoint_holds_and_survives_later_appends(
    ledger: Ledger, make_claim: ClaimFactory, tmp_path: Path
) -> None:
    point = ledger.checkpoint()
    assert (point.seq, point.entries) == (6, 6)
    assert point.head == ledger.head().hash  # type: ignore[union-attr]
    ledger.append_claims([make_claim(20)], "analyst")
    (tmp_path / "cp.json").write_text(point.to_json())
    report = ledger.verify(against=checkpoint.load(tmp_path / "cp.json"))
    assert report.ok and report.witness_problems == []


def test_a_lost_tail_fails_against_the_checkpoint(ledger: Ledger) -> None:
    point = ledger.checkpoint()
    cut_tail(ledger, 5)
    assert ledger.verify().ok  # the chain alone cannot see it
    report = ledger.verify(against=point)
    assert not report.ok and codes(ledger, point) == ["L202"]
    assert "no longer has: its tail was lost" in report.witness_problems[0].message


def test_a_rewritten_tail_fails_against_the_checkpoint(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    point = ledger.checkpoint()
    cut_tail(ledger, 6)
    ledger.append_claims([make_claim(30)], "rewriter")  # a valid chain, a different entry 6
    assert ledger.verify().problems == []
    assert codes(ledger, point) == ["L202"]


def test_a_checkpoint_of_another_ledger_is_named_so(
    ledger: Ledger, tmp_path: Path, make_claim: ClaimFactory
) -> None:
    with Ledger.init(str(tmp_path / "other.db")) as other:
        other.add_agreement(gaza_spec(title="Another"), GAZA_YAML, "someone")
        other.append_claims([make_claim(n) for n in range(9)], "someone")
        point = other.checkpoint()
    assert codes(ledger, point) == ["L203"]


def test_signed_checkpoints_verify_and_edits_break_them(ledger: Ledger) -> None:
    key = Ed25519PrivateKey.generate()
    point = ledger.checkpoint(key)
    assert checkpoint.check_signature(point, key.public_key()) == checkpoint.raw_hex(
        key.public_key()
    )
    moved = Checkpoint(**{**point.body(), "seq": 5, "signature": point.signature})
    with pytest.raises(TruceError) as edited:
        checkpoint.check_signature(moved, None)
    assert edited.value.code == "L205"
    with pytest.raises(TruceError) as stranger:
        checkpoint.check_signature(point, Ed25519PrivateKey.generate().public_key())
    assert stranger.value.code == "L205"
    with pytest.raises(TruceError) as unsigned:
        checkpoint.check_signature(ledger.checkpoint(), key.public_key())
    assert unsigned.value.code == "L205"


def test_unreadable_checkpoints_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "cp.json"
    for content in ("{", json.dumps({"seq": 1}), json.dumps({"format": "x"})):
        bad.write_text(content)
        with pytest.raises(TruceError) as refused:
            checkpoint.load(bad)
        assert refused.value.code == "L204"


def test_an_empty_ledger_has_nothing_to_checkpoint(tmp_path: Path) -> None:
    with Ledger.init(str(tmp_path / "empty.db")) as empty, pytest.raises(TruceError) as nothing:
        empty.checkpoint()
    assert nothing.value.code == "L206"

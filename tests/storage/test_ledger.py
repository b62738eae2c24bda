"""The ledger's write path and reads, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import ClaimStatus, EventType, Source
from truce.errors import (
    ClaimWithoutId,
    LedgerError,
    LedgerNotInitialised,
    UnknownAgreement,
    UnknownClaim,
)
from truce.storage import Ledger
from truce.storage.chain import GENESIS


@pytest.fixture
def ledger(ledger_url: str) -> Ledger:
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        yield ledger


def test_open_refuses_a_missing_ledger(tmp_path: Path) -> None:
    with pytest.raises(LedgerNotInitialised) as caught:
        Ledger.open(str(tmp_path / "nothing.db"))
    assert "truce init" in caught.value.hint
    assert not (tmp_path / "nothing.db").exists()


def test_open_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all\n" * 200)
    with pytest.raises(LedgerError, match="cannot open the ledger"):
        Ledger.open(str(path))


def test_open_refuses_a_database_without_the_schema(pg_url: str) -> None:
    with pytest.raises(LedgerNotInitialised):
        Ledger.open(pg_url)


def test_init_is_idempotent_and_open_then_works(ledger_url: str) -> None:
    Ledger.init(ledger_url).close()
    Ledger.init(ledger_url).close()
    with Ledger.open(ledger_url) as ledger:
        assert ledger.head() is None
        assert ledger.verify().ok


def test_agreement_versions(ledger: Ledger) -> None:
    first = ledger.head()
    assert first is not None and first.seq == 1 and first.prev_hash == GENESIS
    assert ledger.add_agreement(gaza_spec(), GAZA_YAML, "someone else") == first

    newer = ledger.add_agreement(gaza_spec(title="Gaza pause, extended"), GAZA_YAML, None)
    assert newer.seq == 2 and newer.prev_hash == first.hash
    spec, yaml_text = ledger.agreement("gaza-2023-11")
    assert spec.title == "Gaza pause, extended" and yaml_text == GAZA_YAML
    [summary] = ledger.agreements()
    assert (summary.id, summary.seq, summary.versions) == ("gaza-2023-11", 2, 2)

    with pytest.raises(UnknownAgreement):
        ledger.agreement("minsk-2")


def test_append_and_load_round_trip(ledger: Ledger, make_claim: ClaimFactory) -> None:
    claims = [make_claim(n) for n in range(5)]
    claims.append(
        make_claim(
            99, type=EventType.BREACH, status=ClaimStatus.ALLEGED, quantity=None,
            categories=(), reliability="B2", quote="«minimal breaches»", notes="né",
            sources=(Source(anonymous=True, via="AFP"), Source(outlet="Reuters")),
            extra={"page": 3}, phase="pause", location="Khan Younis", target="israel",
        )
    )  # fmt: skip
    result = ledger.append_claims(claims, "analyst")
    assert result.added == [c.id for c in claims] and result.skipped == []

    loaded = ledger.claims("gaza-2023-11")
    assert loaded == [replace(c, recorded_by="analyst") for c in claims]
    assert loaded[-1].extra == {"page": 3}
    assert [c.payload() for c in loaded] == [c.payload() for c in claims]
    assert ledger.claim(claims[-1].id).quote == "«minimal breaches»"
    assert [e.ref for e in ledger.entries(start_seq=2)] == [c.id for c in claims]


def test_reappending_adds_nothing(ledger: Ledger, make_claim: ClaimFactory) -> None:
    claims = [make_claim(n) for n in range(3)]
    ledger.append_claims(claims[:2], None)
    head = ledger.head()
    result = ledger.append_claims([*claims, claims[2]], None)
    assert result.added == [claims[2].id]
    assert result.skipped == [claims[0].id, claims[1].id, claims[2].id]
    assert ledger.append_claims(claims, None).added == []
    assert head is not None and ledger.head() == next(ledger.entries(head.seq + 1))


def test_supersedes_must_name_a_claim_of_the_same_agreement(
    ledger: Ledger, make_claim: ClaimFactory
) -> None:
    original = make_claim(0)
    in_batch = make_claim(1, supersedes=original.id, quantity=14)
    assert ledger.append_claims([original, in_batch], None).added == [original.id, in_batch.id]
    later = make_claim(2, supersedes=in_batch.id)
    assert ledger.append_claims([later], None).added == [later.id]

    with pytest.raises(UnknownClaim, match="not in the ledger"):
        ledger.append_claims([make_claim(3, supersedes="cdeadbeefdeadbee")], None)
    # A correction may not come before the claim it corrects.
    first, second = make_claim(4), make_claim(5)
    with pytest.raises(UnknownClaim):
        ledger.append_claims([replace(second, supersedes=first.id), first], None)

    ledger.add_agreement(gaza_spec(id="gaza-2025-01"), GAZA_YAML, None)
    other = make_claim(6, agreement="gaza-2025-01", supersedes=original.id)
    with pytest.raises(UnknownClaim, match="belongs to gaza-2023-11"):
        ledger.append_claims([other], None)


def test_a_failed_append_writes_nothing(ledger: Ledger, make_claim: ClaimFactory) -> None:
    head = ledger.head()
    good = [make_claim(n) for n in range(3)]
    with pytest.raises(UnknownAgreement, match="minsk-2"):
        ledger.append_claims([*good, make_claim(9, agreement="minsk-2")], None)
    with pytest.raises(UnknownClaim):
        ledger.append_claims([*good, make_claim(9, supersedes="cnothere")], None)
    with pytest.raises(ClaimWithoutId):
        ledger.append_claims([*good, replace(good[0], id="")], None)
    assert ledger.head() == head
    assert ledger.claims("gaza-2023-11") == []
    assert ledger.verify().ok


def test_unknown_reads(ledger: Ledger) -> None:
    with pytest.raises(UnknownAgreement):
        ledger.claims("minsk-2")
    with pytest.raises(UnknownClaim):
        ledger.claim("cnothere")

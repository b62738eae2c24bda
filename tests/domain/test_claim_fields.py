"""The claim's one field definition and the domain's hand-written shapes agree: `Claim`, its
payload, `Source`, and the input contract `ClaimInput`."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

from truce.domain.claim_fields import (
    BY_NAME,
    EDITABLE,
    FIELDS,
    NAMES,
    OPTIONAL_PAYLOAD_KEYS,
    PAYLOAD_KEYS,
    SOURCE_FIELDS,
    WRITTEN,
)
from truce.domain.claim_input import ClaimInput, SourceInput
from truce.domain.claims import Claim, DatePrecision, Source
from truce.domain.readings import Qualifier


def _full_claim() -> Claim:
    return Claim(
        id="c1",
        agreement="gaza-2023-11",
        type="release",
        date=datetime(2023, 11, 24, 16, tzinfo=UTC),
        date_precision=DatePrecision.EXACT,
        event_id="ev-1",
        actor="hamas",
        target="israel",
        quantity=13,
        subject="hostages",
        categories=("women",),
        sources=(Source(outlet="AFP"),),
        quote="thirteen",
        reliability="B2",
        location="Rafah",
        supersedes="c0",
        notes="note",
        recorded_by="monitor",
        phase="1",
        extra={"k": 1},
        qualifier=Qualifier.AT_LEAST,
        parts=(("women", 5),),
    )


def test_the_claim_dataclass_has_the_defined_fields_in_order() -> None:
    assert tuple(f.name for f in fields(Claim)) == NAMES


def test_the_payload_carries_the_payload_fields() -> None:
    full = _full_claim()
    assert set(full.payload()) == set(PAYLOAD_KEYS)
    plain = Claim("c2", "a", "release", datetime(2023, 11, 24, tzinfo=UTC))
    assert set(plain.payload()) == set(PAYLOAD_KEYS) - OPTIONAL_PAYLOAD_KEYS


def test_a_claim_as_a_dict_is_every_field() -> None:
    assert set(_full_claim().as_dict()) == set(NAMES)


def test_the_input_contract_accepts_the_written_fields() -> None:
    assert set(ClaimInput.model_fields) == set(WRITTEN)
    required = {n for n, f in ClaimInput.model_fields.items() if f.is_required()}
    assert required == {"agreement", "type", "date"}
    assert all(not BY_NAME[n].nullable for n in required)


def test_a_source_has_the_source_fields_in_order() -> None:
    assert tuple(f.name for f in fields(Source)) == SOURCE_FIELDS
    assert tuple(SourceInput.model_fields) == SOURCE_FIELDS
    assert tuple(Source().as_dict()) == SOURCE_FIELDS


def test_the_definition_is_consistent() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert NAMES[0] == "id"
    # What a reviewer may edit is something a user may write.
    assert set(WRITTEN) >= EDITABLE
    assert set(PAYLOAD_KEYS) >= OPTIONAL_PAYLOAD_KEYS
    options = [f.option for f in FIELDS if f.option]
    assert len(set(options)) == len(options)
    assert all(f.help for f in FIELDS)

"""The projection's rows follow the claim's field definition: the table's columns are its
fields (with `seq` and `payload`), each stored as the definition says, written, read back and
checked column by column under their own names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, String, Text, inspect

from truce.domain.claim_fields import BY_NAME, FIELDS, JSON_FIELDS, NAMES
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, Source
from truce.domain.readings import Qualifier
from truce.storage.chain import canonical
from truce.storage.ledger import Ledger
from truce.storage.rows import (
    CLAIM_COLUMNS,
    LOAD_COLUMNS,
    ClaimLoader,
    ProjectionWriter,
    RowChecker,
)
from truce.storage.tables import claims


def _claim() -> Claim:
    # Every field set, and to a value no other field holds, so a value in the wrong column shows.
    return Claim(
        id="c-id",
        agreement="agr",
        type="release",
        date=datetime(2023, 11, 24, 16, tzinfo=UTC),
        date_precision=DatePrecision.DAY,
        event_id="ev",
        actor="act",
        target="tgt",
        quantity=13,
        subject="subj",
        categories=("women",),
        status=ClaimStatus.CONFIRMED,
        sources=(Source(outlet="AFP"),),
        quote="quo",
        reliability="B2",
        location="loc",
        supersedes="c-old",
        notes="not",
        recorded_by="rec",
        phase="ph",
        extra={"k": 1},
        qualifier=Qualifier.AT_LEAST,
        parts=(("women", 2),),
    )


def test_the_claims_table_is_the_definition() -> None:
    assert ("id", "seq", *NAMES[1:], "payload") == CLAIM_COLUMNS
    assert tuple(c.name for c in LOAD_COLUMNS) == CLAIM_COLUMNS[:-1]
    for field in FIELDS:
        column = claims.c[field.name]
        assert column.nullable == (field.nullable and field.name != "id"), field.name
        if field.kind == "count":
            assert isinstance(column.type, BigInteger), field.name
        elif field.length is None:
            assert isinstance(column.type, Text), field.name
        else:
            assert isinstance(column.type, String), field.name
            assert column.type.length == field.length, field.name


def test_the_migrated_claims_columns_have_the_defined_lengths(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        found = {c["name"]: c["type"] for c in inspect(ledger.engine).get_columns("claims")}
    finally:
        ledger.close()
    assert set(found) == set(CLAIM_COLUMNS)
    for field in FIELDS:
        length = getattr(found[field.name], "length", None)
        assert length == field.length, field.name


def _row(claim: Claim, by: str = "rec") -> tuple[Any, ...]:
    return ProjectionWriter().row(claim, 7, canonical(claim.payload()), by)


def test_a_written_row_holds_each_field_in_its_own_column() -> None:
    claim = _claim()
    row = dict(zip(CLAIM_COLUMNS, _row(claim), strict=True))
    assert row["seq"] == 7
    assert row["payload"] == canonical(claim.payload())
    stored = claim.as_dict()
    for name in NAMES:
        value = json.loads(row[name]) if name in JSON_FIELDS else row[name]
        assert value == stored[name], name


def test_a_row_read_back_is_the_claim() -> None:
    claim = _claim()
    (loaded,) = ClaimLoader().load([_row(claim)[:-1]])
    assert loaded == claim
    assert loaded.extra == claim.extra and loaded.recorded_by == claim.recorded_by


def test_the_checker_names_each_column_that_differs() -> None:
    claim = _claim()
    payload = claim.payload()
    text = canonical(payload)
    row = _row(claim)
    checker = RowChecker()
    assert checker.differences(row, 7, payload, text, "rec") == []
    for i, name in enumerate(CLAIM_COLUMNS[1:], start=1):
        kind = BY_NAME[name].kind if name in BY_NAME else "text"
        changed = list(row)
        changed[i] = {"list": '["men"]', "sources": "[]", "object": '{"k": 2}'}.get(
            kind, 99 if kind == "count" or name == "seq" else "other"
        )
        assert checker.differences(tuple(changed), 7, payload, text, "rec") == [name]

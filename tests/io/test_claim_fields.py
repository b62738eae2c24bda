"""The file formats' field lists follow the claim's field definition (`domain.claim_fields`):
what an import accepts, the columns each export writes, and the source columns spelled flat."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.domain.claim_fields import FIELDS, NAMES, SOURCE_FIELDS, WRITTEN
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, Source
from truce.domain.readings import Qualifier
from truce.io import flat
from truce.io.claim_fields import CLAIM_FIELDS, CSV_COLUMNS, EXPORT_KEYS, FLAT_SOURCE_COLUMNS
from truce.io.export import CSV_COLUMNS as EXPORT_CSV_COLUMNS
from truce.io.export import PARQUET_SCHEMA, PLACE_COLUMNS, export_claims

CODES = ("plover", "cameo")


def _claim() -> Claim:
    return Claim(
        id="c-every", agreement="gaza-2023-11", type="release",
        date=datetime(2023, 11, 24, 16, tzinfo=UTC), date_precision=DatePrecision.DAY,
        event_id="ev", actor="hamas", target="israel", quantity=13, subject="hostages",
        categories=("women",), status=ClaimStatus.CONFIRMED,
        sources=(Source(outlet="AFP", anonymous=True),), quote="quo", reliability="B2",
        location="loc", supersedes="c-old", notes="not", recorded_by="rec", phase="ph",
        extra={"k": 1}, qualifier=Qualifier.AT_LEAST, parts=(("women", 2),),
    )  # fmt: skip


def test_an_import_accepts_the_written_fields_and_what_exports_add() -> None:
    assert CLAIM_FIELDS == WRITTEN
    assert tuple(f"source_{n}" for n in SOURCE_FIELDS) == FLAT_SOURCE_COLUMNS
    assert set(WRITTEN) | set(FLAT_SOURCE_COLUMNS) | set(EXPORT_KEYS) == CSV_COLUMNS
    # Every column the CSV export writes reads back.
    assert set(EXPORT_CSV_COLUMNS) <= CSV_COLUMNS


def test_the_csv_and_parquet_exports_carry_every_field_and_only_known_columns() -> None:
    known = set(NAMES) | set(PLACE_COLUMNS) | set(CODES)
    assert set(EXPORT_CSV_COLUMNS) == known
    assert set(PARQUET_SCHEMA.names) == known | {"date_utc"}
    assert PARQUET_SCHEMA.field("sources").type.value_type.names == list(SOURCE_FIELDS)
    for field in FIELDS:
        kind = PARQUET_SCHEMA.field(field.name).type
        if field.kind == "count":
            assert kind == pa.int64(), field.name
        elif field.kind == "list":
            assert kind == pa.list_(pa.string()), field.name
        elif field.name == "parts":  # typed: category to count, as analysts read it
            assert kind == pa.map_(pa.string(), pa.int64()), field.name
        elif field.kind != "sources":
            assert kind == pa.string(), field.name


def test_every_field_lands_in_its_own_column_of_each_export() -> None:
    claim = _claim()
    text = io.StringIO()
    export_claims([claim], "csv", text)
    (row,) = csv.DictReader(io.StringIO(text.getvalue()))
    binary = io.BytesIO()
    export_claims([claim], "parquet", binary)
    (parquet,) = pq.read_table(io.BytesIO(binary.getvalue())).to_pylist()
    stored = claim.as_dict()
    for field in FIELDS:
        if field.kind in ("text", "date", "choice"):
            assert row[field.name] == stored[field.name], field.name
            assert parquet[field.name] == stored[field.name], field.name
    assert row["quantity"] == "13" and parquet["quantity"] == 13
    assert row["categories"] == "women" and parquet["categories"] == ["women"]
    assert json.loads(row["parts"]) == {"women": 2} and parquet["parts"] == [("women", 2)]


def test_the_flat_export_spells_every_field_but_the_json_ones_as_columns() -> None:
    spread = {"sources", "extra"}  # into source_* columns, and the place's columns
    assert set(NAMES) - spread <= set(flat.COLUMNS)
    assert tuple(c for c in flat.COLUMNS if c.startswith("source_") and c != "source_count") == (
        FLAT_SOURCE_COLUMNS
    )
    assert set(flat.HXL) == set(flat.COLUMNS)
    row = flat.flat_row(_claim())
    assert set(row) == set(flat.COLUMNS)
    assert row["source_outlet"] == "AFP" and row["qualifier"] == "at_least"
    assert row["parts"] == "women=2"  # no JSON in a flat cell

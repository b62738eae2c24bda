"""Reading ACLED and UCDP GED files as claims of one agreement: the documented column mapping.

ACLED (codebook 2023, acleddata.com): `event_date` and `time_precision` give the date (1 the
day, 2 its ISO week, 3 its month); `event_type`/`sub_event_type` the type (political violence:
`breach`; Strategic developments / Agreement: `agreement_term`; Strategic developments /
Non-violent transfer of territory: `withdrawal`; anything else is refused, I402); `actor1` and
`actor2` the actor and target when they name an actor of the agreement (id, name or alias);
`latitude`, `longitude`, `admin1`, `iso`/`country`, `location`, `geo_precision` the place;
`source` the outlets (`;`-separated); `notes` the notes. UCDP GED (codebook 23.1, ucdp.uu.se):
every event is a `breach`; `date_start`/`date_end` give the date (one day, one ISO week or one
calendar month; a longer span is refused, I404); `side_a`/`side_b` the actor and target;
`latitude`, `longitude`, `adm_1`, `country`, `where_coordinates` the place; `source_office`
the outlets; `source_article` the notes. Each row's own coding (ACLED's event id, types, inter
codes, fatalities; UCDP's id, best/low/high) is kept in `extra.acled` / `extra.ucdp`, and
the `truce_*` columns `truce export --format acled|ucdp` adds, when present, win.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from truce.domain.claims import Claim
from truce.domain.spec import AgreementSpec
from truce.errors import TruceError
from truce.io.claim_fields import ZoneFor, record_to_claim
from truce.io.claims_file import ImportBatch, agreement_checks, text_lines
from truce.io.csv_cells import restore
from truce.io.csv_rows import blank, rows_under_header
from truce.io.errors import LineError
from truce.io.field_errors import FieldFileColumns, FieldRowNumber, FieldRowSpan, FieldRowUnmapped
from truce.io.field_rows_in import (
    actor_id,
    actor_lookup,
    count,
    country_code,
    day,
    day_text,
    kept,
    number,
    outlets,
)

if TYPE_CHECKING:
    from truce.storage.ledger import Ledger

FIELD_IMPORTS = ("acled", "ucdp-ged")
REQUIRED = {"acled": ("event_date", "event_type"), "ucdp-ged": ("date_start", "date_end")}
VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
ACLED_TYPES = {
    ("Strategic developments", "Agreement"): "agreement_term",
    ("Strategic developments", "Non-violent transfer of territory"): "withdrawal",
}
ACLED_PRECISION = {"1": "day", "2": "week", "3": "month", "": "day"}
ACLED_KEPT = (
    "event_id_cnty", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
    "interaction", "source_scale", "fatalities", "admin2", "admin3",
)  # fmt: skip
UCDP_KEPT = ("id", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
             "best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
             "where_prec", "date_prec", "country_id", "adm_2")  # fmt: skip
UCDP_NUMBERS = ("best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians",
                "deaths_unknown", "type_of_violence", "where_prec", "date_prec")  # fmt: skip
GEO_PRECISION_ACLED = {"1": 1, "2": 2, "3": 3}
# UCDP's where_prec (1 exact place ... 6 the country) as ACLED-style geo_precision.
GEO_PRECISION = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 3}
TRUCE_FIELDS = {"truce_event_id": "event_id", "truce_actor": "actor", "truce_target": "target",
                "truce_qualifier": "qualifier", "truce_subject": "subject",
                "truce_status": "status", "truce_reliability": "reliability"}  # fmt: skip

Row = dict[str, str]
ROW_HINT = (
    "quote cells that hold commas or line breaks (as ACLED's and UCDP's own files do); a cell "
    "holds at most 131,072 characters (the csv module's limit)"
)


def acled_record(row: Row, spec: AgreementSpec) -> dict[str, Any]:
    kind = (row.get("event_type", "").strip(), row.get("sub_event_type", "").strip())
    found = "breach" if kind[0] in VIOLENCE else ACLED_TYPES.get(kind)
    if found is None and not row.get("truce_type", "").strip():
        raise FieldRowUnmapped(f"ACLED event type {' / '.join(k for k in kind if k)!r} has no "
                               "truce type")  # fmt: skip
    precision = ACLED_PRECISION.get(row.get("time_precision", "").strip())
    if precision is None:
        raise FieldRowNumber(f"time_precision {row['time_precision']!r} is not 1, 2 or 3")
    when = day(row["event_date"], "event_date")
    where = _place(row, "admin1", "location", GEO_PRECISION_ACLED, "geo_precision")
    where["country"] = country_code(row, "iso", "country")
    original = kept(row, ACLED_KEPT, ("inter1", "inter2", "interaction", "fatalities"))
    return _record(row, spec, found or "", day_text(when, precision), precision,
                   ("actor1", "actor2"), "source", "notes", where, {"acled": original})  # fmt: skip


def ucdp_record(row: Row, spec: AgreementSpec) -> dict[str, Any]:
    start, end = day(row["date_start"], "date_start"), day(row["date_end"], "date_end")
    if end < start:
        raise FieldRowSpan(f"date_end {end} is before date_start {start}")
    if start == end:
        precision = "day"
    elif start.isocalendar()[:2] == end.isocalendar()[:2]:
        precision = "week"
    elif (start.year, start.month) == (end.year, end.month):
        precision = "month"
    else:
        raise FieldRowSpan(f"the span {start} to {end} is longer than one calendar month")
    where = _place(row, "adm_1", "where_coordinates", GEO_PRECISION, "where_prec")
    where["country"] = country_code(row, "", "country")
    original = kept(row, UCDP_KEPT, UCDP_NUMBERS)
    return _record(row, spec, "breach", day_text(start, precision), precision,
                   ("side_a", "side_b"), "source_office", "source_article", where,
                   {"ucdp": original})  # fmt: skip


def _place(
    row: Row, admin1: str, name: str, precisions: dict[str, int], precision: str
) -> dict[str, Any]:
    return {
        "name": row.get(name, "").strip() or None,
        "lat": number(row, "latitude", -90, 90),
        "lon": number(row, "longitude", -180, 180),
        "admin1": row.get(admin1, "").strip() or None,
        "geo_precision": precisions.get(row.get(precision, "").strip()),
    }


def _record(
    row: Row, spec: AgreementSpec, event_type: str, date: str, precision: str,
    sides: tuple[str, str], sources: str, notes: str, where: dict[str, Any],
    extra: dict[str, Any],
) -> dict[str, Any]:  # fmt: skip
    lookup = actor_lookup(spec)
    record: dict[str, Any] = {
        "agreement": spec.id,
        "type": row.get("truce_type", "").strip() or event_type,
        "date": date,
        "date_precision": precision,
        "actor": actor_id(row.get(sides[0], ""), lookup),
        "target": actor_id(row.get(sides[1], ""), lookup),
        "location": where["name"],
        "sources": outlets(row.get(sources, "")),
        "notes": row.get(notes, "").strip() or None,
        "extra": extra,
    }
    place = {k: v for k, v in where.items() if v is not None}
    if "lat" in place and "lon" in place:
        # A place has a name (domain.place): a row without a location is named by its
        # first-level division, else its country, else its coordinates.
        place.setdefault(
            "name", place.get("admin1") or place.get("country") or f"{place['lat']}, {place['lon']}"
        )
        record["extra"]["place"] = place
    for column, key in TRUCE_FIELDS.items():
        if row.get(column, "").strip():
            record[key] = row[column].strip()
    quantity = count(row, "truce_quantity")
    if quantity is not None:
        record["quantity"] = quantity
    return record


MAPPERS: dict[str, Callable[[Row, AgreementSpec], dict[str, Any]]] = {
    "acled": acled_record, "ucdp-ged": ucdp_record,
}  # fmt: skip


def read_field_file(
    path: str | Path, fmt: str, spec: AgreementSpec, zone_for: ZoneFor,
    admit: Callable[[Claim], Claim],
) -> Iterator[Claim | LineError]:  # fmt: skip
    """Each row's claim of the agreement `spec`, or its line error, in file order."""
    name, mapper = str(path), MAPPERS[fmt]
    with text_lines(path) as lines:
        for lineno, row in _rows(lines, name, fmt):
            if isinstance(row, LineError):
                yield row
                continue
            try:
                yield admit(record_to_claim(mapper(row, spec), zone_for))
            except TruceError as exc:
                yield LineError.from_error(name, lineno, exc)


def _rows(lines: Iterator[str], name: str, fmt: str) -> Iterator[tuple[int, Row | LineError]]:
    reader = csv.reader(lines)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise FieldFileColumns(f"{name} has no readable header row ({exc})") from None
    missing = [c for c in REQUIRED[fmt] if c not in header]
    if missing:
        raise FieldFileColumns(f"{name} has no column {', '.join(missing)} ({fmt} file?)")
    rows = rows_under_header(
        reader, len(header), name, bad_row_hint=ROW_HINT, count_hint=ROW_HINT, skip=_no_data
    )
    for start, cells in rows:
        if isinstance(cells, LineError):
            yield start, cells
            continue
        yield start, {h: restore(c) for h, c in zip(header, cells, strict=True)}


def _no_data(cells: list[str]) -> bool:
    """A blank row, or the HXL hashtag row under the header."""
    return blank(cells) or all(c.startswith("#") or not c for c in cells)


def load_field_file(
    path: str | Path, fmt: str, agreement: str, ledger: Ledger, allow_unknown: bool = False
) -> ImportBatch:
    """Read an ACLED or UCDP GED file as claims of `agreement`, each checked against it."""
    spec, _ = ledger.agreement(agreement)
    zone_for, checked = agreement_checks(ledger, allow_unknown)
    batch = ImportBatch()
    for item in read_field_file(path, fmt, spec, zone_for, checked):
        if isinstance(item, LineError):
            batch.errors.append(item)
        else:
            batch.claims.append(item)
    return batch

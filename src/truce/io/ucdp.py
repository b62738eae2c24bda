"""Claims as UCDP GED-style rows: an event's date span and its best, low and high figures.

Column names follow the UCDP Georeferenced Event Dataset codebook (Uppsala Conflict Data
Program, GED Global version 23.1, ucdp.uu.se): `date_start`/`date_end` bound the days the event
may have happened on, `date_prec` says how exactly (1 the day, 3 the week, 4 the month), and
`best`/`low`/`high` are the most likely, lowest and highest figures.

truce derives them from the claim: the date span is the window its date and precision stand
for, in the agreement's local days; the figures are the values its reading allows
(`domain.readings`): "13" is 13/13/13, "about 250" 250/200/300, "at least 10" 10/10/(empty:
no upper bound), "more than 600" 601/601/(empty). A claim imported from a UCDP GED file
(`extra.ucdp`) keeps the file's own best, low and high.
"""

from __future__ import annotations

import math
from typing import Any

from truce.domain.claims import Claim, DatePrecision
from truce.domain.readings import interval
from truce.io.acled import TRUCE_COLUMNS, TRUCE_HXL, truce_columns
from truce.io.field_rows import FieldContext, imported, period, place, sources_text

DATE_PREC = {DatePrecision.EXACT: 1, DatePrecision.DAY: 1, DatePrecision.WEEK: 3,
             DatePrecision.MONTH: 4}  # fmt: skip
# ACLED-style geo_precision (1 town, 2 near a town or a district, 3 a region) as UCDP's
# where_prec (1 the exact place, 2 within 25 km, 4 a first-order division).
WHERE_PREC = {1: 1, 2: 2, 3: 4}
UCDP_COLUMNS = (
    "id", "year", "side_a", "side_b", "source_office", "source_article", "where_coordinates",
    "where_prec", "adm_1", "latitude", "longitude", "country", "iso3", "date_prec",
    "date_start", "date_end", "best", "low", "high",
)  # fmt: skip
COLUMNS = UCDP_COLUMNS + TRUCE_COLUMNS
HXL = {
    "id": "#event+id", "year": "#date+year", "side_a": "#group+name+first",
    "side_b": "#group+name+second", "source_office": "#meta+source",
    "source_article": "#meta+source+article", "where_coordinates": "#loc+name",
    "where_prec": "#geo+precision", "adm_1": "#adm1+code", "latitude": "#geo+lat",
    "longitude": "#geo+lon", "country": "#country+name", "iso3": "#country+code",
    "date_prec": "#date+precision", "date_start": "#date+start", "date_end": "#date+end",
    "best": "#affected+num+best", "low": "#affected+num+low", "high": "#affected+num+high",
    **TRUCE_HXL,
}  # fmt: skip


def figures(claim: Claim) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) of the claim's reading: whole numbers the reading allows, best kept
    within them; high None when the reading has no upper bound; all None without a figure."""
    if claim.quantity is None:
        return None, None, None
    low_f, high_f = interval(claim.quantity, claim.qualifier)
    low = math.ceil(low_f)
    high = None if math.isinf(high_f) else math.floor(high_f)
    best = max(claim.quantity, low)
    return best, low, high if high is None else max(high, best)


def ucdp_row(claim: Claim, actors: FieldContext) -> dict[str, Any]:
    """The claim as one UCDP GED-style row (see the module's note)."""
    start, end = period(claim, actors.zones.get(claim.agreement))
    where = place(claim)
    best, low, high = figures(claim)
    original = imported(claim, "ucdp")
    if best is None and original:
        best, low, high = (original.get(k) for k in ("best", "low", "high"))
    urls = sources_text(claim, "url")
    return {
        "id": original.get("id"),
        "year": start.year,
        "side_a": actors.name(claim.actor),
        "side_b": actors.name(claim.target),
        "source_office": sources_text(claim, "outlet"),
        "source_article": urls or claim.quote,
        "where_coordinates": where["name"],
        "where_prec": WHERE_PREC.get(where["geo_precision"] or 0),
        "adm_1": where["admin1"],
        "latitude": where["lat"],
        "longitude": where["lon"],
        "country": where["country_name"],
        "iso3": where["country"],
        "date_prec": DATE_PREC[claim.date_precision],
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "best": best,
        "low": low,
        "high": high,
    } | truce_columns(claim)

"""Reading the cells of an ACLED or UCDP GED row: dates, numbers, actors, places, sources.

Each reader raises the row's error (`io.field_errors`, I401–I404); the reader of the file turns
it into a line error and goes on with the next row.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from iso3166 import countries

from truce.domain.spec import AgreementSpec
from truce.io.field_errors import FieldRowDate, FieldRowNumber

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# ACLED's older files write the day as "24 November 2023" or "24-November-2023".
_WORDY_DAYS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y")
# How ACLED names a state's forces and UCDP a state: "Military Forces of Israel (2022-)".
STATE_FORCES = ("military forces of ", "police forces of ", "government of ")


def day(text: str, column: str) -> date:
    """A day from `2023-11-24` (a time after it is ignored, as UCDP's files add one) or
    ACLED's older `24 November 2023`."""
    text = text.strip()
    try:
        if _ISO_DAY.match(text):
            return date.fromisoformat(text[:10])
        for pattern in _WORDY_DAYS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise FieldRowDate(f"`{column}` {text!r} is not a date")


def day_text(when: date, precision: str) -> str:
    """The claim's `date` for a day known to this precision: the day, its ISO week, its month."""
    if precision == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return f"{when.year}-{when.month:02d}"
    return when.isoformat()


def number(row: dict[str, str], column: str, low: float, high: float) -> float | None:
    """A number within [low, high] from the column, or None when the cell is empty."""
    text = row.get(column, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise FieldRowNumber(f"`{column}` {text!r} is not a number") from None
    if not low <= value <= high:
        raise FieldRowNumber(f"`{column}` {text} is outside {low:g} to {high:g}")
    return value


def count(row: dict[str, str], column: str) -> int | None:
    """A whole number from 0 up (a figure, a code), or None when the cell is empty."""
    value = number(row, column, 0, 2**53 - 1)
    if value is None:
        return None
    if not value.is_integer():
        raise FieldRowNumber(f"`{column}` {row[column].strip()!r} is not a whole number")
    return int(value)


def actor_lookup(spec: AgreementSpec) -> dict[str, str]:
    """Every spelling of the agreement's actors (id, name, aliases; lower case) to the id."""
    found: dict[str, str] = {}
    for group in (spec.parties, spec.mediators, spec.guarantors, spec.excluded):
        for actor in group:
            for spelling in (actor.id, actor.name, *actor.aliases):
                if spelling:
                    found.setdefault(spelling.strip().lower(), actor.id)
    return found


def actor_id(name: str, lookup: dict[str, str]) -> str | None:
    """The agreement's actor an ACLED or UCDP actor name is, if one is: whole, without a
    trailing bracket, or the state an ACLED state force serves (`Military Forces of Israel
    (2022-)`, `Police Forces of Israel` are Israel; UCDP's `Government of Israel` too)."""
    key = name.strip().lower()
    if not key:
        return None
    bare = key.split(" (")[0].strip()
    served = bare.rsplit(" of ", 1)[-1] if bare.startswith(STATE_FORCES) else bare
    return lookup.get(key) or lookup.get(bare) or lookup.get(served)


def country_code(row: dict[str, str], numeric: str, name: str) -> str | None:
    """ISO 3166 alpha-3 of the row's country, from its numeric code or its name, if known."""
    for text in (row.get(numeric, "").strip().zfill(3), row.get(name, "").strip()):
        found = countries.get(text, None) if text.strip("0") else None
        if found is not None:
            return str(found.alpha3)
    return None


def outlets(text: str) -> list[dict[str, Any]]:
    """Sources from a `;`-separated list of outlets (ACLED's `source`, UCDP's `source_office`)."""
    return [{"outlet": part.strip()} for part in text.split(";") if part.strip()]


def kept(
    row: dict[str, str], columns: tuple[str, ...], numbers: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The row's filled cells of these columns, as the claim keeps them in `extra`; the ones
    named in `numbers` as whole numbers."""
    out: dict[str, Any] = {}
    for column in columns:
        text = row.get(column, "").strip()
        if text:
            out[column] = count(row, column) if column in numbers else text
    return out

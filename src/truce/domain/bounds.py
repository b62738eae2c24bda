"""The ranges a claim's date and figure must lie in, and the engine's window of instants.

Python's `datetime` ends at year 9999, so a claim dated `9999-12` has no month end and one at
`0001-01-01T00:00+14:00` has no UTC instant; JavaScript reads integers exactly only up to 2^53.
Bounds well inside both keep every claim countable, comparable and safe to send to a browser.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

# The calendar dates a claim may carry, as written (whatever its precision or offset).
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)

# The engine's window: the day range widened by a day each side, so that an admitted date at any
# UTC offset lies inside it while a date written around the door (straight into the database)
# is set aside instead of crashing the clock arithmetic.
EARLIEST_INSTANT = datetime(1899, 12, 31, tzinfo=UTC).timestamp()
LATEST_INSTANT = datetime(2200, 1, 2, tzinfo=UTC).timestamp()

# The largest figure a claim may give: the largest integer a JSON reader in a browser keeps exact.
MAX_QUANTITY = 2**53 - 1

# The largest factor a ratio term may give per counterpart unit. Real exchanges run to a few
# hundred per unit (1,027 prisoners for one soldier in 2011); a million leaves room, and keeps
# what is owed finite: MAX_QUANTITY units at this factor, summed over a record, stay far below
# the largest float (a factor of 1e308 made the engine's ceiling of infinity raise).
MAX_FACTOR = 1_000_000.0


def day_in_range(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def instant_in_range(stamp: float) -> bool:
    """Whether epoch seconds `stamp` lie in the engine's window."""
    return EARLIEST_INSTANT <= stamp < LATEST_INSTANT


def date_range_text() -> str:
    return f"{EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"

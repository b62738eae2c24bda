"""The one rule for disputed dates: intervals that share no instant."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from truce.domain.claims import DatePrecision
from truce.domain.engine.dates import date_label, dates_disputed, placement

ZONE = ZoneInfo("Asia/Jerusalem")
DAY, EXACT, WEEK, MONTH = (
    DatePrecision.DAY,
    DatePrecision.EXACT,
    DatePrecision.WEEK,
    DatePrecision.MONTH,
)


def _interval(text: str, precision: DatePrecision) -> tuple[float, float]:
    since, _, until = placement(precision, datetime.fromisoformat(text).replace(tzinfo=ZONE))
    return since, until


CASES = [
    # (dates, disputed)
    ([("2025-01-19T11:15", EXACT), ("2025-01-19T12:15", EXACT)], True),
    ([("2025-01-19T11:15", EXACT), ("2025-01-19T11:15", EXACT)], False),
    ([("2025-01-25", DAY), ("2025-01-26", DAY)], True),
    ([("2025-01-25", DAY), ("2025-01-25T14:00", EXACT)], False),
    ([("2025-01-25", DAY), ("2025-01-25T00:00", EXACT)], False),  # the day's first instant
    ([("2025-01-25", DAY), ("2025-01-26T00:00", EXACT)], True),  # the next day's
    ([("2025-01-20", WEEK), ("2025-01-25", DAY), ("2025-01-25T09:00", EXACT)], False),
    ([("2025-01-20", WEEK), ("2025-01-27", DAY)], True),
    ([("2025-01-01", MONTH), ("2025-01-31", DAY)], False),
    ([("2025-01-01", MONTH), ("2025-02-01T00:00", EXACT)], True),
    # The week holds both others, but the day and the midnight after it exclude each other.
    ([("2025-01-25", DAY), ("2025-01-20", WEEK), ("2025-01-26T00:00", EXACT)], True),
]


@pytest.mark.parametrize(("dates", "disputed"), CASES)
def test_dates_dispute_when_no_instant_lies_in_all(
    dates: list[tuple[str, DatePrecision]], disputed: bool
) -> None:
    intervals = [_interval(text, precision) for text, precision in dates]
    assert dates_disputed(intervals) is disputed
    assert dates_disputed(reversed(intervals)) is disputed


def test_a_date_is_labelled_as_its_claims_put_it() -> None:
    moment = datetime(2025, 1, 19, 11, 15, tzinfo=ZONE)
    assert date_label(moment, EXACT) == "2025-01-19T11:15:00+02:00"
    assert date_label(moment, DAY) == "2025-01-19"
    assert date_label(moment, WEEK) == "2025-W03"
    assert date_label(moment, MONTH) == "2025-01"

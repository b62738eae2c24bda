"""Instants as people write them (`--at`, `?at=`): a full time, a local time, or a date."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from truce.domain.bounds import date_range_text, day_in_range
from truce.errors import TruceError


class BadInstant(TruceError):
    code = "C101"
    default_hint = "write an ISO 8601 time such as 2023-11-28T12:00 or 2023-11-28T12:00+02:00"


class InstantOutOfRange(BadInstant):
    code = "V501"
    default_hint = f"ask about an instant from {date_range_text()}"


def now_s() -> float:
    """The present instant, as seconds since the epoch: what "now" is judged at (the one place
    every status "now" reads the clock, so a test can move it)."""
    return clock.time()


def parse_instant(text: str | None, zone: ZoneInfo) -> datetime:
    """`--at` values: a full time, a local time, or a date (its end, so the day is complete)."""
    if text is None or text == "now":
        return datetime.fromtimestamp(now_s(), zone)
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            when = datetime.combine(day, time(23, 59, 59), tzinfo=zone)
        else:
            when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInstant(f"cannot read the instant {text!r}") from None
    # The day as written: the same bound claims' dates have, whatever the offset.
    if not day_in_range(when.date()):
        raise InstantOutOfRange(f"the instant {text!r} is outside {date_range_text()}")
    return when if when.tzinfo is not None else when.replace(tzinfo=zone)

"""Phase clocks: when each phase starts and ends, after extensions, at a given instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from truce.domain.engine.events import Event
from truce.domain.spec import Phase, Span

DAY = 86400.0
LATE_GRACE = DAY  # an extension announced up to a day after expiry still revives the phase


@dataclass(frozen=True)
class AppliedExtension:
    event: Event
    days: float
    late: bool
    within_cap: bool
    renewal: bool


@dataclass(frozen=True)
class PhaseClock:
    phase: Phase
    start: float | None  # None: not started at the assessment instant
    base_end: float | None  # None: open-ended or not started
    end: float | None
    extensions: tuple[AppliedExtension, ...] = ()
    blocked_by: tuple[str, ...] = ()
    started_by: Event | None = None

    def day(self, instant: float) -> int | None:
        if self.start is None or instant < self.start:
            return None
        return int((instant - self.start) // DAY) + 1

    @property
    def length_days(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start) / DAY

    def contains(self, instant: float) -> bool:
        return (
            self.start is not None
            and self.start <= instant
            and (self.end is None or instant < self.end)
        )


def local_instant(value: datetime, zone: ZoneInfo) -> float:
    """A spec time: local to the agreement unless it carries its own offset."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.timestamp()


def add_span(start: float, span: Span, zone: ZoneInfo) -> float:
    moment = datetime.fromtimestamp(start, zone)
    if span.months:
        month0 = moment.month - 1 + span.months
        year = moment.year + month0 // 12
        month = month0 % 12 + 1
        day = min(moment.day, _days_in_month(year, month))
        moment = moment.replace(year=year, month=month, day=day)
    return (moment + timedelta(days=span.days, hours=span.hours)).timestamp()


def _days_in_month(year: int, month: int) -> int:
    nxt = datetime(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day

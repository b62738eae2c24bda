"""Phase clocks: when each phase starts and ends, after extensions, at a given instant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from truce.domain.engine.events import Event
from truce.domain.engine.horizon import local_date, local_time
from truce.domain.spec import Phase, Span, When

DAY = 86400.0
LATE_GRACE = DAY  # an extension announced up to a day after expiry still revives the phase
_UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class Reckoner:
    """How a clock counts days. Elapsed: day N is the N-th 24 hours from the start. Calendar:
    day N is the N-th local date, day 1 being the start's own date, and it ends at the local
    midnight that closes it; so 42 days from 11:15 on 19 January end at midnight after 1 March.
    """

    calendar: bool = False
    zone: ZoneInfo = _UTC

    def day_of(self, start: float, instant: float) -> int:
        if not self.calendar:
            return int((instant - start) // DAY) + 1
        return (self._date(instant) - self._date(start)).days + 1

    def day_end(self, start: float, n: float) -> float:
        """The end of day `n` (a fraction counts on from the start of the next day)."""
        if not self.calendar:
            return start + n * DAY
        whole = int(n // 1)
        midnight = self._midnight(self._date(start) + timedelta(days=whole))
        return self.add_days(midnight, n - whole) if n != whole else midnight

    def add_days(self, instant: float, days: float) -> float:
        if not self.calendar:
            return instant + days * DAY
        # Wall-clock arithmetic: a midnight stays a midnight across a DST change.
        return (local_time(instant, self.zone) + timedelta(days=days)).timestamp()

    def days_between(self, start: float, end: float) -> float:
        """A phase's length in days: calendar days count from the start date's midnight."""
        if not self.calendar:
            return (end - start) / DAY
        first = datetime.combine(self._date(start), time())
        last = local_time(end, self.zone).replace(tzinfo=None)
        return (last - first).total_seconds() / DAY

    def add_span(self, start: float, span: Span) -> float:
        """`start` plus `span`. On a calendar clock, days and months run to the midnight
        ending the last day (day 1 being the start's date); hours and minutes are elapsed."""
        if not (self.calendar and span.by_date):
            return add_span(start, span, self.zone)
        moment = datetime.combine(self._date(start), time(), tzinfo=self.zone)
        dated = Span(days=span.days, months=span.months)
        end = add_span(moment.timestamp(), dated, self.zone)
        return end + span.hours * 3600.0 + span.minutes * 60.0

    def until(self, start: float, when: When) -> float | None:
        """The end a phase's `until` names."""
        if when.day is not None:
            return self.day_end(start, when.day)
        return spec_instant(when, self.zone)

    def _date(self, instant: float) -> date:
        return local_date(instant, self.zone)

    def _midnight(self, day: date) -> float:
        return datetime.combine(day, time(), tzinfo=self.zone).timestamp()


def spec_instant(when: When, zone: ZoneInfo) -> float | None:
    """A deadline fixed in the spec: an instant, or the midnight that ends a local date."""
    if when.at is not None:
        return local_instant(when.at, zone)
    if when.date is not None:
        return datetime.combine(when.date + timedelta(days=1), time(), tzinfo=zone).timestamp()
    return None


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
    reckoner: Reckoner = field(default_factory=Reckoner)
    notes: tuple[str, ...] = ()  # caps applied, conditions, ignored claims: said in the answer
    capped: bool = False  # the phase's max_days cut an extension short
    conditional: bool = False  # runs on while a condition holds, with no fixed end

    def day(self, instant: float) -> int | None:
        if self.start is None or instant < self.start:
            return None
        return self.reckoner.day_of(self.start, instant)

    @property
    def length_days(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.reckoner.days_between(self.start, self.end)

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
    moment = local_time(start, zone)
    if span.months:
        month0 = moment.month - 1 + span.months
        year = moment.year + month0 // 12
        month = month0 % 12 + 1
        day = min(moment.day, _days_in_month(year, month))
        moment = moment.replace(year=year, month=month, day=day)
    step = timedelta(days=span.days, hours=span.hours, minutes=span.minutes)
    return (moment + step).timestamp()


def _days_in_month(year: int, month: int) -> int:
    nxt = datetime(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day

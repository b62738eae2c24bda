"""When sources disagree on when an event happened: its dates as readings, like its figures.

Each claim's date with its precision is an interval of instants: an exact time is that instant,
a day `[00:00, 24:00)`, a week or a month the whole of it (`claims.precision_span`). The claims
of one event *dispute its date* when no instant lies in all of their intervals: 11:15 and 12:15
dispute, 25 and 26 January dispute, "25 January" and "25 January 14:00" do not (14:00 lies in
the day), and neither do two claims giving the same date. This is the rule `domain.readings`
applies to figures, on the time line.

A disputed date keeps every distinct date as a `DateReading` with its claims. The leading one is
the date independent sources back best (`domain.leading.date_leader`; among equals its
best-attested claim's, `events._rank`), and the event is placed at it; the engine judges the
others too (`status`), and the answer lists the dispute with the verdicts that change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from truce.domain.claims import STATUS_WEIGHT, Claim, DatePrecision, precision_span
from truce.domain.leading import DateBacking, date_leader, grade_points, source_key

_EXACT = DatePrecision.EXACT


@dataclass(slots=True)
class DateReading:
    """One date for an event, as `date` and `precision`, and the claims that give it."""

    date: datetime
    precision: DatePrecision
    claims: tuple[Claim, ...]
    since: float  # the first instant it allows
    at: float  # where an event with this date is placed: the middle of its interval
    until: float  # the end of its interval (== since when exact)

    @property
    def label(self) -> str:
        return date_label(self.date, self.precision)


def placement(precision: DatePrecision, start: datetime) -> tuple[float, float, float]:
    """A date on the clock, as epoch seconds: where its interval starts, its middle (where an
    event is placed) and its end (when it is surely over); one instant three times if exact.
    `frame.reduce_columns` computes the same floats in bulk."""
    stamp = start.timestamp()
    if precision is _EXACT:
        return stamp, stamp, stamp
    span = precision_span(precision, start).total_seconds()
    return stamp, stamp + span / 2, stamp + span


def dates_disputed(intervals: Iterable[tuple[float, float]]) -> bool:
    """Whether date intervals (since, until) share no instant. An exact date (since == until)
    is its instant; a loose one runs up to, not including, `until`."""
    low, high, open_high = -float("inf"), float("inf"), False
    for since, until in intervals:
        low = max(low, since)
        if until < high:
            high, open_high = until, until != since
        elif until == high and until != since:
            open_high = True
    return low > high or (low == high and open_high)


def date_readings(ranked: Sequence[Claim]) -> tuple[DateReading, ...]:
    """The readings of an event's date, the leading one first (`domain.leading`), the others in
    time order; empty when they do not dispute (the usual case: one date, or dates that can all
    be true). `ranked`: the event's claims in `events._rank` order."""
    by_date: dict[tuple[float, DatePrecision], list[Claim]] = {}
    for claim in ranked:
        key = (claim.date.timestamp(), claim.date_precision)
        found = by_date.get(key)
        if found is None:
            by_date[key] = [claim]
        else:
            found.append(claim)
    if len(by_date) < 2:
        return ()
    readings = []
    for claims in by_date.values():
        first = claims[0]
        since, at, until = placement(first.date_precision, first.date)
        readings.append(
            DateReading(first.date, first.date_precision, tuple(claims), since, at, until)
        )
    if not dates_disputed((r.since, r.until) for r in readings):
        return ()
    backings = [date_backing(c, *placement(c.date_precision, c.date)[::2]) for c in ranked]
    # `ranked` is in `events._rank` order, so each reading's first claim is its best attested.
    dates = [(r.since, r.until, _rank(r.claims[0])) for r in readings]
    position = date_leader(dates, backings)
    lead, rest = readings[position], readings[:position] + readings[position + 1 :]
    rest.sort(key=lambda r: (r.since, r.until, r.label))
    return (lead, *rest)


def _rank(claim: Claim) -> tuple[int, str, bool]:
    """How well a claim is attested, without its id (`events._rank`): lower is better."""
    return (
        -STATUS_WEIGHT[claim.status],
        claim.reliability or "Z9",
        claim.date_precision is not _EXACT,
    )


def date_backing(claim: Claim, since: float, until: float) -> DateBacking:
    """A claim's say on its event's date, its interval given (`placement`'s first and last)."""
    return DateBacking(
        since,
        until,
        source_key(claim.sources, claim.id),
        STATUS_WEIGHT[claim.status],
        grade_points(claim.reliability),
    )


def date_label(date: datetime, precision: DatePrecision) -> str:
    """A date as its claims put it: `2025-01-19T11:15:00+02:00`, `2025-01-25`, `2025-W04`,
    `2025-01` (local to the claim's own offset)."""
    if precision is _EXACT:
        return date.isoformat()
    if precision is DatePrecision.DAY:
        return date.date().isoformat()
    if precision is DatePrecision.WEEK:
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{date.year}-{date.month:02d}"

"""Loosely dated claims against a window: a claim dated to the day, week or month is the whole
interval it names, so it surely counts in a window only when the interval lies inside it and is
over by the assessment instant. One that straddles an edge (or the instant) may count or not."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from truce.domain.engine.assess import Assessment
from truce.domain.engine.events import Event
from truce.domain.engine.horizon import minute_text
from truce.domain.engine.index import Weigh, claims_total, weight_of
from truce.domain.spec import Selector


@dataclass
class Tally:
    """What surely counts in a window, what at most may, and the claims that make the gap."""

    certain: float
    possible: float
    undecided: Sequence[Event] = field(default_factory=list)
    outside: list[Event] = field(default_factory=list)  # undecided and not placed inside

    def evidence(self, inside: Sequence[Event]) -> Sequence[Event]:
        return Chained(self.outside, inside) if self.outside else inside

    def reason(self, ctx: Assessment) -> str:
        if not self.undecided:
            return ""
        precisions = sorted({e.precision.value for e in self.undecided})
        claims = [c.id for e in self.undecided for c in e.claims][:5]
        # "Or after --at" only while one of them is not over yet: a claim dated 13 October
        # cannot fall after 20 October, the instant judged.
        open_at = any(e.known_at > ctx.at for e in self.undecided)
        return (
            f"; undetermined by date precision: {len(self.undecided)} event(s) dated only to "
            f"the {' / '.join(precisions)} ({', '.join(claims)}) may fall either side of an "
            "edge of the window" + (f" or after {_fmt(ctx, ctx.at)}" if open_at else "")
        )


def tally(
    ctx: Assessment,
    sel: Selector,
    start: float,
    end: float,
    placed: float,
    weigh: Weigh | None = None,
) -> Tally:
    """`placed`: the window's total with every known event at the middle of its interval (what
    the series gives); the loose events that do not surely belong are taken out of it. `weigh`:
    what an event counts for (`index.weight_of`); by default its figure, or its parts that
    `sel` counts (`subcounts`)."""
    if not ctx.index.has_loose:
        return Tally(placed, placed)
    maybe = ctx.index.loose(sel, start, end)
    if not maybe:
        return Tally(placed, placed)
    certain, extra = placed, 0.0
    weigh = weigh or weight_of((), 1.0, sel)
    for event in maybe:
        amount = weigh(event, float(ctx.index.quantity(event) or 0))
        if event.known_at <= ctx.at and start <= event.at < end:
            certain -= amount
        extra += amount
    outside = [e for e in maybe if not (e.known_at <= ctx.at and start <= e.at < end)]
    return Tally(certain, certain + extra, maybe, outside)


def settled_at(
    ctx: Assessment, sel: Selector, start: float, threshold: float, count: Tally
) -> float | None:
    """When what surely counts from `start` first added up to `threshold`: every event at the
    instant it had surely happened by (a loose date's end, never its middle), without the
    loosely dated ones that may have happened before `start` (`count.undecided`)."""
    series = ctx.index.series(sel, settled=True)
    weigh = weight_of((), 1.0, sel)
    for event in count.undecided:
        if event.since < start:
            amount = weigh(event, float(ctx.index.quantity(event) or 0))
            series = series.with_delta(event.known_at, -amount)
    return series.reached(start, threshold)


class Chained(Sequence[Event]):
    """Evidence: the undecided events outside a window, then the window's own (still lazy)."""

    def __init__(self, first: list[Event], rest: Sequence[Event]) -> None:
        self._first, self._rest = first, rest

    def __len__(self) -> int:
        return len(self._first) + len(self._rest)

    @overload
    def __getitem__(self, item: int) -> Event: ...

    @overload
    def __getitem__(self, item: slice) -> list[Event]: ...

    def __getitem__(self, item: int | slice) -> Event | list[Event]:
        if isinstance(item, slice):
            return list(self)[item]
        if item < len(self._first):
            return self._first[item]
        return self._rest[item - len(self._first)]

    def __iter__(self) -> Iterator[Event]:
        yield from self._first
        yield from self._rest

    def claims_total(self) -> int:
        return sum(len(e.claims) for e in self._first) + claims_total(self._rest)


def _fmt(ctx: Assessment, instant: float) -> str:
    return minute_text(instant, ctx.zone)

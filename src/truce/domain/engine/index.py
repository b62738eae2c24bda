"""The events an assessment reads, indexed by the selectors the spec's terms use."""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Protocol

import numpy as np

from truce.domain.engine.dates import DateReading
from truce.domain.engine.events import Event, placed
from truce.domain.engine.refine import fits, refines
from truce.domain.engine.series import Series
from truce.domain.engine.subcounts import matched as parts_matched
from truce.domain.engine.subcounts import profile
from truce.domain.spec import Selector

# What an event counts for in a series, at a figure (its own, or a disputed reading's).
Weigh = Callable[[Event, float], float]
SeriesKey = tuple[object, ...]


def selector_key(sel: Selector, weights: tuple[tuple[str, float], ...] = ()) -> SeriesKey:
    refined = (tuple(sel.location), tuple(sel.participants), tuple(sel.topic))
    return (
        sel.type,
        sel.party,
        sel.subject,
        tuple(sel.categories),
        tuple(sel.exclude),
        weights,
        *refined,
    )


def matches(sel: Selector, event: Event) -> bool:
    if event.type != sel.type:
        return False
    if sel.party is not None and event.actor != sel.party:
        return False
    if sel.subject is not None and event.subject != sel.subject:
        return False
    if event.parts:
        if (sel.categories or sel.exclude) and not parts_matched(sel, event):
            return False
    else:
        if sel.categories and event.categories.isdisjoint(sel.categories):
            return False
        if sel.exclude and not event.categories.isdisjoint(sel.exclude):
            return False
    return not refines(sel) or fits(sel, event)


def weight_of(
    weights: tuple[tuple[str, float], ...], default: float, sel: Selector | None = None
) -> Weigh:
    """What a matching event counts for at a figure: the figure times the factor of its first
    listed category; with sub-counts, each piece by its own (`subcounts`), `sel`'s category
    filter asked of each piece."""
    plain = sel or _ANY

    def weigh(event: Event, figure: float) -> float:
        if event.parts:
            return profile(plain, event.categories, event.parts, weights, default).amount(figure)
        for category, factor in weights:
            if category in event.categories:
                return figure * factor
        return figure * default

    return weigh


_ANY = Selector()  # no category filter: every piece counts


def claims_total(events: Sequence[Event]) -> int:
    """How many claims stand behind `events`, without building the events when they are lazy."""
    counted = getattr(events, "claims_total", None)
    if counted is not None:
        return int(counted())
    return sum(len(e.claims) for e in events)


class EventIndex(Protocol):
    """What an assessment reads; `Index` holds `Event` objects, `columns.ColumnIndex` columns."""

    overrides: dict[str, int]
    has_loose: bool  # whether any event is loosely dated: most records have none

    def of_type(self, event_type: str) -> Sequence[Event]: ...

    def quantity(self, event: Event) -> int | None: ...

    def select(self, sel: Selector) -> Sequence[Event]: ...

    def count_between(self, sel: Selector, start: float, end: float) -> int: ...

    def between(self, sel: Selector, start: float, end: float) -> Sequence[Event]: ...

    def between_any(
        self, selectors: Sequence[Selector], start: float, end: float
    ) -> Sequence[Event]: ...

    def with_parts(self, sel: Selector, start: float, end: float) -> Sequence[Event]: ...

    def series(
        self,
        sel: Selector,
        weights: tuple[tuple[str, float], ...] = (),
        default: float = 1.0,
        settled: bool = False,
    ) -> Series: ...

    def with_override(self, event: Event, quantity: int) -> EventIndex: ...

    def loose(self, sel: Selector, start: float, end: float) -> Sequence[Event]: ...

    def known_count(self) -> int: ...

    def disputed(self) -> list[Event]: ...

    def date_disputed(self) -> list[Event]: ...

    def with_date(self, event: Event, reading: DateReading) -> EventIndex: ...

    def fingerprint(self, types: Collection[str]) -> str: ...

    def edges(self, types: Collection[str], at: float) -> tuple[float | None, float | None]: ...


class Index:
    """Events known at the assessment instant, with a series per selector, built on demand.

    An index read with overrides (a disputed event's other figure) shares its parent's series
    and only adds the difference, so each alternative reading costs little.
    """

    def __init__(
        self,
        events: tuple[Event, ...],
        pending: tuple[Event, ...] = (),
        instant: float = math.inf,
        later: tuple[Event, ...] = (),
    ) -> None:
        self.events = events
        self.pending = pending  # loosely dated events whose window holds the instant
        self.instant = instant
        # Events not begun by the instant by their leading date, though by another: `later_at`
        self.later = later
        self.has_loose = bool(pending) or any(e.loose for e in events)
        self._loose: dict[SeriesKey, tuple[list[Event], list[float], float]] = {}
        self.overrides: dict[str, int] = {}
        self._parent: Index | None = None  # a reading with overrides shares its parent's caches
        self._series: dict[SeriesKey, Series] = {}
        self._selected: dict[SeriesKey, list[Event]] = {}
        self._instants: dict[SeriesKey, list[float]] = {}
        self._by_id = {e.id: e for e in events}
        self._by_type: dict[str, list[Event]] = {}
        for event in events:
            self._by_type.setdefault(event.type, []).append(event)

    @property
    def _root(self) -> Index:
        # Not a reference to itself: a cycle would leave every index to the cycle collector.
        return self._parent or self

    def of_type(self, event_type: str) -> list[Event]:
        return self._root._by_type.get(event_type, [])

    def fingerprint(self, types: Collection[str]) -> str:
        """A digest of the events of `types` this index holds (`engine.kept`)."""
        root = self._root
        held = (*root.events, *root.pending, *root.later)
        return fingerprint(
            (e.id, e.at, e.known_at, [c.id for c in e.claims]) for e in held if e.type in types
        )

    def edges(self, types: Collection[str], at: float) -> tuple[float | None, float | None]:
        """`around` the instants of the events of `types` this index holds (`engine.kept`)."""
        root = self._root
        held = (*root.events, *root.pending, *root.later)
        return around([x for e in held if e.type in types for x in (e.at, e.known_at, e.since)], at)

    def quantity(self, event: Event) -> int | None:
        return self.overrides.get(event.id, event.quantity)

    def select(self, sel: Selector) -> list[Event]:
        """Matching events in clock order (cached: every reading shares the list)."""
        root = self._root
        key = selector_key(sel)
        found = root._selected.get(key)
        if found is None:
            found = [e for e in root.of_type(sel.type) if matches(sel, e)]
            root._selected[key] = found
            root._instants[key] = [e.at for e in found]
        return found

    def count_between(self, sel: Selector, start: float, end: float) -> int:
        """How many matching events are placed in [start, end), without copying them."""
        self.select(sel)
        instants = self._root._instants[selector_key(sel)]
        return bisect_left(instants, end) - bisect_left(instants, start)

    def between(self, sel: Selector, start: float, end: float) -> list[Event]:
        """Matching events placed in [start, end)."""
        events = self.select(sel)
        instants = self._root._instants[selector_key(sel)]
        return events[bisect_left(instants, start) : bisect_left(instants, end)]

    def with_parts(self, sel: Selector, start: float, end: float) -> list[Event]:
        """Matching events in [start, end) whose claims give sub-counts (`subcounts`)."""
        return [e for e in self.between(sel, start, end) if e.parts]

    def between_any(self, selectors: Sequence[Selector], start: float, end: float) -> list[Event]:
        """Events matching any of `selectors` in [start, end), in clock order (an event that
        matches two selectors is listed twice)."""
        found = [e for sel in selectors for e in self.between(sel, start, end)]
        return sorted(found, key=lambda e: (e.at, e.id))

    def loose(self, sel: Selector, start: float, end: float) -> list[Event]:
        """Loosely dated events (known, or with the instant inside their window) that may fall
        in [start, end) or outside it: see `undecided`."""
        root = self._root
        key = selector_key(sel)
        found = root._loose.get(key)
        if found is None:
            mine = [e for e in root.select(sel) if e.loose]
            mine += [e for e in root.pending if matches(sel, e)]
            mine.sort(key=lambda e: (e.since, e.id))
            reach = max((e.known_at - e.since for e in mine), default=0.0)
            found = root._loose[key] = (mine, [e.since for e in mine], reach)
        events, sinces, reach = found
        if not events:
            return []
        near = events[bisect_left(sinces, start - reach) : bisect_left(sinces, end)]
        return undecided(near, start, end, root.instant)

    def known_count(self) -> int:
        return len(self.events)

    def disputed(self) -> list[Event]:
        """Known events whose figures dispute."""
        return [e for e in self.events if e.disputed]

    def date_disputed(self) -> list[Event]:
        """Events whose dates dispute and one of whose dates has begun by the instant, in clock
        order: those known, then those whose leading date holds the instant, then later ones."""
        root = self._root
        return [e for e in (*root.events, *root.pending, *root.later) if e.dates]

    def with_date(self, event: Event, reading: DateReading) -> Index:
        """The same record with `event` at another of its dates: a fresh index (clock order,
        what is known and what is pending all move with it)."""
        root = self._root
        moved = placed(event, reading)
        others = [e for e in (*root.events, *root.pending) if e is not event]
        every = sorted([*others, moved], key=lambda e: (e.at, e.id))
        return Index(known_by(every, root.instant), pending_at(every, root.instant), root.instant)

    def series(
        self,
        sel: Selector,
        weights: tuple[tuple[str, float], ...] = (),
        default: float = 1.0,
        settled: bool = False,
    ) -> Series:
        """Matching events' figures (times `weights`) at their places on the clock; `settled`:
        at the instants they surely had happened by instead (a loose date's end, `known_at`)."""
        root = self._root
        settled = settled and root.has_loose
        key = (*selector_key(sel, weights), default, settled)
        series = root._series.get(key)
        weigh = weight_of(weights, default, sel)
        if series is None:
            points = [
                (e.known_at if settled else e.at, weigh(e, e.quantity or 0))
                for e in root.select(sel)
            ]
            series = root._series[key] = Series(points)
        return with_overrides(series, self.overrides, root._by_id, sel, weigh, settled)

    def with_override(self, event: Event, quantity: int) -> Index:
        """The same events read with one event's figure replaced (a disputed reading)."""
        child = Index.__new__(Index)
        child.events, child.pending, child.instant = self.events, self.pending, self.instant
        child.has_loose = self.has_loose
        child.overrides = {**self.overrides, event.id: quantity}
        child._parent = self._root
        return child


def with_overrides(
    series: Series,
    overrides: Mapping[str, int],
    by_id: Mapping[str, Event],
    sel: Selector,
    weigh: Weigh,
    settled: bool = False,
) -> Series:
    """`series` with each overridden event's figure (a disputed reading) put in its place."""
    for event_id, quantity in overrides.items():
        event = by_id[event_id]
        if matches(sel, event):
            instant = event.known_at if settled else event.at
            old = event.quantity or 0
            # Without parts, as it always was: the change in figure times the event's factor.
            if event.parts:
                delta = weigh(event, quantity) - weigh(event, old)
            else:
                delta = (quantity - old) * weigh(event, 1.0)
            series = series.with_delta(instant, delta)
    return series


def known_by(events: Iterable[Event], instant: float) -> tuple[Event, ...]:
    return tuple(e for e in events if e.known_at <= instant)


def pending_at(events: Iterable[Event], instant: float) -> tuple[Event, ...]:
    """Loosely dated events not yet known at `instant` though their window has begun."""
    return tuple(e for e in events if e.known_at > instant and e.since <= instant)


def later_at(events: Iterable[Event], instant: float) -> tuple[Event, ...]:
    """Events whose leading date begins after `instant` though a disputed date of theirs does
    not: under that date they are known (or pending) at `instant`."""
    return tuple(e for e in events if e.dates and e.since > instant and e.earliest <= instant)


def undecided(candidates: Iterable[Event], start: float, end: float, instant: float) -> list[Event]:
    """Of loosely dated events starting before `end`, those whose window overlaps [start, end)
    without surely lying inside it: it straddles an edge, or is not over at `instant`."""
    return [
        e
        for e in candidates
        if e.known_at > start and (e.since < start or e.known_at > end or e.known_at > instant)
    ]


def around(instants: Sequence[float] | np.ndarray, at: float) -> tuple[float | None, float | None]:
    """The latest of `instants` at or before `at` and the earliest after it (None: none), read
    as plain numbers."""
    if isinstance(instants, np.ndarray):
        values = instants.astype(np.float64)
    else:
        values = np.array([float(x) for x in instants], dtype=np.float64)
    at = float(at)
    before, after = values[values <= at], values[values > at]
    return (
        float(before.max()) if len(before) else None,
        float(after.min()) if len(after) else None,
    )


def fingerprint(events: Iterable[tuple[str, float, float, Sequence[str]]]) -> str:
    """A digest of events given as (id, at, known_at, claim ids), whatever their order."""
    return digest(
        f"{key}\t{float(at)!r}\t{float(known)!r}\t{','.join(sorted(claims))}"
        for key, at, known, claims in events
    )


def digest(lines: Iterable[str]) -> str:
    """`fingerprint`'s digest of its lines, one per event (`ColumnIndex.fingerprint` writes the
    same lines from columns)."""
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()

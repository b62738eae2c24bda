"""The index an assessment reads, over an `EventFrame`: selections and series as NumPy arrays,
`Event` objects built only for the events the assessment lists or re-judges.

It answers every question `index.Index` answers, with the same results, so the terms, the
clocks and the rendering are the same code whichever way the events arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from typing import Any, overload

import numpy as np

from truce.domain.claims import Claim
from truce.domain.engine.answer import Counts
from truce.domain.engine.claim_columns import NONE, Floats, Ints, columns_from_claims
from truce.domain.engine.dates import DateReading
from truce.domain.engine.events import Event, make_event, placed
from truce.domain.engine.frame import EventFrame, reduce_columns
from truce.domain.engine.horizon import Horizon, Instant
from truce.domain.engine.index import (
    SeriesKey,
    around,
    digest,
    selector_key,
    weight_of,
    with_overrides,
)
from truce.domain.engine.kept import Memory
from truce.domain.engine.moved import moved
from truce.domain.engine.refine import fits, refines
from truce.domain.engine.series import Series
from truce.domain.engine.status import assess, paused_gc, tracked
from truce.domain.engine.subcounts import Profile, profile
from truce.domain.engine.versions import judging
from truce.domain.spec import AgreementSpec, Selector

# Claims by row of the frame's claim columns, in the order asked for.
Fetch = Callable[[Sequence[int]], list[Claim]]
_ABSENT = -2  # a code no event carries: a selector naming an actor nobody has


def evaluate_frame(
    spec: AgreementSpec,
    frame: EventFrame,
    fetch: Fetch,
    at: datetime,
    versions: Sequence[AgreementSpec] = (),
    horizon: Horizon | None = None,
    memory: Memory | None = None,
) -> dict[str, Any]:
    """`evaluate` for events already reduced to columns (see `frame`); the same result.
    With a `horizon` (made at `at`), its `until` is left at the instant the answer holds to.
    `memory`: what the previous judgment left to reuse, and where this one leaves it (`kept`)."""
    judge = judging(versions or [spec], at)
    with paused_gc():
        instant = tracked(at, versions, horizon)
        shared = memory.events if memory is not None else None
        index = ColumnIndex(frame, fetch, instant, shared=shared)
        counts = Counts(
            frame.claims,
            len(frame),
            frame.superseded,
            frame.retracted,
            frame.out_of_range,
            frame.unchecked,
        )
        answer = assess(judge, index, counts, instant, memory)
        # Its events and claims freed while the collector still sleeps: woken, it would first
        # walk every object made during the pause that is still alive.
        del index
        return answer


def evaluate_columns(
    spec: AgreementSpec,
    claims: Sequence[Claim],
    at: datetime,
    versions: Sequence[AgreementSpec] = (),
    horizon: Horizon | None = None,
    memory: Memory | None = None,
) -> dict[str, Any]:
    """The column path fed `Claim` objects: what the equivalence tests compare with `evaluate`."""
    mine = [c for c in claims if c.agreement == spec.id]
    frame = reduce_columns(columns_from_claims(mine))
    fetch = lambda rows: [mine[r] for r in rows]  # noqa: E731
    return evaluate_frame(spec, frame, fetch, at, versions, horizon, memory)


class EventSlice(Sequence[Event]):
    """Events at some frame positions, built only as they are read."""

    def __init__(self, index: ColumnIndex, positions: Ints) -> None:
        self._index, self._positions = index, positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, item: int) -> Event: ...

    @overload
    def __getitem__(self, item: slice) -> list[Event]: ...

    def __getitem__(self, item: int | slice) -> Event | list[Event]:
        if isinstance(item, slice):
            return self._index.events_at(self._positions[item].tolist())
        return self._index.events_at([int(self._positions[item])])[0]

    def __iter__(self) -> Iterator[Event]:
        done, step = 0, 8  # readers often stop early (an explanation names 25 claims)
        while done < len(self._positions):
            yield from self._index.events_at(self._positions[done : done + step].tolist())
            done, step = done + step, min(step * 2, 4096)

    def claims_total(self) -> int:
        starts = self._index.frame.starts
        return int((starts[self._positions + 1] - starts[self._positions]).sum())


class ColumnIndex:
    """Events known at the assessment instant, held as frame positions in clock order."""

    def __init__(
        self, frame: EventFrame, fetch: Fetch, at: float, shared: dict[str, Event] | None = None
    ) -> None:
        """`shared`: events of the same record built before (by other judgments of its chain
        head: `kept.Memory.events`), by id, and where to leave those built here."""
        self.frame = frame
        self._shared = shared
        self.overrides: dict[str, int] = {}
        self._parent: ColumnIndex | None = (
            None  # a reading with overrides shares its parent's caches
        )
        self._fetch = fetch
        if isinstance(at, Instant):  # searched by clock instant too (`_select`), not compared
            at.horizon.passes_any(frame.at)
        self._known = frame.known_at <= at  # a mask over the frame
        self.known = np.flatnonzero(self._known)
        self.instant = at
        loose = frame.known_at != frame.at
        self._since = np.where(loose, 2 * frame.at - frame.known_at, frame.at)
        self.pending = np.flatnonzero((frame.known_at > at) & (self._since <= at))
        self.has_loose = bool(len(self.pending)) or bool(loose[self.known].any())
        self._loose: dict[SeriesKey, tuple[Ints, Floats, float]] = {}
        self._built: dict[int, Event] = {}
        self._by_id: dict[str, Event] = {}
        self._position: dict[str, int] = {}  # of each event built
        self._placed: dict[str, DateReading] = {}  # an event read at another of its dates
        # The index whose frame this one's reorders, and where each position here lies there.
        self._source: tuple[ColumnIndex, Ints] | None = None
        self._selected: dict[SeriesKey, tuple[Ints, Floats]] = {}
        self._series: dict[SeriesKey, Series] = {}
        self._instants: dict[tuple[SeriesKey, bool], list[float]] = {}
        self._by_type: dict[str, list[Event]] = {}
        self._type = {t: i for i, t in enumerate(frame.types)}
        self._actor = {a: i for i, a in enumerate(frame.actors)}
        self._subject = {s: i for i, s in enumerate(frame.subjects)}

    # -- building events --------------------------------------------------------------------

    @property
    def _root(self) -> ColumnIndex:
        # Not a reference to itself: a cycle would leave every index to the cycle collector.
        return self._parent or self

    def events_at(self, positions: list[int]) -> list[Event]:
        root = self._root
        built = root._built
        missing = [p for p in dict.fromkeys(positions) if p not in built]
        if missing and root._source is not None:
            # A reordered frame holds the same events: borrow them, built or not yet.
            source, order = root._source
            for position, event in zip(
                missing, source.events_at(order[missing].tolist()), strict=True
            ):
                root._keep(position, event)
        elif missing and root._shared is not None:
            held, keys = root._shared, root.frame.keys
            for position in missing:
                found = held.get(keys[position])
                if found is not None:
                    root._keep(position, found)
            missing = [p for p in missing if p not in built]
        if missing and root._source is None:
            f = root.frame
            at = np.array(missing, dtype=np.int64)
            lo, sizes = f.starts[at], f.starts[at + 1] - f.starts[at]
            offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            claims = root._fetch(f.members[np.repeat(lo, sizes) + offsets].tolist())
            # The leading figure and whether figures dispute, as the frame found them.
            told = zip(f.quantity[at].tolist(), f.disputed[at].tolist(), strict=True)
            i = 0
            shared = root._shared
            for position, size, figures in zip(missing, sizes.tolist(), told, strict=True):
                event = make_event(f.keys[position], claims[i : i + size], figures)
                if shared is not None:  # one event per id, whichever judgment built it
                    event = shared.setdefault(event.id, event)
                root._keep(position, event)
                i += size
        return [built[p] for p in positions]

    def _keep(self, position: int, event: Event) -> None:
        reading = self._placed.get(event.id)
        if reading is not None:
            event = placed(event, reading)
        self._built[position] = self._by_id[event.id] = event
        self._position[event.id] = position

    # -- what an assessment asks (see index.EventIndex) -------------------------------------

    def of_type(self, event_type: str) -> list[Event]:
        root = self._root
        found = root._by_type.get(event_type)
        if found is None:
            known = root.known
            mine = known[root.frame.type[known] == root._type.get(event_type, _ABSENT)]
            found = root._by_type[event_type] = root.events_at(mine.tolist())
        return found

    def quantity(self, event: Event) -> int | None:
        return self.overrides.get(event.id, event.quantity)

    def _select(self, sel: Selector) -> tuple[Ints, Floats]:
        root = self._root
        key = selector_key(sel)
        found = root._selected.get(key)
        if found is None:
            positions = root._matching(sel)
            found = root._selected[key] = (positions, root.frame.at[positions])
        return found

    def _matching(self, sel: Selector, among: Ints | None = None) -> Ints:
        """The positions `sel` matches among `among`, or among the events known (by masks
        over the whole frame then: comparing every row costs less than gathering the known)."""
        f = self.frame

        def read(column: Ints) -> Ints:
            return column if among is None else column[among]

        mask = read(f.type) == self._type.get(sel.type, _ABSENT)
        if sel.party is not None:
            mask &= read(f.actor) == self._actor.get(sel.party, _ABSENT)
        if sel.subject is not None:
            mask &= read(f.subject) == self._subject.get(sel.subject, _ABSENT)
        if sel.categories or sel.exclude:
            fitting = [_fits(sel, frozenset(s)) for s in f.category_sets]
            by_categories = np.array(fitting, dtype=bool)[read(f.categories)]
            with_parts = read(f.parts) != NONE
            if with_parts.any():
                # A claim's sub-counts may match where its categories do not (`subcounts`).
                rows = np.flatnonzero(with_parts)
                profiles = self._profiles(sel, (), 1.0, rows if among is None else among[rows])
                by_categories[rows] = [p.matched for p in profiles]
            mask &= by_categories
        found: Ints = np.flatnonzero(mask & self._known) if among is None else among[mask]
        if refines(sel) and len(found):
            # Place, participants and topic read the claims: the same rule as `index.matches`,
            # asked only of the events the columns left.
            events = self.events_at(found.tolist())
            found = found[np.fromiter((fits(sel, e) for e in events), bool, count=len(events))]
        return found

    def _profiles(
        self, sel: Selector, weights: tuple[tuple[str, float], ...], default: float, rows: Ints
    ) -> list[Profile]:
        """`subcounts.profile` of the events at frame `rows`, once per distinct category set
        and parts."""
        f = self.frame
        found: dict[tuple[int, int], Profile] = {}
        out = []
        for cats, parts in zip(f.categories[rows].tolist(), f.parts[rows].tolist(), strict=True):
            got = found.get((cats, parts))
            if got is None:
                categories = f.category_sets[cats] if cats >= 0 else ()
                got = found[(cats, parts)] = profile(
                    sel, categories, f.part_sets[parts], weights, default
                )
            out.append(got)
        return out

    def with_parts(self, sel: Selector, start: float, end: float) -> EventSlice:
        """`index.Index.with_parts`: only the events whose claims give parts are built."""
        window = self._window(sel, start, end)
        return EventSlice(self._root, window[self._root.frame.parts[window] != NONE])

    def loose(self, sel: Selector, start: float, end: float) -> list[Event]:
        """`index.Index.loose`, over columns: the same events in the same order."""
        root = self._root
        key = selector_key(sel)
        found = root._loose.get(key)
        f = root.frame
        if found is None:
            known = root._select(sel)[0]
            mine = np.concatenate(
                [known[f.known_at[known] != f.at[known]], root._matching(sel, root.pending)]
            )
            mine = mine[np.argsort(root._since[mine], kind="stable")]
            spans = f.known_at[mine] - root._since[mine]
            reach = float(spans.max()) if len(mine) else 0.0
            found = root._loose[key] = (mine, root._since[mine], reach)
        mine, sinces, reach = found
        if not len(mine):  # the common case, asked once per window of every reading
            return []
        lo, hi = np.searchsorted(sinces, (start - reach, end), "left")
        near, since, known_at = mine[lo:hi], sinces[lo:hi], f.known_at[mine[lo:hi]]
        keep = (known_at > start) & ((since < start) | (known_at > end) | (known_at > root.instant))
        events = root.events_at(near[keep].tolist())
        return sorted(events, key=lambda e: (e.since, e.id))

    def select(self, sel: Selector) -> EventSlice:
        return EventSlice(self._root, self._select(sel)[0])

    def _window(self, sel: Selector, start: float, end: float) -> Ints:
        positions, instants = self._select(sel)
        lo, hi = np.searchsorted(instants, (start, end), "left")
        return positions[lo:hi]

    def count_between(self, sel: Selector, start: float, end: float) -> int:
        return len(self._window(sel, start, end))

    def between(self, sel: Selector, start: float, end: float) -> EventSlice:
        return EventSlice(self._root, self._window(sel, start, end))

    def between_any(self, selectors: Sequence[Selector], start: float, end: float) -> EventSlice:
        parts = [self._window(sel, start, end) for sel in selectors]
        # Positions are clock order; a stable sort keeps an event matched twice listed twice.
        return EventSlice(self._root, np.sort(np.concatenate(parts), kind="stable"))

    def series(
        self,
        sel: Selector,
        weights: tuple[tuple[str, float], ...] = (),
        default: float = 1.0,
        settled: bool = False,
    ) -> Series:
        root = self._root
        settled = settled and root.has_loose
        key = (*selector_key(sel, weights), default, settled)
        series = root._series.get(key)
        weigh = weight_of(weights, default, sel)
        if series is None:
            f = root.frame
            positions, instants = root._select(sel)
            if settled:
                instants = f.known_at[positions]
            factors = np.array([_factor(weights, default, s) for s in f.category_sets] or [0.0])
            figures = np.where(f.has_quantity[positions], f.quantity[positions], 0)
            amounts = (figures * factors[f.categories[positions]]).astype(np.float64)
            with_parts = np.flatnonzero(f.parts[positions] != NONE)
            if len(with_parts):
                # Events whose claims give sub-counts count by piece (`subcounts`).
                rows = positions[with_parts]
                profiles = root._profiles(sel, weights, default, rows)
                amounts[with_parts] = [
                    p.amount(float(q)) for p, q in zip(profiles, figures[with_parts].tolist(),
                                                       strict=True)
                ]  # fmt: skip
            # Weights change the amounts, never the instants: their list is made once.
            listed = root._instants.get((selector_key(sel), settled))
            series = root._series[key] = Series.of(instants, amounts, listed)
            root._instants[(selector_key(sel), settled)] = series.instants
        return with_overrides(series, self.overrides, root._by_id, sel, weigh, settled)

    def with_override(self, event: Event, quantity: int) -> ColumnIndex:
        child = ColumnIndex.__new__(ColumnIndex)
        child.frame, child.instant, child._shared = self.frame, self.instant, None
        child.has_loose = self.has_loose
        child.overrides = {**self.overrides, event.id: quantity}
        child._parent = self._root
        return child

    def known_count(self) -> int:
        return len(self._root.known)

    def disputed(self) -> list[Event]:
        root = self._root
        known = root.known
        return root.events_at(known[root.frame.disputed[known]].tolist())

    def date_disputed(self) -> list[Event]:
        """`index.Index.date_disputed`: known, then pending, then later, each in clock order."""
        root = self._root
        f = root.frame
        begun = root._since <= root.instant
        known = root.known[f.date_disputed[root.known]]
        pending = root.pending[f.date_disputed[root.pending]]
        later = np.flatnonzero(f.date_disputed & ~begun)
        begun_by_lead = root.events_at(np.concatenate([known, pending]).tolist())
        others = root.events_at(later.tolist())
        return begun_by_lead + [e for e in others if e.earliest <= root.instant]

    def _claim_ids(self, positions: Ints) -> tuple[list[str], Ints]:
        """The claim ids of the events at `positions`, one after another, read without building
        the claims where the fetcher can (`ids`); and how many each event has."""
        f = self.frame
        lo, sizes = f.starts[positions], f.starts[positions + 1] - f.starts[positions]
        offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        rows = f.members[np.repeat(lo, sizes) + offsets].tolist()
        ids_of = getattr(self._fetch, "ids", None)
        return (ids_of(rows) if ids_of is not None else [c.id for c in self._fetch(rows)]), sizes

    def fingerprint(self, types: Collection[str]) -> str:
        """`index.Index.fingerprint` from the columns: every event of `types` in the frame, its
        claims' ids read without building the claims where the fetcher can (`ids`)."""
        root = self._root
        f = root.frame
        codes = [root._type[t] for t in types if t in root._type]
        positions = np.flatnonzero(np.isin(f.type, codes))
        ids, sizes = root._claim_ids(positions)
        ends = np.cumsum(sizes).tolist()
        starts = [0, *ends[:-1]][: len(ends)]
        # `index.fingerprint`'s lines, written a column at a time: the floats' repr, and an
        # event's one claim id as it is (most have one), several sorted and joined.
        keys = f.keys
        claims = [
            ids[s] if e - s == 1 else ",".join(sorted(ids[s:e]))
            for s, e in zip(starts, ends, strict=True)
        ]
        return digest(
            map(
                "\t".join,
                zip(
                    [keys[p] for p in positions.tolist()],
                    map(repr, f.at[positions].tolist()),
                    map(repr, f.known_at[positions].tolist()),
                    claims,
                    strict=True,
                ),
            )
        )

    def edges(self, types: Collection[str], at: float) -> tuple[float | None, float | None]:
        """`index.Index.edges` from the columns: over every event of `types` in the frame."""
        root = self._root
        f = root.frame
        codes = [root._type[t] for t in types if t in root._type]
        positions = np.flatnonzero(np.isin(f.type, codes))
        instants = (f.at[positions], f.known_at[positions], root._since[positions])
        return around(np.concatenate(instants), at)

    def with_date(self, event: Event, reading: DateReading) -> ColumnIndex:
        """The same record with `event` at another of its dates: a fresh index over a frame
        with the event moved to its place in clock order, whose events are this one's."""
        root = self._root
        position = root._position[event.id]
        frame, order = moved(root.frame, position, reading.at, reading.until)
        child = ColumnIndex(frame, root._fetch, root.instant)
        child._placed = {event.id: reading}
        child._source = (root, order)
        return child


def _fits(sel: Selector, categories: frozenset[str]) -> bool:
    """`index.matches` on categories alone."""
    if sel.categories and categories.isdisjoint(sel.categories):
        return False
    return not (sel.exclude and not categories.isdisjoint(sel.exclude))


def _factor(
    weights: tuple[tuple[str, float], ...], default: float, categories: tuple[str, ...]
) -> float:
    for category, factor in weights:
        if category in categories:
            return factor
    return default

"""Another reading of a disputed event, judged window by window from the leading judgment.

`disputes.Disputes` judges every other reading of a disputed figure or date. The terms read a
figure only through what it adds to a total over a window: one day of a daily quota, a quota's
span up to its deadline, a ratio's phase, an extension's run of days. A window the event does
not lie in adds up to the same under every figure, so its verdict stays the leading one; a
window that holds the event is judged again by the very rule the term's evaluator applies to it
(`terms.quota_window`, `ratios.in_total`), on the record read with the other figure. An
alternative then costs a few sums, not a judgment of the term over its whole series. Another
date takes the event's figure from one instant to another, and the event from one window's count
to another's (a total with nothing on record is `no_record`): the windows from either instant's
reach are judged again, the same way.

A term takes this way only when its windows cannot move with the reading: the leading phase
clocks judge (the caller's `fixed`: no gate depends on the event and it moves no clock), and the
term opens after no other term (whose `met_at` the reading could move). A loosely dated event
may count in windows it is not placed in: every window of its terms is judged again then; a
date is moved this way only between exact instants, both known at the instant judged, and only
where every amount is a whole number (so no sum depends on the order it is added in). Any other
term, and any term kind not in `_WINDOWED`, is judged by its evaluator on the record read with
the other reading, as before. tests/domain/engine/test_properties_alternatives.py compares both
ways with the straightforward re-judgment over random specs and records.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from truce.domain.engine.assess import Assessment
from truce.domain.engine.dates import DateReading
from truce.domain.engine.events import Event
from truce.domain.engine.index import EventIndex, matches, weight_of
from truce.domain.engine.loose import tally
from truce.domain.engine.ratios import Weighing, Weights, in_total
from truce.domain.engine.reach import term_selectors
from truce.domain.engine.refine import refines
from truce.domain.engine.rules import pool_opens, pool_rule, pool_selector
from truce.domain.engine.series import Series
from truce.domain.engine.terms import quota_window
from truce.domain.engine.verdicts import ExtensionVerdict, Verdict
from truce.domain.spec import (
    AgreementSpec,
    ExtensionTerm,
    PoolTerm,
    QuotaTerm,
    RatioTerm,
    Selector,
    Term,
)

if TYPE_CHECKING:
    from truce.domain.engine.status import Outcome

Judge = Callable[..., "Outcome"]
Keyed = dict[str, str]
# Readings alike judged once (`Alternatives._alike_key`); off, each reading is judged window
# by window, the reference the property tests compare with.
ALIKE = True


class Alternatives:
    """The leading judgment of one assessment, and other readings judged against it."""

    def __init__(self, spec: AgreementSpec, index: EventIndex, main: Outcome, judge: Judge):
        self.spec, self.index, self.main, self.judge = spec, index, main, judge
        self.verdicts: dict[str, list[Verdict]] = {}
        for verdict in main.verdicts:
            self.verdicts.setdefault(verdict.term, []).append(verdict)
        self.extensions: dict[str, ExtensionVerdict] = {e.term: e for e in main.extensions}
        whole = main.keyed(set())  # the state and the agreement's end: the leading clocks'
        self.clocks = {k: whole[k] for k in ("state", "ends_at")}
        self._selectors: dict[str, tuple[Selector, Weighing | None]] = {}
        self._series: dict[tuple[object, ...], tuple[Selector, Series]] = {}
        self._counts: dict[tuple[object, ...], tuple[Selector, int]] = {}
        self._pools: dict[str, tuple[float, Selector, Sequence[Event]]] = {}
        self._statuses: dict[str, Keyed] = {}
        self._windows: dict[tuple[str, bool], list[tuple[str, float, float, float]]] = {}
        self._leadings: dict[str, Keyed] = {}
        self._edges: dict[frozenset[str], list[float] | None] = {}
        self._alike: dict[tuple[object, ...], Keyed] = {}

    def figure(self, event: Event, quantity: int, only: set[str]) -> Keyed:
        """`Outcome.keyed()` of the terms in `only` judged with `event`'s figure read as
        `quantity`, the phase clocks being the leading ones."""
        alike = self._alike_key(event, quantity, only)
        found = None if alike is None else self._alike.get(alike)
        if found is not None:
            return found
        alternative = self.index.with_override(event, quantity)
        change = _Change(event, ((event.at, quantity - (event.quantity or 0)),), (), event.loose)
        found, by_windows = self._judged(change, only, alternative, lambda: alternative)
        if alike is not None and by_windows:
            self._alike[alike] = found
        return found

    def _alike_key(self, event: Event, quantity: int, only: set[str]) -> tuple[object, ...] | None:
        """What the window rules read of another figure of `event`: the terms, what selectors
        see of the event, the difference in figure, and which windows hold the event (the
        number of window edges at or before its instant). Two readings with the same key
        are judged alike when every term is judged window by window (`_judged`); None when
        that cannot be told this way (a loosely dated event, sub-counts, a selector that
        reads the claims, an edge that moves with the instant judged)."""
        if event.loose or event.parts or not ALIKE:
            return None
        terms = frozenset(only)
        if terms not in self._edges:
            self._edges[terms] = self._edges_of(terms)
        edges = self._edges[terms]
        if edges is None:
            return None
        seen = (event.type, event.actor, event.subject, event.categories)
        return (terms, *seen, quantity - (event.quantity or 0), bisect_right(edges, event.at))

    def _edges_of(self, terms: frozenset[str]) -> list[float] | None:
        """Every instant where `change.reaches` of a figure may turn for the terms in `terms`:
        the windows of their quotas and ratios, an extension's phase start."""
        edges: list[object] = []
        for term in self.spec.terms:
            if term.id not in terms:
                continue
            if any(refines(sel) for sel in term_selectors(term)):
                return None
            if isinstance(term, QuotaTerm | RatioTerm):
                for _, start, _, reads_to in self._windows_of(term.id, False):
                    edges += [start, reads_to]
            verdict = self.extensions.get(term.id)
            if isinstance(term, ExtensionTerm) and verdict is not None and verdict.days:
                edges.append(self.main.assessment.clocks[term.phase].start)
        if not all(type(e) in (float, int) for e in edges):
            return None  # None, or an instant that follows the one judged (`horizon`)
        return sorted(cast(list[float], edges))

    def date(self, event: Event, reading: DateReading, only: set[str]) -> Keyed | None:
        """The same for `event` at another of its dates, or None when that cannot be judged
        window by window: the event is loosely dated or not known at the instant under either
        date (what is known, pending and loose moves with it then)."""
        at = float(self.main.assessment.at)  # the conditions hold from then on, once they do
        if event.loose or reading.until != reading.at or max(event.known_at, reading.until) > at:
            return None
        figure = event.quantity or 0
        moves = ((event.at, -figure), (reading.at, figure))
        change = _Change(event, moves, ((event.at, -1), (reading.at, 1)), False)

        def whole() -> EventIndex:
            return self.index.with_date(event, reading)

        return self._judged(change, only, self.index, whole)[0]

    def _judged(
        self,
        change: _Change,
        only: set[str],
        delegate: EventIndex,
        whole: Callable[[], EventIndex],
    ) -> tuple[Keyed, bool]:
        """`change` judged window by window where the term allows it; every other term of
        `only` judged by its evaluator on the `whole` record read with the change. And
        whether every term was judged window by window."""
        read = cast(EventIndex, _Changed(self, delegate, change))
        ctx = Assessment(self.spec, read, self.main.assessment.at, {}, self.main.assessment)
        found: Keyed = {}
        rest: set[str] = set()
        for term in self.spec.terms:
            if term.id not in only:
                continue
            # An event with sub-counts weighs its figure piece by piece (`subcounts`), not by
            # one factor: judged on the whole record, as before.
            plain = not term.opens_after and not change.event.parts
            windowed = _WINDOWED.get(term.kind) if plain else None
            try:
                judged = None if windowed is None else windowed(self, term, ctx, change)
            except _Inexact:
                judged = None
            if judged is None:
                rest.add(term.id)
            else:
                found.update(judged)
        if rest:
            other = self.judge(self.spec, whole(), ctx.at, rest, self.main.assessment)
            found.update(other.keyed())
            other.assessment.release()
        found.update(self.clocks)
        return found, not rest

    def series(self, sel: Selector, weights: Weights, default: float) -> Series:
        """The leading series of a selector, looked up once per selector object."""
        key = (id(sel), weights, default)
        found = self._series.get(key)
        if found is None or found[0] is not sel:
            found = self._series[key] = (sel, self.index.series(sel, weights, default))
        return found[1]

    def count_between(self, sel: Selector, start: float, end: float) -> int:
        """How many events `sel` matches in [start, end) under the leading reading."""
        key = (id(sel), start, end)
        found = self._counts.get(key)
        if found is None or found[0] is not sel:
            found = self._counts[key] = (sel, self.index.count_between(sel, start, end))
        return found[1]

    def _selector(self, term: QuotaTerm | RatioTerm) -> tuple[Selector, Weighing | None]:
        made = self._selectors.get(term.id)
        if made is None:
            weighing = Weighing.of(term) if isinstance(term, RatioTerm) else None
            made = self._selectors[term.id] = (term.selector(), weighing)
        return made

    def _quota(self, term: Term, ctx: Assessment, change: _Change) -> Keyed:
        assert isinstance(term, QuotaTerm)
        sel, _ = self._selector(term)
        found = dict(self._statuses_of(term.id))
        for verdict_id, start, end, reads_to in self._windows_of(term.id, change.moves):
            if not change.reaches(start, reads_to):
                continue  # a window the change does not reach
            count = tally(ctx, sel, start, end, ctx.index.series(sel).total(start, end))
            found[verdict_id] = quota_window(term, ctx, sel, count, start, end)
        return found

    def _ratio(self, term: Term, ctx: Assessment, change: _Change) -> Keyed | None:
        assert isinstance(term, RatioTerm)
        if term.per is not None:
            return None  # batches come and go with figures and dates: the evaluator judges them
        sel, how = self._selector(term)
        assert how is not None
        found = dict(self._statuses_of(term.id))
        for verdict_id, start, end, reads_to in self._windows_of(term.id, change.moves):
            if change.reaches(start, reads_to):
                found[verdict_id] = in_total(ctx, sel, how, start, end).status
        return found

    def _statuses_of(self, term_id: str) -> Keyed:
        """The leading verdicts of a quota or ratio by id: looked up once per term."""
        found = self._statuses.get(term_id)
        if found is None:
            verdicts = self.verdicts.get(term_id, [])
            found = self._statuses[term_id] = {v.id: v.status for v in verdicts}
        return found

    def _windows_of(self, term_id: str, moves: bool) -> list[tuple[str, float, float, float]]:
        """Each active verdict of a quota or ratio: its id, its window (`_window`) and how far
        a change may reach into it (`_reads`). Looked up once per term."""
        found = self._windows.get((term_id, moves))
        if found is None:
            found = self._windows[(term_id, moves)] = []
            for verdict in self.verdicts.get(term_id, []):
                start, reads_to = _reads(verdict, moves)
                if start is not None:  # an inactive term: nothing to judge again
                    found.append((verdict.id, start, _window(verdict)[1], reads_to))
        return found

    def _extension(self, term: Term, ctx: Assessment, change: _Change) -> Keyed | None:
        assert isinstance(term, ExtensionTerm)
        verdict = self.extensions.get(term.id)
        # With no verdict the phase has no start or no end to extend, whatever the record.
        if verdict is not None and verdict.days:
            start = ctx.clocks[term.phase].start
            # Each day's row counts from the phase's start: what lies before it counts in none.
            if start is None or change.reaches(start, math.inf):
                return None
        return self._leading(term.id)

    def _pool(self, term: Term, ctx: Assessment, change: _Change) -> Keyed | None:
        # A pool reads what was ever released and what came before its objection window
        # closed (its verdict's start): a date moved within the record after that changes
        # neither. Another figure changes the first only: the pool's rule is applied to the
        # record read with the change (its total, which events came early: the same events).
        [verdict] = self.verdicts[term.id]
        if not change.moves:
            assert isinstance(term, PoolTerm)
            closes, sel, early = self._pool_reads(term)
            released = ctx.index.series(sel).total(-math.inf, math.inf)
            judged = pool_rule(term, ctx, closes, released, early)
            return {v.id: v.status for v in judged.verdicts}
        opens = verdict.starts_at
        if opens is None or change.reaches(-math.inf, opens):
            return None
        return self._leading(term.id)

    def _pool_reads(self, term: PoolTerm) -> tuple[float, Selector, Sequence[Event]]:
        """What a pool reads that another figure leaves as it leads: when its objection window
        closes, its selector, the releases before then. Looked up once per term."""
        found = self._pools.get(term.id)
        if found is None:
            opens, sel = pool_opens(term, self.main.assessment), pool_selector(term)
            early = self.index.between(sel, -math.inf, opens)
            found = self._pools[term.id] = (opens, sel, early)
        return found

    def _leading(self, term_id: str) -> Keyed:
        """The leading verdicts of one term, keyed: looked up once per term (read only)."""
        found = self._leadings.get(term_id)
        if found is None:
            found = self._leadings[term_id] = self.main.keyed({term_id})
            for key in self.clocks:
                del found[key]
        return found


@dataclass(frozen=True)
class _Change:
    """Another reading of one event, as the window rules see it: amounts of the event's figure
    (weighed as each series weighs the event) added at instants, and events added to window
    counts at instants. Another figure adds the difference where the event is placed; another
    date takes the figure and the event away from one instant and puts them at another."""

    event: Event
    amounts: tuple[tuple[float, int], ...]
    counts: tuple[tuple[float, int], ...]
    loose: bool  # the event may count in windows it is not placed in

    @property
    def moves(self) -> bool:
        return bool(self.counts)

    def reaches(self, start: float, end: float) -> bool:
        """Whether the change may alter what [start, end) holds."""
        return self.loose or any(start <= instant < end for instant, _ in self.amounts)


class _Inexact(Exception):
    """A moved event's totals could be summed otherwise than in the record read afresh (some
    weight is not a whole number): the term is judged by its evaluator instead."""


class _Changed:
    """The record read with a change, as the window rules read it: the leading series and
    window counts (looked up once per selector), with the change's amounts and counts put in
    where the selector matches the event, as the override index puts in another figure;
    anything else read from `delegate`."""

    def __init__(self, owner: Alternatives, delegate: EventIndex, change: _Change) -> None:
        self._owner, self._delegate, self._change = owner, delegate, change
        self.has_loose, self.overrides = delegate.has_loose, delegate.overrides

    def series(
        self, sel: Selector, weights: Weights = (), default: float = 1.0, settled: bool = False
    ) -> Series:
        if settled:
            raise _Inexact  # what surely happened by when: not asked by the window rules
        series = self._owner.series(sel, weights, default)
        event = self._change.event
        if not matches(sel, event):
            return series
        weight = weight_of(weights, default)(event, 1.0)  # one factor: no parts here
        if self._change.moves and not _whole(series, weights, default, event):
            raise _Inexact
        for instant, amount in self._change.amounts:
            series = series.with_delta(instant, amount * weight)
        return series

    def count_between(self, sel: Selector, start: float, end: float) -> int:
        count = self._owner.count_between(sel, start, end)
        if self._change.counts and matches(sel, self._change.event):
            count += sum(n for instant, n in self._change.counts if start <= instant < end)
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._delegate, name)


def _whole(series: Series, weights: Weights, default: float, event: Event) -> bool:
    """Whether every amount of `series` is a whole number and every sum of them is exact in
    floats: then a window's total is the same however its amounts are ordered and summed."""
    factors = [default, *(w for _, w in weights)]
    total = series.cumulative[-1] + (event.quantity or 0) * max(abs(f) for f in factors)
    return all(float(f).is_integer() for f in factors) and total < 2**53


WindowJudge = Callable[[Alternatives, Term, Assessment, _Change], "Keyed | None"]
_WINDOWED: dict[str, WindowJudge] = {
    "quota": Alternatives._quota,
    "ratio": Alternatives._ratio,
    "extension": Alternatives._extension,
    "pool": Alternatives._pool,
}


def _reads(verdict: Verdict, moves: bool) -> tuple[float | None, float]:
    """What a quota's or ratio's verdict may read of a change: its window's total; and, for
    an event moved (`moves`), how many events lie from the window's start on (a total with
    nothing on record is `no_record` while nothing lies there up to the end of the record)."""
    start, end = _window(verdict)
    return start, (math.inf if moves else end)


def _window(verdict: Verdict) -> tuple[float | None, float]:
    """The window a quota's or ratio's verdict counts over: its start, and its end (open: inf)."""
    end = math.inf if verdict.ends_at is None else verdict.ends_at
    return verdict.starts_at, end

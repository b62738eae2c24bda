"""Claims as columns, reduced to events in bulk: the engine's way in for large records.

`events.reduce_claims` builds one `Event` per event from `Claim` objects and stays the reference.
This module groups the same claims into the same events with NumPy instead, keeping per event
only what selecting and counting need (clock instants, type, actor, subject, categories, leading
figure) plus the rows of its claims, so that an `Event` object is built (by `events.make_event`,
the reference's own code) only for the events an assessment lists. Equivalence with the
reference is tested on every engine test and on random records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from truce.domain.bounds import EARLIEST_INSTANT, LATEST_INSTANT
from truce.domain.claims import (
    STATUS_WEIGHT,
    ClaimStatus,
    DatePrecision,
    precision_span,
)
from truce.domain.engine.claim_columns import (
    PRECISION_CODE,
    STATUS_CODE,
    STATUSES,
    ClaimColumns,
    Flags,
    Floats,
    Ints,
    Words,
)
from truce.domain.leading import Backing, DateBacking, date_leader, leader
from truce.domain.readings import QUALIFIERS, intervals

_WEIGHTS = np.array([STATUS_WEIGHT[s] for s in STATUSES], dtype=np.int64)
_EXACT = PRECISION_CODE[DatePrecision.EXACT]
_FIXED_SPANS = {
    PRECISION_CODE[DatePrecision.DAY]: 86400.0,
    PRECISION_CODE[DatePrecision.WEEK]: 7 * 86400.0,
}


@dataclass
class EventFrame:
    """Every live event of an agreement in clock order (by instant, then id), as columns."""

    keys: Sequence[str]  # event ids
    at: Floats
    known_at: Floats
    type: Ints
    actor: Ints
    subject: Ints
    categories: Ints
    quantity: Ints  # the leading figure; 0 where none
    has_quantity: Flags
    disputed: Flags
    date_disputed: Flags  # its claims' dates share no instant (`engine.dates`)
    starts: Ints  # event i's claims are members[starts[i]:starts[i + 1]]
    members: Ints  # claim rows (`make_event` ranks them when it builds the event)
    actors: list[str]
    subjects: list[str]
    category_sets: list[tuple[str, ...]]
    # The leading claim's sub-counts: a code into `part_sets`, NONE (-1) when it gives none.
    parts: Ints
    part_sets: list[tuple[tuple[str, int], ...]]
    claims: int
    superseded: int
    retracted: int
    out_of_range: tuple[str, ...] = ()  # ids of claims dated outside the engine's window
    unchecked: tuple[str, ...] = ()  # ids of live claims kept with `--allow-unknown`
    types: list[str] = field(default_factory=list)  # what `type` codes stand for

    def __len__(self) -> int:
        return len(self.at)


def reduce_columns(c: ClaimColumns) -> EventFrame:
    """Group live claims into events exactly as `events.reduce_claims` does, in bulk."""
    n = len(c.ids)
    replaced = np.zeros(n, dtype=bool)
    if c.targets:
        replaced = np.fromiter((i in c.targets for i in c.ids), dtype=bool, count=n)
    retracted = ~replaced & (c.status == STATUS_CODE[ClaimStatus.RETRACTED])
    # The same window `events.reduce_claims` holds each claim's date to.
    outside = ~replaced & ~retracted & ~((c.ts >= EARLIEST_INSTANT) & (c.ts < LATEST_INSTANT))
    rows = np.flatnonzero(~replaced & ~retracted & ~outside)

    group = c.group[rows]
    # Claims rank within an event by status weight (higher first), reliability grade, exact
    # dates first, then id: the same key as `events._rank`.
    weight = _WEIGHTS[c.status[rows]]
    grade = c.grade[rows]
    loose = (c.precision[rows] != _EXACT).astype(np.int64)
    order = np.lexsort((loose, grade, -weight, group))
    ranked = rows[order]
    g_sorted = group[order]
    first = np.flatnonzero(np.r_[len(ranked) > 0, g_sorted[1:] != g_sorted[:-1]])
    bounds = np.r_[first, len(ranked)]
    lead = _break_ties(c, ranked, bounds, weight[order], grade[order], loose[order])

    figures = _figures(c, ranked, bounds, weight[order])
    spans = _spans(c, ranked)
    dated = _dates_disputed(c, ranked, bounds, spans)
    placer = _date_leads(
        c, (ranked, bounds, spans), weight[order], grade[order], loose[order], lead
    )
    ts = c.ts[placer]
    at, known_at = ts.copy(), ts.copy()
    for code, span in _FIXED_SPANS.items():
        loose_lead = c.precision[placer] == code
        at[loose_lead] += span / 2
        known_at[loose_lead] += span
    for i in np.flatnonzero(c.precision[placer] == PRECISION_CODE[DatePrecision.MONTH]).tolist():
        start = datetime.fromisoformat(c.dates[int(placer[i])])
        span = precision_span(DatePrecision.MONTH, start).total_seconds()
        at[i], known_at[i] = ts[i] + span / 2, ts[i] + span
    _lead_dates(c, ranked, bounds, spans, weight[order], dated, (at, known_at))

    event_group = g_sorted[first]
    clock = np.lexsort((c.group_rank[event_group], at))
    sizes = np.diff(bounds)[clock]
    starts = np.r_[0, np.cumsum(sizes)].astype(np.int64)
    offsets = np.arange(int(starts[-1])) - np.repeat(starts[:-1], sizes)
    members = ranked[np.repeat(bounds[:-1][clock], sizes) + offsets]
    quantity, has_quantity, disputed = figures
    chosen = lead[clock]
    return EventFrame(
        # Taken as objects in bulk: a list's items read in clock order miss the cache.
        keys=np.array(c.group_keys, dtype=object)[event_group[clock]].tolist(),
        at=at[clock],
        known_at=known_at[clock],
        type=c.type[chosen],
        actor=c.actor[chosen],
        subject=c.subject[chosen],
        categories=c.categories[chosen],
        quantity=quantity[clock],
        has_quantity=has_quantity[clock],
        disputed=disputed[clock],
        date_disputed=dated[clock],
        starts=starts,
        members=members.astype(np.int64),
        actors=list(c.actors),
        subjects=list(c.subjects),
        category_sets=list(c.category_sets),
        parts=c.parts[chosen],
        part_sets=list(c.part_sets),
        types=list(c.types),
        claims=n,
        # Distinct ids, as the reference counts (a list of claims may hold one claim twice).
        superseded=len({c.ids[i] for i in np.flatnonzero(replaced).tolist()}),
        retracted=len({c.ids[i] for i in np.flatnonzero(retracted).tolist()}),
        out_of_range=tuple(sorted({c.ids[i] for i in np.flatnonzero(outside).tolist()})),
        unchecked=tuple(sorted({c.ids[i] for i in rows[c.unchecked[rows]].tolist()})),
    )


def _break_ties(
    c: ClaimColumns, ranked: Ints, bounds: Ints, weight: Ints, grade: Ints, loose: Ints
) -> Ints:
    """The leading claim of each event: where claims tie on everything but id, the least id
    (the first of them where one id is there twice)."""
    if c.id_words is not None and len(ranked):
        return _least_ids(c.id_words, ranked, bounds, (weight, grade, loose))
    first = bounds[:-1]
    lead = ranked[first].copy()
    second = first + 1
    multi = np.flatnonzero(second < bounds[1:])
    s, f = second[multi], first[multi]
    tied = multi[(weight[s] == weight[f]) & (grade[s] == grade[f]) & (loose[s] == loose[f])]
    ids = c.ids
    for e in tied.tolist():
        lo, hi = int(bounds[e]), int(bounds[e + 1])
        best = ranked[lo]
        for pos in range(lo + 1, hi):
            if weight[pos] != weight[lo] or grade[pos] != grade[lo] or loose[pos] != loose[lo]:
                break
            if ids[ranked[pos]] < ids[best]:
                best = ranked[pos]
        lead[e] = best
    return lead


def _least_ids(words: Words, ranked: Ints, bounds: Ints, keys: tuple[Ints, Ints, Ints]) -> Ints:
    """`_break_ties` in bulk, by the ids' words: among the claims that tie with each event's
    first (a run at its start, as they are ranked), those whose word is the least, word by
    word, and the first of those."""
    first = bounds[:-1]
    event = np.repeat(np.arange(len(first)), np.diff(bounds))
    lead = first[event]
    same = np.ones(len(ranked), dtype=bool)
    for key in keys:
        same &= key == key[lead]
    at = np.flatnonzero(same)  # each event's first among them, so every event has a run
    run_event = event[at]
    runs = np.flatnonzero(np.r_[True, run_event[1:] != run_event[:-1]])
    rows = ranked[at]
    least = np.ones(len(at), dtype=bool)
    top = np.iinfo(np.uint64).max
    for word in words[rows].T:
        smallest = np.minimum.reduceat(np.where(least, word, top), runs)
        least &= word == smallest[run_event]
    chosen = np.flatnonzero(least)
    firsts = chosen[np.r_[True, run_event[chosen][1:] != run_event[chosen][:-1]]]
    found: Ints = rows[firsts]
    return found


def _date_leads(
    c: ClaimColumns,
    grouped: tuple[Ints, Ints, Floats],
    weight: Ints,
    grade: Ints,
    loose: Ints,
    lead: Ints,
) -> Ints:
    """The claim that places each event (`events._date_lead`): the leading claim where every
    claim gives the same date; else, among the best attested, the narrowest date, then the
    earliest, never by id. `grouped`: the ranked rows, the events' bounds in them, their spans."""
    ranked, bounds, spans = grouped
    if len(ranked) == 0:
        return lead
    first = bounds[:-1]
    ts, precision = c.ts[ranked], c.precision[ranked]
    differs = np.flatnonzero(
        (np.minimum.reduceat(ts, first) != np.maximum.reduceat(ts, first))
        | (np.minimum.reduceat(precision, first) != np.maximum.reduceat(precision, first))
    )
    if len(differs) == 0:
        return lead
    sizes = np.diff(bounds)[differs]
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    at = np.repeat(first[differs], sizes) + np.arange(int(sizes.sum())) - np.repeat(starts, sizes)
    event = np.repeat(np.arange(len(differs)), sizes)
    order = np.lexsort((ts[at], spans[at], loose[at], grade[at], -weight[at], event))
    placer = lead.copy()
    placer[differs] = ranked[at[order][starts]]
    return placer


def _figures(
    c: ClaimColumns, ranked: Ints, bounds: Ints, weight: Ints
) -> tuple[Ints, Flags, Flags]:
    """Per event: the leading figure, whether there is one, and whether sources disagree.

    As in `events._readings`: one distinct figure leads alone; with several, `domain.leading`
    picks the figure independent sources back best (asked only for those few events), and they
    dispute when their intervals (`domain.readings`) have no value in common.
    """
    if len(ranked) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.astype(bool), empty.astype(bool)
    first = bounds[:-1]
    has = c.has_quantity[ranked]
    q = c.quantity[ranked]
    big = np.iinfo(np.int64).max
    low = np.minimum.reduceat(np.where(has, q, big), first)
    high = np.maximum.reduceat(np.where(has, q, -big), first)
    any_figure = np.logical_or.reduceat(has, first)
    # Different figures dispute only when their intervals have no value in common.
    lo, hi = intervals(q, c.qualifier[ranked])
    common_low = np.maximum.reduceat(np.where(has, lo, -np.inf), first)
    common_high = np.minimum.reduceat(np.where(has, hi, np.inf), first)
    disputed = any_figure & (low != high) & (common_low > common_high)
    lead_figure = low.copy()
    status = weight
    for e in np.flatnonzero(any_figure & (low != high)).tolist():
        rows = np.flatnonzero(has[bounds[e] : bounds[e + 1]]) + bounds[e]
        found = leader([_backing(c, int(ranked[r]), int(status[r])) for r in rows.tolist()])
        lead_figure[e] = low[e] if found is None else int(found)
    quantity = np.where(any_figure, lead_figure, 0)
    return quantity.astype(np.int64), any_figure, disputed


def _spans(c: ClaimColumns, ranked: Ints) -> Floats:
    """Per ranked claim: the length of its date's interval in seconds (0 when exact), as
    `claims.precision_span` gives it."""
    spans = np.zeros(len(ranked), dtype=np.float64)
    for code, span in _FIXED_SPANS.items():
        spans[c.precision[ranked] == code] = span
    for i in np.flatnonzero(c.precision[ranked] == PRECISION_CODE[DatePrecision.MONTH]).tolist():
        start = datetime.fromisoformat(c.dates[int(ranked[i])])
        spans[i] = precision_span(DatePrecision.MONTH, start).total_seconds()
    return spans


def _dates_disputed(c: ClaimColumns, ranked: Ints, bounds: Ints, spans: Floats) -> Flags:
    """Per event: whether its claims' date intervals share no instant (`dates.dates_disputed`:
    the latest start is past the earliest end, or on it where that end is a loose one's)."""
    if len(ranked) == 0:
        return np.zeros(0, dtype=bool)
    first = bounds[:-1]
    since = c.ts[ranked]
    loose = c.precision[ranked] != _EXACT
    until = since + spans
    low = np.maximum.reduceat(since, first)
    high = np.minimum.reduceat(until, first)
    event = np.repeat(np.arange(len(first)), np.diff(bounds))
    open_high = np.logical_or.reduceat(loose & (until == high[event]), first)
    disputed: Flags = (low > high) | ((low == high) & open_high)
    return disputed


def _lead_dates(
    c: ClaimColumns,
    ranked: Ints,
    bounds: Ints,
    spans: Floats,
    weight: Ints,
    dated: Flags,
    placed: tuple[Floats, Floats],
) -> None:
    """Place each event whose dates dispute at its leading date (`dates.date_readings`: the
    date independent sources back best), in `placed` (at, known_at) in place. Few events have
    one, so this asks `domain.leading` event by event, as `_figures` does."""
    at, known_at = placed
    ids, loose = c.ids, c.precision[ranked] != _EXACT
    for e in np.flatnonzero(dated).tolist():
        positions = range(int(bounds[e]), int(bounds[e + 1]))
        # The claims in `events._rank` order: status weight, grade, exact first, then id.
        order = sorted(
            positions,
            key=lambda p: (
                -int(weight[p]),
                int(c.grade[ranked[p]]),
                bool(loose[p]),
                ids[int(ranked[p])],
            ),
        )
        dates: dict[tuple[float, int], tuple[float, float, tuple[int, object, bool]]] = {}
        middles: dict[tuple[float, int], float] = {}  # as `dates.placement` computes it
        backings = []
        for p in order:
            row = int(ranked[p])
            since, span = float(c.ts[row]), float(spans[p])
            rank = (-int(weight[p]), int(c.grade[row]), bool(loose[p]))
            key = (since, int(c.precision[row]))
            if key not in dates:
                dates[key], middles[key] = (since, since + span, rank), since + span / 2
            backings.append(_date_backing(c, row, since, since + span, int(weight[p])))
        keys = list(dates)
        lead = keys[date_leader([dates[k] for k in keys], backings)]
        at[e], known_at[e] = middles[lead], dates[lead][1]


def _backing(c: ClaimColumns, row: int, status: int) -> Backing:
    """`events.backing` read from the columns."""
    return Backing(
        int(c.quantity[row]),
        QUALIFIERS[int(c.qualifier[row])],
        _source(c, row),
        status,
        int(c.points[row]),
    )


def _date_backing(
    c: ClaimColumns, row: int, since: float, until: float, status: int
) -> DateBacking:
    """`dates.date_backing` read from the columns."""
    return DateBacking(since, until, _source(c, row), status, int(c.points[row]))


def _source(c: ClaimColumns, row: int) -> str:
    code = int(c.source[row])
    return "claim:" + c.ids[row] if code < 0 else c.source_keys[code]

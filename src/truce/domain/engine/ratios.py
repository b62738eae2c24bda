"""Ratio terms: what one side owes for each unit the other delivers, in total or per batch.

A unit is weighed by the factor of its first category listed in `factors`, else (when
`per_unit_of` lists categories) by `factor` if it has one of them, else by `factor` only when the
spec gives one factor for all. A unit left with no factor is never silently worth 0: it is
reported, and a verdict it could change is `undetermined`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.index import Weigh, weight_of
from truce.domain.engine.loose import Tally, tally
from truce.domain.engine.subcounts import told, unweighed
from truce.domain.engine.terms import (
    _fmt,
    _inactive,
    _not_open_reason,
    _parts,
    _recorded,
    _status,
)
from truce.domain.engine.verdicts import Explanation, Status, Verdict
from truce.domain.spec import RatioTerm, Selector

Weights = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Weighing:
    """How a ratio weighs the counterpart's units: owed per unit, units, units with no factor."""

    counted: Selector  # `per_unit_of` without its category filter: the filter is a weight here
    owed: Weights
    default: float
    strict: bool  # units with none of the weighed categories have no factor

    @classmethod
    def of(cls, term: RatioTerm) -> Weighing:
        listed, factor = term.per_unit_of.categories, term.factor
        one = 1.0 if factor is None else factor
        owed = (*term.factors.items(), *((c, one) for c in listed if c not in term.factors))
        flat = not listed and (not term.factors or factor is not None)
        counted = term.per_unit_of.model_copy(update={"categories": []})
        return cls(counted, tuple(owed), one if flat else 0.0, not flat)

    @property
    def units(self) -> tuple[Weights, float]:
        return tuple((c, 1.0) for c, _ in self.owed), (0.0 if self.strict else 1.0)

    @property
    def unfactored(self) -> Weights:
        return tuple((c, 0.0) for c, _ in self.owed)

    def total(self, ctx: Assessment, start: float, end: float, what: str = "owed") -> float:
        if what == "unfactored":
            if not self.strict:
                return 0.0
            return ctx.index.series(self.counted, self.unfactored, 1.0).total(start, end)
        weights, default = (self.owed, self.default) if what == "owed" else self.units
        return ctx.index.series(self.counted, weights, default).total(start, end)

    def has_no_factor(self, event: Event, figure: float = 1.0) -> bool:
        if event.parts:  # some of its figure, by part, may have no factor (`subcounts`)
            return self.strict and unweighed(event, figure, self.owed)
        return self.strict and not any(c in event.categories for c, _ in self.owed)


def ratio(term: RatioTerm, ctx: Assessment) -> TermResult:
    start, end = ctx.window(term)
    if start is None:
        return _inactive(term, term.party, _not_open_reason(ctx, term))
    if term.per is not None:
        return _batches(term, ctx, start, end)
    stop = end if end is not None else math.inf
    sel, how = term.selector(), Weighing.of(term)
    counter = how.counted
    judged = in_total(ctx, sel, how, start, stop)
    owed, done, due, status = judged.owed, judged.done, judged.due, judged.status
    delivered = done.certain
    units = tally(ctx, counter, start, stop, how.total(ctx, start, stop, "units"), _unit(how))
    note = _unfactored_note(term, ctx, how, start, stop, judged.unfactored)
    met_at = stop if status == Status.MET and ctx.at >= stop else None
    counterpart = counter.party or "the other side"
    text = (
        f"{counterpart} delivered {units.certain:g} {counter.subject}, so {term.party} owes "
        f"{due} {term.subject}; it delivered {delivered:g}"
        + told(ctx.index, counter, start, stop, how.owed, how.default)
        + note
        + Tally(0.0, 0.0, [*owed.undecided, *done.undecided]).reason(ctx)
    )

    def evidence() -> Sequence[Event]:
        return ctx.index.between_any([sel, counter], start, stop)

    verdict = Verdict(
        id=term.id,
        term=term.id,
        kind="ratio",
        party=term.party,
        subject=term.subject,
        status=status,
        period="total",
        starts_at=start,
        ends_at=end,
        due=due,
        delivered=delivered,
        met_at=met_at,
        explanation=Explanation(term.clause, text, evidence),
        parts=_parts(ctx, counter, start, stop, how.owed, how.default, ratio=True),
    )
    return TermResult([verdict], met_at)


@dataclass
class InTotal:
    """A ratio judged over its whole window: what is owed, what came, and the verdict."""

    owed: Tally
    done: Tally
    due: int
    unfactored: float  # units counted with no factor (owed nothing, and said so)
    status: str


def in_total(ctx: Assessment, sel: Selector, how: Weighing, start: float, stop: float) -> InTotal:
    """A ratio's verdict over [start, stop) from what its claims add up to: the one rule,
    whichever reading of the record `ctx` holds (see `alternatives`)."""
    counter = how.counted
    # Loosely dated claims on either side may fall outside the window: what surely counts
    # fixes `due` and `delivered`; what may count bounds them (see `loose`).
    owed_placed = how.total(ctx, start, stop)
    owed = tally(ctx, counter, start, stop, owed_placed, weight_of(how.owed, how.default, counter))
    done = tally(ctx, sel, start, stop, ctx.index.series(sel).total(start, stop))
    due, most = math.ceil(owed.certain - 1e-9), math.ceil(owed.possible - 1e-9)
    delivered = done.certain
    status = _status(delivered, due, start, stop, ctx.at)
    if status != Status.UPCOMING and (owed.undecided or done.undecided):
        # Met only if what surely came covers the most that may be owed; undetermined while
        # what may have come could cover the least that is owed.
        if delivered >= most:
            status = Status.MET
        elif done.possible >= due:
            status = Status.UNDETERMINED
    unfactored = how.total(ctx, start, stop, "unfactored")
    status = _unfactored_status(unfactored, status)
    # As for a quota: a debt left with nothing of it on record at all is `no_record`.
    status = _recorded(status, ctx, sel, start, math.inf)
    return InTotal(owed, done, due, unfactored, status)


def _unit(how: Weighing) -> Weigh:
    weights, default = how.units
    return weight_of(weights, default, how.counted)


def _unfactored(
    term: RatioTerm, ctx: Assessment, how: Weighing, start: float, stop: float, status: str
) -> tuple[str, str]:
    """Units with no factor are counted as nothing owed, and said so: a `met` they could turn
    into a debt is `undetermined`."""
    amount = how.total(ctx, start, stop, "unfactored")
    return _unfactored_status(amount, status), _unfactored_note(term, ctx, how, start, stop, amount)


def _unfactored_status(amount: float, status: str) -> str:
    return Status.UNDETERMINED if amount and status == Status.MET else status


def _unfactored_note(
    term: RatioTerm, ctx: Assessment, how: Weighing, start: float, stop: float, amount: float
) -> str:
    if not amount:
        return ""
    found = [
        e
        for e in ctx.index.between(how.counted, start, stop)
        if how.has_no_factor(e, float(ctx.index.quantity(e) or 0))
    ]
    claims = [c.id for e in found for c in e.claims][:5]
    note = (
        f"; {amount:g} {how.counted.subject} released with no category the ratio weighs "
        f"({', '.join(claims)}) are owed nothing here: give the claims a category, or the "
        f"term `{term.id}` a factor for theirs"
    )
    return note


@dataclass
class _Batch:
    number: int
    at: float  # the counterpart's (last) delivery in the batch: owed from then
    start: float
    end: float
    owed: float
    units: float


def _batches(term: RatioTerm, ctx: Assessment, start: float, end: float | None) -> TermResult:
    """One verdict per batch of the counterpart's units. The party's deliveries pay batches in
    order (what came before a batch counts towards it), so a withheld batch shows as owed, with
    a negative balance, from its instant until enough has come, and `met` from then on."""
    stop = end if end is not None else math.inf
    sel, how = term.selector(), Weighing.of(term)
    series = ctx.index.series(sel)
    # When payments surely came: a loose date's end (`met_at` never pretends to its middle).
    surely_paid = ctx.index.series(sel, settled=True)
    paid = series.total(start, stop)
    verdicts: list[Verdict] = []
    before = 0
    settled: list[float] = []
    for batch in _batches_of(term, ctx, how, start, stop):
        due = math.ceil(batch.owed - 1e-9)
        delivered = float(min(due, max(0.0, paid - before)))
        reached = series.reached(start, before + due) if due else batch.at
        met = delivered >= due and reached is not None
        status = Status.MET if met else _status(delivered, due, start, stop, ctx.at)
        status = _recorded(status, ctx, sel, start, math.inf)
        status, note = _unfactored(term, ctx, how, batch.start, batch.end, status)
        surely = surely_paid.reached(start, before + due) if due else batch.at
        met_at = max(surely, batch.at) if met and surely is not None else None
        if met_at is not None:
            settled.append(met_at)
        label = f"{term.per} {batch.number}"
        owing = (
            f"covered at {_fmt(ctx, met_at)}"
            if met_at is not None
            else f"{due - delivered:g} owed since {_fmt(ctx, batch.at)} "
            f"({max(0.0, ctx.at - batch.at) / 86400:.1f} day(s))"
        )
        text = (
            f"{label}: {term.per_unit_of.party or 'the other side'} delivered {batch.units:g} "
            f"{how.counted.subject} (at {_fmt(ctx, batch.at)}), so {term.party} owes {due} "
            f"{term.subject}; {owing}" + note
        )
        verdicts.append(
            Verdict(
                id=f"{term.id}/{term.per}-{batch.number}",
                term=term.id,
                kind="ratio",
                party=term.party,
                subject=term.subject,
                status=status,
                period=label,
                starts_at=batch.at,
                ends_at=end,
                due=due,
                delivered=delivered,
                met_at=met_at,
                explanation=Explanation(term.clause, text, _evidence(ctx, how, sel, batch)),
                parts=_parts(
                    ctx, how.counted, batch.start, batch.end, how.owed, how.default, ratio=True
                ),
            )
        )
        before += due
    done = ctx.at >= stop and all(v.status == Status.MET for v in verdicts)
    return TermResult(verdicts, max(settled, default=start) if done else None)


def _batches_of(
    term: RatioTerm, ctx: Assessment, how: Weighing, start: float, stop: float
) -> list[_Batch]:
    if term.per == "event":
        weigh, unit = weight_of(how.owed, how.default, how.counted), _unit(how)
        batches: list[_Batch] = []
        for event in ctx.index.between(how.counted, start, stop):
            figure = float(ctx.index.quantity(event) or 0)
            if figure and (unit(event, figure) or how.has_no_factor(event, figure)):
                n = len(batches) + 1
                batches.append(
                    _Batch(n, event.at, event.at, event.at + 1e-3, weigh(event, figure), figure)
                )
        return batches
    days = ctx.reckoner(term.phase)
    last = min(stop, ctx.at)
    everything = ctx.index.series(how.counted)
    found: list[_Batch] = []
    number, day_start = 1, start
    while day_start < last:
        day_end = min(days.day_end(start, number), stop)
        figure = everything.total(day_start, day_end)
        at = everything.last(day_start, day_end)
        if figure and at is not None:
            owed = how.total(ctx, day_start, day_end)
            units = how.total(ctx, day_start, day_end, "units")
            found.append(_Batch(number, at, day_start, day_end, owed, units))
        number, day_start = number + 1, day_end
    return found


def _evidence(
    ctx: Assessment, how: Weighing, sel: Selector, batch: _Batch
) -> Callable[[], Sequence[Event]]:
    return lambda: ctx.index.between_any([how.counted, sel], batch.start, batch.end)

"""Evaluators for counted terms: quotas, ratios and earned extensions."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.breakdown import breakdown
from truce.domain.engine.events import Event
from truce.domain.engine.horizon import minute_text
from truce.domain.engine.loose import Tally, settled_at, tally
from truce.domain.engine.subcounts import Weights, told
from truce.domain.engine.verdicts import (
    Explanation,
    ExtensionVerdict,
    Status,
    Verdict,
    as_number,
)
from truce.domain.spec import ExtensionTerm, QuotaTerm, RatioTerm, Selector


def _events(ctx: Assessment, sel: Selector, start: float, end: float) -> Sequence[Event]:
    return ctx.index.between(sel, start, end)


def _lazy(
    ctx: Assessment, sel: Selector, start: float, end: float, count: Tally | None = None
) -> Callable[[], Sequence[Event]]:
    if count is not None:
        return lambda: count.evidence(_events(ctx, sel, start, end))
    return lambda: _events(ctx, sel, start, end)


def _parts(
    ctx: Assessment, sel: Selector, start: float, end: float, weights: Weights = (),
    default: float = 1.0, ratio: bool = False,
) -> Callable[[], list[dict[str, Any]]]:  # fmt: skip
    """A verdict's `parts`, read only when the answer is rendered (never for another reading)."""
    return lambda: breakdown(ctx.index, sel, start, end, weights, default, ratio)


def _inactive(term: QuotaTerm | RatioTerm, party: str | None, why: str) -> TermResult:
    verdict = Verdict(
        id=term.id,
        term=term.id,
        kind=term.kind,
        party=party,
        subject=getattr(term, "subject", None),
        status=Status.INACTIVE,
        explanation=Explanation(term.clause, why),
    )
    return TermResult([verdict])


def _not_open_reason(ctx: Assessment, term: QuotaTerm | RatioTerm) -> str:
    waiting = [t for t in term.opens_after if ctx.term(t).met_at is None]
    if waiting:
        return f"opens only once {', '.join(waiting)} met, which is not the case yet"
    if term.phase:
        return f"phase {term.phase!r} has not started"
    return "the agreement has not started"


def _recorded(status: str, ctx: Assessment, sel: Selector, start: float, end: float) -> str:
    """An unmet period with no claim at all is `no_record`: absence of evidence, not a shortfall
    (a source saying "none were released" is a claim of 0 and makes it `unmet`)."""
    if status == Status.UNMET and not ctx.index.count_between(sel, start, end):
        return Status.NO_RECORD
    return status


def _status(
    delivered: float, due: float, start: float, end: float, at: float, possible: float = -1.0
) -> str:
    """`possible`: what loosely dated claims might bring `delivered` up to (see `loose`)."""
    if at < start:
        return Status.UPCOMING
    if delivered >= due:
        return Status.MET
    if possible >= due:
        return Status.UNDETERMINED
    if at >= end:
        return Status.UNMET
    return Status.IN_PROGRESS if at >= start else Status.UPCOMING


def quota(term: QuotaTerm, ctx: Assessment) -> TermResult:
    start, end = ctx.window(term)
    if start is None:
        return _inactive(term, term.party, _not_open_reason(ctx, term))
    sel = term.selector()
    series = ctx.index.series(sel)
    if term.per is None:
        deadline = ctx.deadline(term.by, term, start) or end or math.inf
        count = tally(ctx, sel, start, deadline, series.total(start, deadline))
        delivered = count.certain
        status = quota_window(term, ctx, sel, count, start, deadline)
        reached = series.reached(start, term.at_least)
        met = status == Status.MET and reached is not None and reached < deadline
        met_at = settled_at(ctx, sel, start, term.at_least, count) if met else None
        text = (
            f"{term.party} delivered {delivered:g} of {term.at_least} {term.subject}"
            + (f" due by {_fmt(ctx, deadline)}" if deadline < math.inf else "")
            + count.reason(ctx)
            + told(ctx.index, sel, start, deadline)
        )
        verdict = Verdict(
            id=term.id,
            term=term.id,
            kind="quota",
            party=term.party,
            subject=term.subject,
            status=status,
            period="total",
            starts_at=start,
            ends_at=deadline if deadline < math.inf else None,
            due=term.at_least,
            delivered=delivered,
            met_at=met_at,
            explanation=Explanation(term.clause, text, _lazy(ctx, sel, start, deadline, count)),
            parts=_parts(ctx, sel, start, deadline),
        )
        return TermResult([verdict], met_at)
    unit = 1 if term.per == "day" else 7
    days = ctx.reckoner(term.phase)
    last = end if end is not None else max(ctx.at, start) + 1
    verdicts = []
    number, period_start = 1, start
    while period_start < last:
        bound = days.day_end(start, number * unit)
        period_end = min(bound, last) if end is not None else bound
        count = tally(ctx, sel, period_start, period_end, series.total(period_start, period_end))
        delivered = count.certain
        status = quota_window(term, ctx, sel, count, period_start, period_end)
        label = f"{term.per} {number}"
        verdicts.append(
            Verdict(
                id=f"{term.id}/{term.per}-{number}",
                term=term.id,
                kind="quota",
                party=term.party,
                subject=term.subject,
                status=status,
                period=label,
                starts_at=period_start,
                ends_at=period_end,
                due=term.at_least,
                delivered=delivered,
                explanation=Explanation(
                    term.clause,
                    f"{label}: {term.party} delivered {delivered:g} of at least "
                    f"{term.at_least} {term.subject}"
                    + ("" if delivered or count.undecided else " (no delivery recorded)")
                    + count.reason(ctx)
                    + told(ctx.index, sel, period_start, period_end),
                    _lazy(ctx, sel, period_start, period_end, count),
                ),
                parts=_parts(ctx, sel, period_start, period_end),
            )
        )
        number, period_start = number + 1, bound
    done = end is not None and ctx.at >= end
    met_at = end if done and all(v.status == Status.MET for v in verdicts) else None
    return TermResult(verdicts, met_at)


def quota_window(
    term: QuotaTerm, ctx: Assessment, sel: Selector, count: Tally, start: float, end: float
) -> str:
    """A quota's verdict over one window (its whole span, or one day or week of it) from what
    the window's claims add up to: the one rule, whichever reading of the record `ctx` holds
    (see `alternatives`)."""
    status = _status(count.certain, term.at_least, start, end, ctx.at, count.possible)
    # A late delivery on record makes a missed total `unmet`, as a late act does for a
    # deadline term: only when nothing at all was recorded from the opening is it no_record.
    return _recorded(status, ctx, sel, start, math.inf if term.per is None else end)


def extension(term: ExtensionTerm, ctx: Assessment) -> TermResult:
    clock = ctx.clocks[term.phase]
    if clock.start is None or clock.base_end is None:
        return TermResult()
    series = ctx.index.series(term.of)
    reckon = clock.reckoner
    base_days = reckon.days_between(clock.start, clock.base_end)
    announced = sum(a.days for a in clock.extensions if not a.renewal)
    # Only releases while the phase runs earn days: the day rows below count the same way.
    total = series.total(clock.start, clock.end if clock.end is not None else math.inf)
    earned: float = math.floor(max(0.0, total - term.beyond) / term.for_each) * term.days
    if term.max_days is not None:
        earned = max(0, min(earned, term.max_days - base_days))
    days = []
    for extra in range(1, math.ceil(announced) + 1):
        day_end = reckon.day_end(clock.start, base_days + extra)
        needed = term.beyond + math.ceil(extra / term.days) * term.for_each
        got = series.total(clock.start, day_end)
        unsettled = "pending" if ctx.at < day_end else "not_earned"
        status = "earned" if got >= needed else unsettled
        within = term.max_days is None or base_days + extra <= term.max_days
        days.append(
            {
                "day": int(base_days + extra),
                "needed": needed,
                "delivered": as_number(got),
                "status": status,
                "within_cap": within,
            }
        )
    settled = [d for d in days if d["status"] != "pending"]
    met = all(d["status"] == "earned" for d in settled) if settled else None
    who = term.of.party or "the parties"
    text = (
        f"{announced:g} day(s) announced; the rule earns {term.days} day(s) per further "
        f"{term.for_each} {term.of.subject} beyond {term.beyond}: {who} delivered {total:g}, "
        f"which earns {earned:g}"
    )
    evidence = [a.event for a in clock.extensions]
    verdict = ExtensionVerdict(
        term=term.id,
        phase=term.phase,
        announced_days=announced,
        earned_days=earned,
        cap_days=term.max_days,
        condition_met=met,
        days=days,
        explanation=Explanation(term.clause, text, evidence),
    )
    return TermResult([], None, verdict)


def _total(
    ctx: Assessment,
    sel: Selector,
    start: float,
    end: float,
    weights: tuple[tuple[str, float], ...] = (),
    default: float = 1.0,
) -> float:
    return ctx.index.series(sel, weights, default).total(start, end)


def _fmt(ctx: Assessment, instant: float) -> str:
    return minute_text(instant, ctx.zone)

"""Evaluators for the other terms: gates, deadlines, ordering, prohibitions, opt-ins, pools."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from truce.domain.claims import EventType
from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.horizon import minute_text
from truce.domain.engine.verdicts import Explanation, ExtensionVerdict, Status, Verdict
from truce.domain.spec import (
    GateTerm,
    OrderTerm,
    PoolTerm,
    RenewalTerm,
    Selector,
)


def _verdict(
    term_id: str,
    kind: str,
    status: str,
    text: str,
    clause: str | None,
    *,
    id: str | None = None,
    events: Sequence[Event] | None = None,
    **fields: Any,
) -> Verdict:
    return Verdict(
        id=id or term_id,
        term=term_id,
        kind=kind,
        status=status,
        explanation=Explanation(clause, text, events or []),
        **{"party": None, "subject": None, **fields},
    )


def opens(ctx: Assessment, start: float) -> str:
    """Why a verdict whose window has not opened is `upcoming`."""
    return f"opens {minute_text(start, ctx.zone)}"


def gate(term: GateTerm, ctx: Assessment) -> TermResult:
    results = {r: ctx.term(r).met_at for r in term.requires}
    missing = [r for r, met in results.items() if met is None]
    met_at = None if missing else max(m for m in results.values() if m is not None)
    lost = [r for r in missing if _lost(ctx.term(r))]
    unsure = [r for r in missing if _unsure(ctx.term(r))]
    if lost:
        text = f"phase {term.phase!r} cannot start: {', '.join(lost)} can no longer be met"
        status = Status.FAILED
    elif unsure:
        # Loose dates leave a condition open either way: not failed, and not simply waiting.
        text = f"phase {term.phase!r} may or may not start: {', '.join(unsure)} undetermined"
        status = Status.UNDETERMINED
    elif missing:
        text = f"phase {term.phase!r} waits for: {', '.join(missing)}"
        status = Status.IN_PROGRESS
    else:
        text = f"every condition for phase {term.phase!r} is met"
        status = Status.MET
    return TermResult([_verdict(term.id, "gate", status, text, term.clause, met_at=met_at)], met_at)


_LOST = {Status.UNMET, Status.NO_RECORD, Status.VIOLATED, Status.FAILED}


def _lost(result: TermResult) -> bool:
    """A term that can no longer be met: one of its verdicts is settled against it."""
    return result.met_at is None and any(v.status in _LOST for v in result.verdicts)


def _unsure(result: TermResult) -> bool:
    return result.met_at is None and any(v.status == Status.UNDETERMINED for v in result.verdicts)


def order(term: OrderTerm, ctx: Assessment) -> TermResult:
    start, end = ctx.window(term)
    if start is None:
        return TermResult([_verdict(term.id, "order", Status.INACTIVE, "not started", term.clause)])
    stop = end if end is not None else math.inf
    firsts = ctx.index.between(term.first, start, stop)
    thens = ctx.index.between(term.then, start, stop)
    early = [t for t in thens if firsts and t.at < firsts[-1].at]
    if ctx.at < start:
        status, text = Status.UPCOMING, opens(ctx, start)
    elif early:
        status = Status.VIOLATED
        text = f"{len(early)} event(s) of the later kind came before the last of the earlier kind"
    elif ctx.at >= stop and not firsts and not thens:
        # Over, and neither kind on record: nothing shows the order held (as for a quota).
        status, text = Status.NO_RECORD, "neither kind of event was recorded"
    else:
        status = Status.MET if ctx.at >= stop else Status.IN_PROGRESS
        text = "so far everything came in the agreed order"
    return TermResult(
        [
            _verdict(
                term.id,
                "order",
                status,
                text,
                term.clause,
                party=term.then.party,
                subject=term.then.subject,
                events=[*early, *firsts[-1:]],
            )
        ]
    )


def pool(term: PoolTerm, ctx: Assessment) -> TermResult:
    opens = pool_opens(term, ctx)
    sel = pool_selector(term)
    released = ctx.index.series(sel).total(-math.inf, math.inf)
    return pool_rule(term, ctx, opens, released, ctx.index.between(sel, -math.inf, opens))


def pool_opens(term: PoolTerm, ctx: Assessment) -> float:
    """When the pool's objection window closes: releases before it are early."""
    from truce.domain.engine.clock import add_span, local_instant

    return add_span(local_instant(term.published, ctx.zone), term.objection_window, ctx.zone)


def pool_selector(term: PoolTerm) -> Selector:
    return Selector(type=EventType.RELEASE, party=term.party, subject=term.subject)


def pool_rule(
    term: PoolTerm, ctx: Assessment, opens: float, released: float, early: Sequence[Event]
) -> TermResult:
    """The pool's verdict from what was ever released and the releases before `opens`."""
    if early:
        status, text = Status.VIOLATED, "releases began before the objection window closed"
    elif released > term.size:
        status, text = Status.VIOLATED, f"{released:g} released from a pool of {term.size}"
    else:
        _, end = ctx.window(term)
        status = Status.MET if end is not None and ctx.at >= end else Status.IN_PROGRESS
        text = f"{released:g} of the {term.size} listed released, none before the window closed"
    return TermResult(
        [
            _verdict(
                term.id,
                "pool",
                status,
                text,
                term.clause,
                party=term.party,
                subject=term.subject,
                delivered=released,
                limit=float(term.size),
                starts_at=opens,
                events=early,
            )
        ]
    )


def renewal(term: RenewalTerm, ctx: Assessment) -> TermResult:
    clock = ctx.clocks[term.phase]
    renewals = [a for a in clock.extensions if a.renewal]
    days = sum(a.days for a in renewals)
    allowed = term.max_renewals
    ok = allowed is None or len(renewals) <= allowed
    text = f"renewed {len(renewals)} time(s)" + (f" of at most {allowed}" if allowed else "")
    rows = [
        {
            "day": None,
            "renewal": i + 1,
            "days": round(a.days, 3),
            "status": "earned" if allowed is None or i < allowed else "beyond_limit",
            "within_cap": allowed is None or i < allowed,
        }
        for i, a in enumerate(renewals)
    ]
    verdict = ExtensionVerdict(
        term=term.id,
        phase=term.phase,
        announced_days=days,
        earned_days=days if ok else 0,
        cap_days=None,
        condition_met=ok if renewals else None,
        days=rows,
        explanation=Explanation(term.clause, text, [a.event for a in renewals]),
    )
    return TermResult([], None, verdict)

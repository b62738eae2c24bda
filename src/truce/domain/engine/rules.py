"""Evaluators for the other terms: gates, deadlines, ordering, prohibitions, opt-ins, pools."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from truce.domain.claims import ClaimStatus, EventType
from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.loose import Tally
from truce.domain.engine.verdicts import Explanation, ExtensionVerdict, Status, Verdict
from truce.domain.spec import (
    DeadlineTerm,
    GateTerm,
    OptInTerm,
    OrderTerm,
    PoolTerm,
    ProhibitionTerm,
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


def gate(term: GateTerm, ctx: Assessment) -> TermResult:
    results = {r: ctx.term(r).met_at for r in term.requires}
    missing = [r for r, met in results.items() if met is None]
    met_at = None if missing else max(m for m in results.values() if m is not None)
    lost = [r for r in missing if _lost(ctx.term(r))]
    if lost:
        text = f"phase {term.phase!r} cannot start: {', '.join(lost)} can no longer be met"
        status = Status.FAILED
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


def deadline(term: DeadlineTerm, ctx: Assessment) -> TermResult:
    start, _ = ctx.window(term)
    if start is None:
        why = (
            f"opens once {', '.join(term.opens_after)} are met"
            if term.opens_after
            else "not started"
        )
        return TermResult([_verdict(term.id, "deadline", Status.INACTIVE, why, term.clause)])
    due = ctx.deadline(term.by, term, start)
    sel = term.match if term.party is None else term.match.model_copy(update={"party": term.party})
    found = ctx.index.between(sel, start, math.inf)
    first = _first_in_time(found, start, due)
    party = sel.party
    # Loosely dated events that may or may not fall between the opening and the deadline.
    maybe = ctx.index.loose(sel, start, due) if due is not None else []
    if first is not None:
        status, met_at = Status.MET, first.at
        text = f"{sel.type.value} by {party or 'a party'} recorded in time"
    elif maybe:
        status, met_at = Status.UNDETERMINED, None
        text = f"no {sel.type.value} by {party or 'any party'} surely in time" + Tally(
            0.0, 0.0, maybe
        ).reason(ctx)
    else:
        met_at = None
        status = _missed(due is not None and ctx.at >= due, bool(found))
        text = f"no {sel.type.value} by {party or 'any party'} recorded" + (
            " before the deadline" if not found else " before the deadline (a late one was)"
        )
    evidence = [first] if first is not None else [*maybe, *found[:1]]
    return TermResult(
        [
            _verdict(
                term.id,
                "deadline",
                status,
                text,
                term.clause,
                party=party,
                subject=sel.subject,
                starts_at=start,
                ends_at=due,
                met_at=met_at,
                events=evidence,
            )
        ],
        met_at,
    )


def _first_in_time(found: Sequence[Event], start: float, due: float | None) -> Event | None:
    """The first event surely between the opening and the deadline: a loosely dated one must
    lie wholly inside (see `loose`)."""
    for event in found:
        if due is not None and event.at > due:
            return None
        if not event.loose or (event.since >= start and (due is None or event.known_at <= due)):
            return event
    return None


def _missed(closed: bool, recorded: bool) -> str:
    """Past the deadline: `unmet` when a claim shows the act came late, `no_record` when no
    claim of it exists at all (as for quotas: absence of evidence is not a shortfall)."""
    if not closed:
        return Status.IN_PROGRESS
    return Status.UNMET if recorded else Status.NO_RECORD


def order(term: OrderTerm, ctx: Assessment) -> TermResult:
    start, end = ctx.window(term)
    if start is None:
        return TermResult([_verdict(term.id, "order", Status.INACTIVE, "not started", term.clause)])
    stop = end if end is not None else math.inf
    firsts = ctx.index.between(term.first, start, stop)
    thens = ctx.index.between(term.then, start, stop)
    early = [t for t in thens if firsts and t.at < firsts[-1].at]
    if early:
        status = Status.VIOLATED
        text = f"{len(early)} event(s) of the later kind came before the last of the earlier kind"
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


def prohibition(term: ProhibitionTerm, ctx: Assessment) -> TermResult:
    start, end = ctx.window(term)
    parties = term.parties or [p.id for p in ctx.spec.parties]
    verdicts = []
    for party in parties:
        sel = Selector(type=term.type, party=party, categories=term.categories)
        found = (
            []
            if start is None
            else ctx.index.between(sel, start, end if end is not None else math.inf)
        )
        confirmed = [e for e in found if e.status is ClaimStatus.CONFIRMED]
        if confirmed:
            status, text = Status.VIOLATED, f"{len(confirmed)} confirmed breach(es) by {party}"
        elif found:
            status, text = "alleged", f"{len(found)} alleged breach(es) by {party}, none confirmed"
        elif start is None:
            status, text = Status.INACTIVE, "not in force"
        elif ctx.at < start:
            status, text = Status.UPCOMING, "not in force yet"
        else:
            status = Status.MET if end is not None and ctx.at >= end else Status.IN_PROGRESS
            text = f"no breach by {party} recorded"
        verdicts.append(
            _verdict(
                term.id,
                "prohibition",
                status,
                text,
                term.clause,
                id=f"{term.id}/{party}",
                party=party,
                events=found,
            )
        )
    return TermResult(verdicts)


def opt_in(term: OptInTerm, ctx: Assessment) -> TermResult:
    start, _ = ctx.window(term)
    due = ctx.deadline(term.by, term, start)
    verdicts = []
    for party in term.parties:
        sel = Selector(type=EventType.STATEMENT, party=party, categories=["opt-in"])
        found = ctx.index.select(sel)
        first = _first_in_time(found, -math.inf, due)
        ok = [first] if first is not None else []
        maybe = ctx.index.loose(sel, -math.inf, due) if due is not None else []
        if ok:
            status, text = Status.MET, f"{party} accepted in time"
        elif maybe:
            status = Status.UNDETERMINED
            text = f"{party} may have accepted in time" + Tally(0.0, 0.0, maybe).reason(ctx)
        elif due is not None and ctx.at >= due:
            status = _missed(True, bool(found))
            text = f"{party} did not accept by the deadline" + ("" if found else " (none recorded)")
        else:
            status, text = Status.IN_PROGRESS, f"{party} has not accepted yet"
        verdicts.append(
            _verdict(
                term.id,
                "opt_in",
                status,
                text,
                term.clause,
                id=f"{term.id}/{party}",
                party=party,
                ends_at=due,
                met_at=ok[0].at if ok else None,
                events=ok or maybe,
            )
        )
    return TermResult(verdicts)


def pool(term: PoolTerm, ctx: Assessment) -> TermResult:
    from truce.domain.engine.clock import add_span, local_instant

    opens = add_span(local_instant(term.published, ctx.zone), term.objection_window, ctx.zone)
    sel = Selector(type=EventType.RELEASE, party=term.party, subject=term.subject)
    released = ctx.index.series(sel).total(-math.inf, math.inf)
    early = ctx.index.between(sel, -math.inf, opens)
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

"""Evaluators for terms with a deadline: deadlines and opt-ins, read against loose dates.

An act counts when it surely falls between the term's opening and its deadline; a loosely dated
one that may fall either side makes the verdict `undetermined` (docs/status.md, "Loose dates").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from truce.domain.claims import EventType
from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.loose import Tally
from truce.domain.engine.rules import _verdict, opens  # one shape for every rule verdict
from truce.domain.engine.verdicts import Status
from truce.domain.spec import DeadlineTerm, OptInTerm, Selector


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
    # A claim whose figure is 0 reports the act not done ("none of the five was vacated"):
    # it never meets the term, and it is a record, so a missed deadline reads `unmet`.
    every = ctx.index.between(sel, start, math.inf)
    found = [e for e in every if e.quantity != 0]
    nothing = len(found) < len(every)
    first = _first_in_time(found, start, due)
    party = sel.party
    # Loosely dated events that may or may not fall between the opening and the deadline.
    maybe = ctx.index.loose(sel, start, due) if due is not None else []
    maybe = [e for e in maybe if e.quantity != 0]
    if ctx.at < start:
        # Not open yet, as a quota's later period is: nothing can be late or missing.
        status, met_at, text = Status.UPCOMING, None, opens(ctx, start)
        first, maybe, found = None, [], []
    elif first is not None:
        # Met when it surely happened: a loose date's end (what a day-dated claim proves by
        # the end of its day), never the middle of its interval.
        status, met_at = Status.MET, first.known_at
        text = f"{sel.type} by {party or 'a party'} recorded in time"
    elif maybe:
        status, met_at = Status.UNDETERMINED, None
        text = f"no {sel.type} by {party or 'any party'} surely in time" + Tally(
            0.0, 0.0, maybe
        ).reason(ctx)
    else:
        met_at = None
        status = _missed(due is not None and ctx.at >= due, bool(found) or nothing)
        text = f"no {sel.type} by {party or 'any party'} recorded" + (
            " before the deadline (a late one was)"
            if found
            else " before the deadline (a source reports none)"
            if nothing
            else " before the deadline"
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
                met_at=ok[0].known_at if ok else None,
                events=ok or maybe,
            )
        )
    return TermResult(verdicts)

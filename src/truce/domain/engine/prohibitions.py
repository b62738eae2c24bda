"""Prohibitions with a scope: which breach lands on which clause.

A breach claim lands on a prohibition in force for its party whose kinds (`categories`) it
carries, else on one of every kind; within that, the act must be in the term's domains
(land/air/sea) and zones, and not of a kind the term allows (`exceptions`). So an exchange
breach is never a hostilities breach when an exchange clause exists, and a strike against an
imminent threat is listed, not counted, under a ceasefire that allows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from truce.domain.claims import ClaimStatus
from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.verdicts import Explanation, Status, Verdict
from truce.domain.spec import AgreementSpec, ProhibitionTerm, Selector


def specific_kinds(spec: AgreementSpec) -> frozenset[str]:
    """Breach kinds some prohibition names: a prohibition of every kind does not take them."""
    return frozenset(c for t in spec.terms if isinstance(t, ProhibitionTerm) for c in t.categories)


def in_scope(term: ProhibitionTerm, event: Event, specific: frozenset[str]) -> bool:
    """Whether `event` is an act `term` covers, whoever did it and whenever (see `covering`)."""
    kinds = event.categories
    if term.categories:
        if kinds.isdisjoint(term.categories):
            return False
    elif not kinds.isdisjoint(specific):
        return False
    if term.domains and kinds.isdisjoint(term.domains):
        return False
    return not term.zones or _in_zone(event, term.zones)


def excepted(term: ProhibitionTerm, event: Event) -> bool:
    return not event.categories.isdisjoint(term.exceptions)


def covering(
    spec: AgreementSpec,
    rules: Sequence[tuple[ProhibitionTerm, float | None, float | None, list[str]]],
    event: Event,
) -> ProhibitionTerm | None:
    """The prohibition a breach event is a breach of: in force, its party bound, in scope and
    not excepted; a term naming the breach's kind before one of every kind."""
    specific = specific_kinds(spec)
    found = []
    for term, start, end, parties in rules:
        in_force = start is not None and start <= event.at and (end is None or event.at < end)
        bound = in_force and event.actor in parties
        if bound and in_scope(term, event, specific) and not excepted(term, event):
            found.append(term)
    found.sort(key=lambda t: not t.categories)  # stable: the spec's order within each group
    return found[0] if found else None


def prohibition(term: ProhibitionTerm, ctx: Assessment) -> TermResult:
    start, end = ctx.window(term)
    parties = term.parties or [p.id for p in ctx.spec.parties]
    specific = specific_kinds(ctx.spec)
    verdicts = []
    for party in parties:
        sel = Selector(type=term.type, party=party, categories=term.categories)
        found: Sequence[Event] = (
            []
            if start is None
            else ctx.index.between(sel, start, end if end is not None else math.inf)
        )
        scoped = [e for e in found if in_scope(term, e, specific)]
        allowed = [e for e in scoped if excepted(term, e)]
        breaches = [e for e in scoped if not excepted(term, e)]
        confirmed = [e for e in breaches if e.status is ClaimStatus.CONFIRMED]
        if confirmed:
            status, text = Status.VIOLATED, f"{len(confirmed)} confirmed breach(es) by {party}"
        elif breaches:
            status = "alleged"
            text = f"{len(breaches)} alleged breach(es) by {party}, none confirmed"
        elif start is None:
            status, text = Status.INACTIVE, "not in force"
        elif ctx.at < start:
            status, text = Status.UPCOMING, "not in force yet"
        else:
            status = Status.MET if end is not None and ctx.at >= end else Status.IN_PROGRESS
            text = f"no breach by {party} recorded"
        if allowed:
            used = {k for e in allowed for k in e.categories} & {*term.exceptions}
            kinds = ", ".join(sorted(used))
            text += f"; {len(allowed)} act(s) under the term's exceptions ({kinds}), not counted"
        verdicts.append(
            Verdict(
                id=f"{term.id}/{party}",
                term=term.id,
                kind="prohibition",
                party=party,
                subject=None,
                status=status,
                explanation=Explanation(term.clause, text, [*breaches, *allowed]),
            )
        )
    return TermResult(verdicts)


def _in_zone(event: Event, zones: Sequence[str]) -> bool:
    wanted = [z.casefold() for z in zones]
    places = [c.location.casefold() for c in event.claims if c.location]
    return any(z in place for place in places for z in wanted)

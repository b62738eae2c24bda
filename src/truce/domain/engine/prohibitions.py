"""Prohibitions with a scope: which breach lands on which clause.

A breach claim lands on a prohibition in force for its party whose kinds (`categories`) it
carries, else on one of every kind; within that, the act must be in the term's domains
(land/air/sea) and zones, and not of a kind the term allows (`exceptions`). So an exchange
breach is never a hostilities breach when an exchange clause exists, and a strike against an
imminent threat is listed, not counted, under a ceasefire that allows it.

A breach dated only to the day (week, month) whose interval overlaps the term's time in force
without lying inside it ("drones over Srinagar on 10 May" against a cessation from 17:00 that
day) may be a breach of it or may precede it: it is listed under the term, never silently set
outside every clause, and the explanation says so; a confirmed one makes the verdict
`undetermined`, not `violated`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from truce.domain.claims import ClaimStatus
from truce.domain.engine.assess import Assessment, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.verdicts import Explanation, Status, Verdict
from truce.domain.spec import AgreementSpec, ProhibitionTerm, Selector

# A prohibition on land, in the air and at sea covers every domain: an act whose claims name no
# domain ("violations in some areas") is within it, as under a prohibition naming none.
EVERY_DOMAIN = frozenset({"land", "air", "sea"})


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
    if term.domains and not {*term.domains} >= EVERY_DOMAIN and kinds.isdisjoint(term.domains):
        return False
    return not term.zones or _in_zone(event, term.zones)


def excepted(term: ProhibitionTerm, event: Event) -> bool:
    return not event.categories.isdisjoint(term.exceptions)


def covering(
    spec: AgreementSpec,
    rules: Sequence[tuple[ProhibitionTerm, float | None, float | None, list[str]]],
    event: Event,
    specific: frozenset[str] | None = None,
) -> ProhibitionTerm | None:
    """The prohibition a breach event is a breach of: in force, its party bound, in scope and
    not excepted; a term naming the breach's kind before one of every kind. `specific`: the
    spec's `specific_kinds`, for a caller asking about many events."""
    if specific is None:
        specific = specific_kinds(spec)
    found = []
    for term, start, end, parties in rules:
        in_force = start is not None and (
            (start <= event.at and (end is None or event.at < end)) or straddles(event, start, end)
        )
        bound = in_force and event.actor in parties
        if bound and in_scope(term, event, specific) and not excepted(term, event):
            found.append(term)
    found.sort(key=lambda t: not t.categories)  # stable: the spec's order within each group
    return found[0] if found else None


def straddles(event: Event, start: float, end: float | None) -> bool:
    """A loosely dated event placed outside [start, end) whose interval overlaps it."""
    if not event.loose or (start <= event.at and (end is None or event.at < end)):
        return False
    return event.since < (math.inf if end is None else end) and event.known_at > start


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
        if start is not None and ctx.index.has_loose:
            # Known, loosely dated acts placed outside the window though their dates overlap it.
            edge = end if end is not None else math.inf
            maybe = [
                e
                for e in ctx.index.loose(sel, start, edge)
                if e.known_at <= ctx.at and straddles(e, start, end)
            ]
            found = sorted([*found, *maybe], key=lambda e: (e.at, e.id))
        scoped = [e for e in found if in_scope(term, e, specific)]
        allowed = [e for e in scoped if excepted(term, e)]
        breaches = [e for e in scoped if not excepted(term, e)]
        loose = [e for e in breaches if start is not None and straddles(e, start, end)]
        confirmed = [e for e in breaches if e.status is ClaimStatus.CONFIRMED and e not in loose]
        if confirmed:
            status, text = Status.VIOLATED, f"{len(confirmed)} confirmed breach(es) by {party}"
        elif any(e.status is ClaimStatus.CONFIRMED for e in loose):
            status = Status.UNDETERMINED
            text = f"a confirmed breach by {party} may precede the term's start or follow its end"
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
        if loose:
            precisions = " / ".join(sorted({e.precision.value for e in loose}))
            ids = ", ".join([c.id for e in loose for c in e.claims][:5])
            text += (
                f"; {len(loose)} of them dated only to the {precisions} ({ids}) may fall"
                " outside the term's time in force"
            )
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

"""Which terms a changed figure or date can touch, so an alternative reading re-judges only
those."""

from __future__ import annotations

from truce.domain.claims import EventType
from truce.domain.engine.events import Event
from truce.domain.engine.index import matches
from truce.domain.spec import (
    AgreementSpec,
    DeadlineTerm,
    ExtensionTerm,
    GateTerm,
    OptInTerm,
    OrderTerm,
    PoolTerm,
    ProhibitionTerm,
    QuotaTerm,
    RatioTerm,
    Selector,
    Term,
)


def term_selectors(term: Term) -> list[Selector]:
    if isinstance(term, QuotaTerm):
        return [term.selector()]
    if isinstance(term, RatioTerm):
        return [term.selector(), term.per_unit_of]
    if isinstance(term, ExtensionTerm):
        return [term.of]
    if isinstance(term, DeadlineTerm):
        return [term.match]
    if isinstance(term, OrderTerm):
        return [term.first, term.then]
    if isinstance(term, PoolTerm):
        return [Selector(party=term.party, subject=term.subject)]
    return []


def terms_touched(spec: AgreementSpec, event: Event) -> set[str] | None:
    """Ids of the terms whose verdicts may change with `event`'s figure; None means all."""
    if event.type == EventType.CEASEFIRE_EXTENSION:
        return None  # the clock itself moves
    touched = {t.id for t in spec.terms if any(matches(s, event) for s in term_selectors(t))}
    return _closed(spec, touched)


def dates_touched(spec: AgreementSpec, event: Event) -> set[str] | None:
    """Ids of the terms whose verdicts may change with `event`'s date; None means all, and
    that the phase clocks may move too (an event that starts, extends or ends a phase)."""
    clocks: set[str] = {EventType.CEASEFIRE_EXTENSION, EventType.CEASEFIRE_END}
    clocks |= {p.start.on_event for p in spec.phases if p.start.on_event is not None}
    if event.type in clocks:
        return None
    touched = {t.id for t in spec.terms if any(matches(s, event) for s in term_selectors(t))}
    # A figure never matters to these, a date does: a breach in or out of a prohibition's
    # window, a statement of acceptance before or after an opt-in's deadline.
    by_type: dict[str, type] = {EventType.BREACH: ProhibitionTerm, EventType.STATEMENT: OptInTerm}
    dated = by_type.get(event.type)
    if dated is not None:
        touched |= {t.id for t in spec.terms if isinstance(t, dated)}
    return _closed(spec, touched)


def _closed(spec: AgreementSpec, touched: set[str]) -> set[str] | None:
    """`touched` with every term that opens after one of them; None if a gate may move."""
    gated = {r for t in spec.terms if isinstance(t, GateTerm) for r in t.requires}
    grew = True
    while grew:
        grew = False
        for term in spec.terms:
            if term.id not in touched and touched.intersection(term.opens_after):
                touched.add(term.id)
                grew = True
    if touched & gated:
        return None  # a phase may start at another instant
    return touched

"""Which terms a changed figure can touch, so an alternative reading re-judges only those."""

from __future__ import annotations

from truce.domain.claims import EventType
from truce.domain.engine.events import Event
from truce.domain.engine.index import matches
from truce.domain.spec import (
    AgreementSpec,
    DeadlineTerm,
    ExtensionTerm,
    GateTerm,
    OrderTerm,
    PoolTerm,
    QuotaTerm,
    RatioTerm,
    Selector,
    Term,
)


def _selectors(term: Term) -> list[Selector]:
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
    touched = {t.id for t in spec.terms if any(matches(s, event) for s in _selectors(t))}
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

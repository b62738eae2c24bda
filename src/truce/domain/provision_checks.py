"""Checks of a spec's event types: declared provisions, and every `type` a term names.

A declared provision may not reuse a built-in type's id; every type a term, selector or phase
start names must be built in or declared; and what a count adds up (a quota's or ratio's type,
a ratio's `per_unit_of`, an extension's `of`) must be a delivery, so a statement's figure (a
pledge of 5,000 troops) is never counted as 5,000 delivered.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from truce.domain.provisions import BUILT_IN, Provision, is_delivery
from truce.domain.spec import (
    AgreementSpec,
    DeadlineTerm,
    ExtensionTerm,
    OrderTerm,
    ProhibitionTerm,
    QuotaTerm,
    RatioTerm,
    Selector,
)
from truce.domain.spec_problem import Path, Problem

# Problem kinds with their own error codes (see truce.spec_yaml.validation).
PROVISION_CLASH = "provision_clash"
UNKNOWN_TYPE = "unknown_type"
NOT_DELIVERY = "not_delivery"


def provision_problems(spec: AgreementSpec) -> Iterator[Problem]:
    for i, declared in enumerate(spec.provisions):
        if declared.id in BUILT_IN:
            yield Problem(
                ("provisions", i, "id"),
                f"provision {declared.id!r} has the id of a built-in event type",
                f"the built-in type `{declared.id}` is always available: delete this entry and "
                f"write `type: {declared.id}`, or give the provision an id of its own (e.g. "
                f"`{declared.id}-line`)",
                kind=PROVISION_CLASH,
            )
    table = spec.provision_table()
    for i, phase in enumerate(spec.phases):
        if phase.start.on_event is not None:
            yield from _known(("phases", i, "start", "on_event"), phase.start.on_event, table)
    for i, term in enumerate(spec.terms):
        path: Path = ("terms", i)
        for where, sel, counted in _selectors(term):
            at = (*path, *where)
            found = _known((*at, "type"), sel.type, table)
            missing = list(found)
            yield from missing
            if counted and not missing and not is_delivery(table, sel.type):
                yield _not_delivery((*at, "type"), sel.type, table)


def _selectors(term: object) -> Iterator[tuple[Path, Selector, bool]]:
    """Each selector of a term, where it sits, and whether the term counts what it selects."""
    if isinstance(term, QuotaTerm | RatioTerm):
        yield (), term.selector(), True
    if isinstance(term, RatioTerm):
        yield ("per_unit_of",), term.per_unit_of, True
    if isinstance(term, ExtensionTerm):
        yield ("of",), term.of, True
    if isinstance(term, DeadlineTerm):
        yield ("match",), term.match, False
    if isinstance(term, OrderTerm):
        yield ("first",), term.first, False
        yield ("then",), term.then, False
    if isinstance(term, ProhibitionTerm):
        yield (), Selector(type=term.type), False


def _known(path: Path, type_id: str, table: dict[str, Provision]) -> Iterator[Problem]:
    if type_id not in table:
        close = difflib.get_close_matches(type_id, list(table), n=1)
        guess = f"did you mean `{close[0]}`? " if close else ""
        yield Problem(
            path,
            f"unknown event type {type_id!r}",
            f"{guess}known types: {', '.join(table)}; a type of this agreement's own is "
            "declared under `provisions`",
            kind=UNKNOWN_TYPE,
        )


def _not_delivery(path: Path, type_id: str, table: dict[str, Provision]) -> Problem:
    deliveries = [p.id for p in table.values() if p.counts == "delivery"]
    return Problem(
        path,
        f"a count adds up deliveries, and {type_id!r} is not one (a {type_id} is never "
        "counted as something delivered)",
        "count a delivery type ("
        + ", ".join(deliveries)
        + "), or declare the act as a provision (`provisions: [{id: deployment, ...}]`) and "
        "record claims of that type; to require a statement by a deadline use a `deadline` term",
        kind=NOT_DELIVERY,
    )

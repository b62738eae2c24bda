"""Consistency checks a spec must pass beyond its shape: every reference must resolve."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from truce.domain.provision_checks import provision_problems
from truce.domain.ratio_checks import ratio_problems
from truce.domain.spec import (
    AgreementSpec,
    DeadlineTerm,
    ExtensionTerm,
    GateTerm,
    OptInTerm,
    OrderTerm,
    Phase,
    PoolTerm,
    ProhibitionTerm,
    QuotaTerm,
    RatioTerm,
    RenewalTerm,
    Selector,
    Span,
    Subject,
    Term,
)
from truce.domain.spec_problem import Path, Problem, unknown

_unknown = unknown
__all__ = ["Path", "Problem", "spec_problems"]


def spec_problems(spec: AgreementSpec) -> list[Problem]:
    """Every unresolved reference and duplicate id in the spec, in document order."""
    return list(_problems(spec))


def _problems(spec: AgreementSpec) -> Iterator[Problem]:
    yield from _duplicates(spec)
    yield from provision_problems(spec)
    phases = [p.id for p in spec.phases]
    terms = [t.id for t in spec.terms]
    actors = sorted(spec.actor_ids())
    subjects = {s.id: s for s in spec.subjects}

    for i, phase in enumerate(spec.phases):
        after = phase.start.after
        if after is not None:
            if after not in phases:
                yield _unknown(("phases", i, "start", "after"), "phase", after, phases)
            elif phases.index(after) >= i:
                yield Problem(
                    ("phases", i, "start", "after"),
                    f"phase {phase.id!r} starts after {after!r}, which is not an earlier phase",
                    "list phases in the order they happen and point `after` at an earlier one",
                )
        yield from _cap_problems(i, phase)
    if spec.phases and spec.phases[0].start.after is not None:
        yield Problem(
            ("phases", 0, "start"),
            "the first phase cannot start `after` another phase",
            "give the first phase `at: <local time>` or `on_event: ceasefire_start`",
        )

    refs = _Refs(actors, subjects, terms)

    for i, term in enumerate(spec.terms):
        path: Path = ("terms", i)
        if term.phase is not None and term.phase not in phases:
            yield _unknown((*path, "phase"), "phase", term.phase, phases)
        for j, prerequisite in enumerate(term.opens_after):
            if prerequisite not in terms:
                yield _unknown((*path, "opens_after", j), "term", prerequisite, terms)
            elif prerequisite == term.id:
                yield Problem(
                    (*path, "opens_after", j),
                    f"term {term.id!r} cannot open after itself",
                    "point `opens_after` at another term",
                )
        yield from _term_problems(path, term, refs)


@dataclass(frozen=True)
class _Refs:
    """What a term may refer to, and the checks of a reference against it."""

    actors: list[str]
    subjects: dict[str, Subject]
    terms: list[str]

    def selector(self, path: Path, sel: Selector) -> Iterator[Problem]:
        if sel.party is not None and sel.party not in self.actors:
            yield _unknown((*path, "party"), "party", sel.party, self.actors)
        yield from self.subject(path, sel.subject, sel.categories, sel.exclude)
        yield from self.participants(path, sel.participants)

    def participants(self, path: Path, ids: list[str]) -> Iterator[Problem]:
        for j, actor in enumerate(ids):
            if actor not in self.actors:
                yield _unknown((*path, "participants", j), "participant", actor, self.actors)

    def subject(
        self, path: Path, subject: str | None, categories: list[str], exclude: list[str]
    ) -> Iterator[Problem]:
        if subject is None:
            return
        if subject not in self.subjects:
            yield _unknown((*path, "subject"), "subject", subject, sorted(self.subjects))
            return
        allowed = self.subjects[subject].categories
        for key, values in (("categories", categories), ("exclude", exclude)):
            for j, category in enumerate(values):
                if category not in allowed:
                    yield _unknown((*path, key, j), f"category of {subject!r}", category, allowed)


def _term_problems(path: Path, term: Term, refs: _Refs) -> Iterator[Problem]:
    actors, terms = refs.actors, refs.terms
    check_selector, check_subject = refs.selector, refs.subject
    if isinstance(term, QuotaTerm | RatioTerm | PoolTerm) and term.party not in actors:
        yield _unknown((*path, "party"), "party", term.party, actors)
    if isinstance(term, QuotaTerm | RatioTerm):
        yield from check_subject(path, term.subject, term.categories, term.exclude)
        yield from refs.participants(path, term.participants)
    if isinstance(term, PoolTerm):
        yield from check_subject(path, term.subject, [], [])
    if isinstance(term, QuotaTerm) and term.by is not None and term.per is not None:
        yield Problem(
            (*path, "by"),
            "a quota cannot be both per period (`per`) and by a deadline (`by`)",
            "split it into two terms: one with `per`, one with `by`",
        )
    if (
        isinstance(term, QuotaTerm | DeadlineTerm | OptInTerm)
        and _needs_phase(term)
        and (term.phase is None)
    ):
        yield Problem(
            (*path, "by", "day"),
            f"term {term.id!r} has a deadline on a phase day but names no phase",
            "add `phase: <phase id>` to the term",
        )
    if isinstance(term, RatioTerm):
        yield from check_selector((*path, "per_unit_of"), term.per_unit_of)
        cats = term.per_unit_of.categories or []
        for category in term.factors:
            if cats and category not in cats:
                yield Problem(
                    (*path, "factors", category),
                    f"factor for category {category!r}, which `per_unit_of` does not count",
                    f"use one of {', '.join(cats)} or add it to `per_unit_of.categories`",
                )
        yield from ratio_problems(path, term, refs.subjects)
    if isinstance(term, ExtensionTerm):
        yield from check_selector((*path, "of"), term.of)
    if isinstance(term, DeadlineTerm):
        yield from check_selector((*path, "match"), term.match)
        if term.party is not None and term.party not in actors:
            yield _unknown((*path, "party"), "party", term.party, actors)
        if term.by.within is not None and not term.opens_after:
            yield Problem(
                (*path, "by", "within"),
                "`within` counts from when the term opens, but the term has no `opens_after`",
                "add `opens_after: <term id>` or use `by: {day: N}` / `by: {at: TIME}`",
            )
    if isinstance(term, OrderTerm):
        yield from check_selector((*path, "first"), term.first)
        yield from check_selector((*path, "then"), term.then)
    if isinstance(term, ProhibitionTerm | OptInTerm):
        for j, party in enumerate(term.parties):
            if party not in actors:
                yield _unknown((*path, "parties", j), "party", party, actors)
    if isinstance(term, GateTerm):
        for j, required in enumerate(term.requires):
            if required not in terms:
                yield _unknown((*path, "requires", j), "term", required, terms)
            elif required == term.id:
                yield Problem(
                    (*path, "requires", j),
                    "a gate cannot require itself",
                    "list the terms that must be met before the phase starts",
                )
    if isinstance(term, ExtensionTerm | RenewalTerm | GateTerm) and term.phase is None:
        yield Problem((*path, "phase"), f"a {term.kind} term needs a phase", "add `phase: ID`")


def _cap_problems(i: int, phase: Phase) -> Iterator[Problem]:
    """A `max_days` cap shorter than the phase's own length: every day past it is void."""
    span = phase.duration
    if phase.max_days is None:
        return
    if span is not None:
        # A month counts as 28 days, the shortest: refuse only what is surely too long.
        hours = span.days * 24 + span.hours + span.minutes / 60 + span.months * 28 * 24
        length, what = hours / 24, f"its duration ({_span_text(span)})"
    elif phase.until is not None and phase.until.day is not None:
        length, what = float(phase.until.day), f"`until: {{day: {phase.until.day}}}`"
    else:
        return
    if length > phase.max_days:
        yield Problem(
            ("phases", i, "max_days"),
            f"phase {phase.id!r} is capped at max_days {phase.max_days}, shorter than {what}",
            "raise `max_days` to at least the phase's length, or shorten the phase",
            kind="cap_below_duration",
        )


def _span_text(span: Span) -> str:
    parts = [
        (span.months, "month"),
        (span.days, "day"),
        (span.hours, "hour"),
        (span.minutes, "minute"),
    ]
    return " ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n)


def _needs_phase(term: QuotaTerm | DeadlineTerm | OptInTerm) -> bool:
    return (term.by is not None and term.by.day is not None) or (
        isinstance(term, QuotaTerm) and term.per is not None
    )


def _duplicates(spec: AgreementSpec) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    groups = [
        ("parties", spec.parties),
        ("mediators", spec.mediators),
        ("guarantors", spec.guarantors),
        ("excluded", spec.excluded),
    ]
    for key, actors in groups:
        for i, actor in enumerate(actors):
            if actor.id in seen:
                yield Problem(
                    (key, i, "id"),
                    f"actor id {actor.id!r} is used twice",
                    "give each party, mediator and guarantor its own id",
                )
            seen[actor.id] = (key, i)
    listed = (
        ("phases", spec.phases),
        ("terms", spec.terms),
        ("subjects", spec.subjects),
        ("provisions", spec.provisions),
    )
    for key, items in listed:
        ids: set[str] = set()
        for i, item in enumerate(items):
            if item.id in ids:
                yield Problem(
                    (key, i, "id"),
                    f"{key[:-1]} id {item.id!r} is used twice",
                    f"give each {key[:-1]} its own id",
                )
            ids.add(item.id)

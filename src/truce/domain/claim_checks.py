"""Whether a claim speaks the agreement's language: its parties, subjects, categories, phases.

A claim naming `hamsa` or `womn` is valid JSON and a valid claim, yet no term ever counts it:
selectors match ids exactly. These checks find such claims before they enter the ledger, and
say what the agreement allows instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from truce.domain.claims import Claim, DatePrecision
from truce.domain.spec import Actor, AgreementSpec

# The key in a claim's `extra` listing what the agreement check found in a claim kept anyway.
UNCHECKED = "unchecked"

# Where a claim's categories are kinds rather than parts of a subject (breach kinds, `opt-in`),
# the spec declares no list to hold them to; they are checked only against a subject's list.


def _groups(spec: AgreementSpec) -> list[tuple[str, list[Actor]]]:
    return [
        ("parties", spec.parties),
        ("mediators", spec.mediators),
        ("guarantors", spec.guarantors),
        ("excluded", spec.excluded),
    ]


def alias_map(spec: AgreementSpec) -> dict[str, str]:
    """Every name an actor goes by (its id and its aliases, case-folded) to the actor's id."""
    names: dict[str, str] = {}
    for _, actors in _groups(spec):
        for actor in actors:
            for name in (actor.id, *actor.aliases):
                names.setdefault(name.casefold(), actor.id)
    return names


def with_actor_ids(spec: AgreementSpec, claim: Claim) -> Claim:
    """The claim with an actor or target written as a declared alias replaced by the actor's id.

    Terms select by id, so `Qassam Brigades` would never count as `hamas` unless it is resolved
    here, once, before the claim's content id is taken.
    """
    names = alias_map(spec)
    actor = names.get(claim.actor.casefold(), claim.actor) if claim.actor else claim.actor
    target = names.get(claim.target.casefold(), claim.target) if claim.target else claim.target
    if (actor, target) == (claim.actor, claim.target):
        return claim
    return replace(claim, actor=actor, target=target)


def unchecked(claim: Claim) -> list[str]:
    """The problems a claim kept with `--allow-unknown` was recorded with."""
    found = claim.extra.get(UNCHECKED)
    return [str(p) for p in found] if isinstance(found, list) else []


def claim_problems(spec: AgreementSpec, claim: Claim) -> list[str]:
    """What in `claim` the agreement does not declare, each naming what it allows; [] if none."""
    problems = []
    actors = {a.id for _, group in _groups(spec) for a in group}
    for role, value in (("actor", claim.actor), ("target", claim.target)):
        if value is not None and value not in actors:
            problems.append(f"{role} {value!r} is not an actor of {spec.id}; {_actors(spec)}")
    subjects = {s.id: s for s in spec.subjects}
    subject = subjects.get(claim.subject) if claim.subject is not None else None
    if claim.subject is not None and subject is None:
        problems.append(
            f"subject {claim.subject!r} is not a subject of {spec.id}; "
            f"subjects: {_listed(subjects)}"
        )
    if subject is not None:
        unknown = [c for c in claim.categories if c not in subject.categories]
        if unknown:
            problems.append(
                f"categor{'y' if len(unknown) == 1 else 'ies'} "
                f"{', '.join(repr(c) for c in unknown)} not declared for subject {subject.id!r}; "
                f"its categories: {_listed(subject.categories)}"
            )
    phases = [p.id for p in spec.phases]
    if claim.phase is not None and claim.phase not in phases:
        problems.append(
            f"phase {claim.phase!r} is not a phase of {spec.id}; phases: {_listed(phases)}"
        )
    return problems


def _actors(spec: AgreementSpec) -> str:
    return "; ".join(
        f"{name}: {_listed([a.id for a in group])}" for name, group in _groups(spec) if group
    )


def _listed(values: Iterable[str]) -> str:
    names = list(values)
    return ", ".join(names) if names else "none declared"


def lookalikes(claim: Claim, existing: Iterable[Claim], zone: ZoneInfo) -> list[Claim]:
    """Recorded claims that look like the same event as `claim` under another event id.

    Same type, actor, local day and figure: two outlets' reports of one handover recorded
    without a shared `event_id` are counted twice, which no check downstream can see.
    """
    day = _local_day(claim, zone)
    if day is None or claim.quantity is None:
        return []
    return [
        other
        for other in existing
        if other.id != claim.id
        and other.id != claim.supersedes
        and other.group != claim.group
        and other.agreement == claim.agreement
        and other.type is claim.type
        and other.actor == claim.actor
        and other.quantity == claim.quantity
        and _local_day(other, zone) == day
    ]


def _local_day(claim: Claim, zone: ZoneInfo) -> date | None:
    if claim.date_precision not in (DatePrecision.EXACT, DatePrecision.DAY):
        return None
    return claim.date.astimezone(zone).date()

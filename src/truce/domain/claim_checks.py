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


class Vocabulary:
    """The ids an agreement declares, gathered once so checking each claim of a large import
    costs a few set look-ups."""

    def __init__(self, spec: AgreementSpec) -> None:
        self.spec = spec
        self.actors = {a.id for _, group in _groups(spec) for a in group}
        # Every name an actor goes by (its id and its aliases, case-folded) to the actor's id.
        self.names: dict[str, str] = {}
        for _, group in _groups(spec):
            for actor in group:
                for name in (actor.id, *actor.aliases):
                    self.names.setdefault(name.casefold(), actor.id)
        self.subjects = {s.id: s.categories for s in spec.subjects}
        self.phases = {p.id for p in spec.phases}
        self.types = spec.provision_table()

    def with_actor_ids(self, claim: Claim) -> Claim:
        """The claim with an actor or target written as a declared alias replaced by the id.

        Terms select by id, so `Qassam Brigades` would never count as `hamas` unless it is
        resolved here, once, before the claim's content id is taken.
        """
        actor, target = self._id(claim.actor), self._id(claim.target)
        if actor == claim.actor and target == claim.target:
            return claim
        return replace(claim, actor=actor, target=target)

    def _id(self, name: str | None) -> str | None:
        if name is None or name in self.actors:
            return name
        return self.names.get(name.casefold(), name)

    def type_problem(self, claim: Claim) -> str | None:
        """Why the agreement does not know the claim's type, or None when it does."""
        if claim.type in self.types:
            return None
        declared = [p.id for p in self.spec.provisions]
        return (
            f"type {str(claim.type)!r} is neither a built-in event type nor a provision "
            f"{self.spec.id} declares; its types: {_listed(self.types)}"
            + ("" if declared else " (it declares no provisions)")
        )

    def parts_problem(self, claim: Claim) -> str | None:
        """Why the agreement does not know a category the claim's sub-counts name, or None.

        Parts are held to the categories the claim's subject declares (every subject's, for a
        claim with none); where none are declared, any name is taken, as the spec set none."""
        if not claim.parts:
            return None
        if claim.subject is not None:
            declared = list(self.subjects.get(claim.subject) or ())
        else:
            declared = list(dict.fromkeys(c for cats in self.subjects.values() for c in cats))
        if not declared:
            return None
        unknown = [name for name, _ in claim.parts if name not in declared]
        if not unknown:
            return None
        whose = f"subject {claim.subject!r}" if claim.subject else self.spec.id
        one = len(unknown) == 1
        return (
            f"part{'' if one else 's'} {', '.join(repr(c) for c in unknown)} "
            f"{'is not a category' if one else 'are not categories'} of {whose}; "
            f"its categories: {_listed(declared)}"
        )

    def problems(self, claim: Claim) -> list[str]:
        """What in `claim` the agreement does not declare, each naming what it allows."""
        spec, problems = self.spec, []
        if kind := self.type_problem(claim):
            problems.append(kind)
        for role, value in (("actor", claim.actor), ("target", claim.target)):
            if value is not None and value not in self.actors:
                problems.append(f"{role} {value!r} is not an actor of {spec.id}; {_actors(spec)}")
        if claim.subject is not None:
            categories = self.subjects.get(claim.subject)
            if categories is None:
                problems.append(
                    f"subject {claim.subject!r} is not a subject of {spec.id}; "
                    f"subjects: {_listed(self.subjects)}"
                )
            elif unknown := [c for c in claim.categories if c not in categories]:
                problems.append(
                    f"categor{'y' if len(unknown) == 1 else 'ies'} "
                    f"{', '.join(repr(c) for c in unknown)} not declared for subject "
                    f"{claim.subject!r}; its categories: {_listed(categories)}"
                )
        if parts := self.parts_problem(claim):
            problems.append(parts)
        if claim.phase is not None and claim.phase not in self.phases:
            problems.append(
                f"phase {claim.phase!r} is not a phase of {spec.id}; "
                f"phases: {_listed(p.id for p in spec.phases)}"
            )
        return problems


def with_actor_ids(spec: AgreementSpec, claim: Claim) -> Claim:
    return Vocabulary(spec).with_actor_ids(claim)


def claim_problems(spec: AgreementSpec, claim: Claim) -> list[str]:
    """What in `claim` the agreement does not declare, each naming what it allows; [] if none."""
    return Vocabulary(spec).problems(claim)


def unchecked(claim: Claim) -> list[str]:
    """The problems a claim kept with `--allow-unknown` was recorded with."""
    found = claim.extra.get(UNCHECKED)
    return [str(p) for p in found] if isinstance(found, list) else []


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
    day = local_day(claim, zone)
    if day is None or claim.quantity is None:
        return []
    return [
        other
        for other in existing
        if other.id != claim.id
        and other.id != claim.supersedes
        and other.group != claim.group
        and other.agreement == claim.agreement
        and other.type == claim.type
        and other.actor == claim.actor
        and other.quantity == claim.quantity
        and local_day(other, zone) == day
    ]


def local_day(claim: Claim, zone: ZoneInfo) -> date | None:
    if claim.date_precision not in (DatePrecision.EXACT, DatePrecision.DAY):
        return None
    return claim.date.astimezone(zone).date()

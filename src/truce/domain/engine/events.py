"""From claims to events: corrections applied, retractions dropped, sources' figures kept apart.

Claims about one event (same `event_id`) are grouped. Where they give different figures that
cannot all be true (`domain.readings.disputed`: "at least 10" and "13" can), every figure
stays as a `Reading` with the claims behind it; one leads (the figure independent sources back
best, the lowest among equals: `domain.leading`) and the others are alternatives the engine
evaluates too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from truce.domain.bounds import instant_in_range
from truce.domain.claim_checks import unchecked
from truce.domain.claims import (
    STATUS_WEIGHT,
    Claim,
    ClaimStatus,
    DatePrecision,
)
from truce.domain.engine.dates import DateReading, date_readings, placement
from truce.domain.leading import Backing, grade_points, leader, source_key
from truce.domain.readings import disputed


# Not frozen: frozen dataclasses pay for every field on creation, and a million events add up.
@dataclass(slots=True)
class Reading:
    """One figure for an event and the claims that give it."""

    quantity: int | None
    claims: tuple[Claim, ...]


@dataclass(slots=True, eq=False)
class Event:
    id: str
    type: str  # an EventType member, or a declared provision's id
    actor: str | None
    target: str | None
    subject: str | None
    categories: frozenset[str]
    date: datetime
    precision: DatePrecision
    at: float  # epoch seconds where the event is placed on the clock (middle of its date window)
    known_at: float  # epoch seconds by which it surely happened (end of its date window)
    status: ClaimStatus
    quantity: int | None
    readings: tuple[Reading, ...]  # the leading reading first
    claims: tuple[Claim, ...]
    phase: str | None
    # Its dates when sources dispute when it happened (`engine.dates`), the leading first;
    # empty when they do not, as for almost every event.
    dates: tuple[DateReading, ...] = ()
    # The leading claim's sub-counts of its figure (`engine.subcounts`), as its categories are.
    parts: tuple[tuple[str, int], ...] = ()

    @property
    def disputed(self) -> bool:
        return len(self.readings) > 1

    @property
    def earliest(self) -> float:
        """The first instant any of its dates allows (its own `since` unless dates dispute)."""
        return min((d.since for d in self.dates), default=self.since)

    @property
    def since(self) -> float:
        """The first instant its date allows: `at` is the middle of the window, `known_at` its
        end (computed from those two so the column path, which keeps only them, agrees)."""
        return self.at if self.known_at == self.at else 2 * self.at - self.known_at

    @property
    def loose(self) -> bool:
        return self.known_at != self.at

    @property
    def claim_ids(self) -> list[str]:
        return [c.id for c in self.claims]


@dataclass(frozen=True)
class Book:
    """Every live event of an agreement, in clock order, and what was set aside."""

    events: tuple[Event, ...]
    claims: int
    superseded: frozenset[str]
    retracted: frozenset[str]
    # Claims dated outside the engine's window (written around the door): kept out of every
    # count and clock, and listed so the answer can say so.
    out_of_range: tuple[Claim, ...] = ()
    unchecked: tuple[str, ...] = ()  # ids of live claims kept with `--allow-unknown`


# Enum members hash in Python code; keyed by their plain values these lookups stay in C.
_WEIGHT = {status._value_: weight for status, weight in STATUS_WEIGHT.items()}
_EXACT = DatePrecision.EXACT
_RETRACTED = ClaimStatus.RETRACTED


def _rank(claim: Claim) -> tuple[int, str, int, str]:
    precise = 0 if claim.date_precision is _EXACT else 1
    return (-_WEIGHT[claim.status._value_], claim.reliability or "Z9", precise, claim.id)


def _date_lead(ranked: list[Claim]) -> Claim:
    """Of claims whose dates can all be true (a week and a day in it), the one that places the
    event: the best attested, as `_rank` has it, then the narrowest date, then the earliest;
    never the claim id, so a copy of a report cannot move the event."""

    def key(claim: Claim) -> tuple[int, str, int, float, float]:
        since, _, until = placement(claim.date_precision, claim.date)
        precise = 0 if claim.date_precision is _EXACT else 1
        rank = (-_WEIGHT[claim.status._value_], claim.reliability or "Z9", precise)
        return (*rank, until - since, since)

    return min(ranked, key=key)


def reduce_claims(claims: Iterable[Claim]) -> Book:
    """Group live claims into events. The result does not depend on the order of `claims`."""
    all_claims = list(claims)
    superseded = {c.supersedes for c in all_claims if c.supersedes}
    groups: dict[str, list[Claim]] = {}
    retracted: set[str] = set()
    replaced: set[str] = set()
    outside: list[Claim] = []
    flagged: set[str] = set()
    for claim in all_claims:
        if claim.id in superseded:
            replaced.add(claim.id)
            continue
        if claim.status is _RETRACTED:
            retracted.add(claim.id)
            continue
        if not instant_in_range(claim.date.timestamp()):
            outside.append(claim)
            continue
        if claim.extra and unchecked(claim):
            flagged.add(claim.id)
        group = claim.event_id or claim.id
        bucket = groups.get(group)
        if bucket is None:
            groups[group] = [claim]
        else:
            bucket.append(claim)
    events = [make_event(key, members) for key, members in groups.items()]
    events.sort(key=lambda e: (e.at, e.id))
    return Book(
        events=tuple(events),
        claims=len(all_claims),
        superseded=frozenset(replaced),
        retracted=frozenset(retracted),
        out_of_range=tuple(sorted({c.id: c for c in outside}.values(), key=lambda c: c.id)),
        unchecked=tuple(sorted(flagged)),
    )


# Category sets repeat endlessly across claims; share one frozenset per distinct tuple.
_FROZEN: dict[tuple[str, ...], frozenset[str]] = {}


# What the column path worked out of an event's figures already, by the same rules in bulk
# (`frame._figures`): the leading figure, and whether the figures dispute.
Figures = tuple[int, bool]


def make_event(key: str, members: list[Claim], told: Figures | None = None) -> Event:
    if len(members) == 1:
        lead = members[0]
        readings: tuple[Reading, ...] = (Reading(lead.quantity, (lead,)),)
    else:
        members.sort(key=_rank)
        lead = members[0]
        readings = _readings(members, told)
    # Claims that all give the lead's instant and precision cannot dispute it (most events):
    # the key `dates.date_readings` groups by, compared without building its readings.
    precision = lead.date_precision
    same_date = len(members) == 1 or _one_date(members, lead.date.timestamp(), precision)
    dates = () if same_date else date_readings(members)
    if dates:
        # Sources dispute the date: the event stands at the date they back best.
        start, precision, at, known_at = (
            dates[0].date,
            dates[0].precision,
            dates[0].at,
            dates[0].until,
        )
    else:
        placer = lead if same_date else _date_lead(members)
        start, precision = placer.date, placer.date_precision
        _, at, known_at = placement(precision, start)
    categories = _FROZEN.get(lead.categories)
    if categories is None:
        categories = _FROZEN[lead.categories] = frozenset(lead.categories)
    return Event(
        id=key,
        type=lead.type,
        actor=lead.actor,
        target=lead.target,
        subject=lead.subject,
        categories=categories,
        date=start,
        precision=precision,
        at=at,
        known_at=known_at,
        status=lead.status,
        quantity=readings[0].quantity,
        readings=readings,
        claims=tuple(members),
        phase=lead.phase,
        dates=dates,
        parts=lead.parts,
    )


def _one_date(members: list[Claim], stamp: float, precision: DatePrecision) -> bool:
    for claim in members:
        if claim.date_precision is not precision or claim.date.timestamp() != stamp:
            return False
    return True


def placed(event: Event, reading: DateReading) -> Event:
    """The event as one of its disputed dates has it: the same claims, another date."""
    return replace(
        event, date=reading.date, precision=reading.precision, at=reading.at, known_at=reading.until
    )


def _readings(ranked: list[Claim], told: Figures | None = None) -> tuple[Reading, ...]:
    by_quantity: dict[int | None, list[Claim]] = {}
    for claim in ranked:
        by_quantity.setdefault(claim.quantity, []).append(claim)
    figures = [q for q in by_quantity if q is not None]
    if len(figures) <= 1:
        # One figure (or none): no dispute; claims without a figure just corroborate it.
        quantity = figures[0] if figures else None
        return (Reading(quantity, tuple(ranked)),)
    if told is None:
        found = leader([backing(c) for c in ranked if c.quantity is not None])
        leading = figures[0] if found is None else int(found)
        split = disputed((c.quantity, c.qualifier) for c in ranked)
    else:
        leading, split = told
    if not split:
        # Different figures that can all be true ("at least 10" and "13"): one reading.
        return (Reading(leading, tuple(ranked)),)
    ordered = [leading] + sorted(q for q in figures if q != leading)
    return tuple(Reading(q, tuple(by_quantity[q])) for q in ordered)


def backing(claim: Claim) -> Backing:
    """A claim's say on its event's figure (`domain.leading`); only for claims with a figure."""
    assert claim.quantity is not None
    return Backing(
        claim.quantity,
        claim.qualifier,
        source_key(claim.sources, claim.id),
        _WEIGHT[claim.status._value_],
        grade_points(claim.reliability),
    )

"""The agreement spec: an agreement's parties, phases and typed terms, as a validated model.

This module only describes and checks the model; reading YAML lives in `truce.spec_yaml`.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from truce.domain.agreement_meta import AgreementMetadata
from truce.domain.bounds import MAX_FACTOR
from truce.domain.claims import EventType
from truce.domain.provisions import BUILT_IN, DeclaredProvision, Provision, TypeId

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="lowercase letters, digits and hyphens, e.g. `gaza-2023-11`",
    ),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Actor(Model):
    """A party, mediator, guarantor or excluded group."""

    id: Slug
    name: str | None = Field(None, description="display name")
    aliases: list[str] = Field(default_factory=list, description="other names, incl. metonyms")


class Subject(Model):
    """What is counted: people released, trucks admitted, weapons withdrawn."""

    id: Slug
    name: str | None = None
    categories: list[Slug] = Field(default_factory=list, description="allowed category ids")


class Start(Model):
    """When a phase starts. Exactly one of `at`, `on_event`, `after`."""

    at: datetime | None = Field(None, description="fixed local instant, e.g. 2023-11-24T07:00")
    on_event: TypeId | None = Field(
        None, description="the first claim of this type starts the phase, e.g. ceasefire_start"
    )
    after: Slug | None = Field(None, description="id of the phase this one follows")

    @model_validator(mode="after")
    def _exactly_one(self) -> Start:
        given = [k for k in ("at", "on_event", "after") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a start needs exactly one of `at`, `on_event` or `after`")
        return self


ClockKind = Literal["elapsed", "calendar"]

_SPAN_UNITS = {"mo": "months", "d": "days", "h": "hours", "m": "minutes"}
_SPAN_TEXT = re.compile(r"(\d+)\s*(mo|d|h|m)\s*")


class Span(Model):
    """A length of time: a mapping, or text such as `72h`, `42d`, `90m`, `2mo`, `1d12h`."""

    days: int = Field(0, ge=0)
    hours: int = Field(0, ge=0)
    minutes: int = Field(0, ge=0)
    months: int = Field(0, ge=0, description="calendar months (Yemen's two-month truce)")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        parts = _SPAN_TEXT.findall(text)
        if not parts or "".join(_SPAN_TEXT.sub("", text).split()):
            raise ValueError(
                f"cannot read {value!r} as a length of time: write e.g. `72h`, `42d`, `90m`, "
                "`2mo` or `1d12h`"
            )
        fields: dict[str, int] = {}
        for number, unit in parts:
            key = _SPAN_UNITS[unit]
            fields[key] = fields.get(key, 0) + int(number)
        return fields

    @model_validator(mode="after")
    def _not_empty(self) -> Span:
        if not (self.days or self.hours or self.minutes or self.months):
            raise ValueError("a span needs at least one of `days`, `hours`, `minutes` or `months`")
        return self

    @property
    def by_date(self) -> bool:
        """Whether the span counts days or months (a calendar clock counts those by date)."""
        return bool(self.days or self.months)


class When(Model):
    """A deadline. Exactly one of `at`, `date`, `day`, `within`."""

    at: datetime | None = Field(None, description="fixed local instant")
    date: Date | None = Field(None, description="the end of this local date (its midnight)")
    day: int | None = Field(None, ge=1, description="end of day N of the term's phase")
    within: Span | None = Field(None, description="this long after the term opens")

    @model_validator(mode="after")
    def _exactly_one(self) -> When:
        given = [k for k in ("at", "date", "day", "within") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a deadline needs exactly one of `at`, `date`, `day` or `within`")
        return self


class Phase(Model):
    """A stretch of the agreement with its own clock (see `clock` on the agreement)."""

    id: Slug
    name: str | None = None
    start: Start = Field(description="when the phase starts")
    duration: Span | None = Field(None, description="omit (and `until`) for an open-ended phase")
    until: When | None = Field(
        None,
        description="instead of `duration`: `{day: N}` (end of day N), `{date: D}` (end of that "
        "local date) or `{at: TIME}`",
    )
    clock: ClockKind | None = Field(
        None, description="this phase's clock, when it differs from the agreement's"
    )
    max_days: int | None = Field(
        None, ge=1, description="cap on the phase's length including every extension"
    )

    @model_validator(mode="after")
    def _one_end(self) -> Phase:
        if self.duration is not None and self.until is not None:
            raise ValueError("a phase takes `duration` or `until`, not both")
        if self.until is not None and self.until.within is not None:
            raise ValueError("write `duration` for a length; `until` takes `day`, `date` or `at`")
        return self


# What narrows a selection, spelled once for selectors and the counted terms alike (each
# field adds `= Field(default_factory=list)`, which pydantic merges with the description).
Categories = Annotated[
    list[Slug],
    Field(description="count only claims with one of these categories"),
]
Excluded = Annotated[
    list[Slug],
    Field(description="never count claims with any of these categories"),
]
Places = Annotated[
    list[str],
    Field(
        description="only claims placed in one of these places: the claim's `location` contains "
        "the name, or its resolved place (`extra.place`) has it as name, admin1 code or ISO "
        "3166 alpha-3 country; case-insensitive (omit: anywhere)",
    ),
]
Participants = Annotated[
    list[Slug],
    Field(
        description="actor ids that must all be among the claim's actor and target",
    ),
]
Topics = Annotated[
    list[str],
    Field(
        description="keywords: only claims whose subject, notes or quote contain one of them "
        "(case-insensitive; omit: any topic)",
    ),
]


class Selector(Model):
    """Which claims count: by event type, acting party, subject, categories, place,
    participants and topic. Every field given must hold."""

    type: TypeId = EventType.RELEASE
    party: Slug | None = Field(None, description="the acting party (the claim's actor)")
    subject: Slug | None = None
    categories: Categories = Field(default_factory=list)
    exclude: Excluded = Field(default_factory=list)
    location: Places = Field(default_factory=list)
    participants: Participants = Field(default_factory=list)
    topic: Topics = Field(default_factory=list)


class TermBase(Model):
    id: Slug
    description: str | None = None
    clause: str | None = Field(None, description="where the term is written, e.g. `Art. 2(b)`")
    phase: Slug | None = Field(None, description="the phase the term applies in")
    opens_after: list[Slug] = Field(
        default_factory=list,
        description="ids of terms that must all be met before this one opens (one id or a list)",
    )

    @field_validator("opens_after", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value


class CountedTerm(TermBase):
    """What quota and ratio terms share: whose deliveries of what are counted."""

    party: Slug = Field(description="the party that must deliver (the claims' actor)")
    subject: Slug = Field(description="what is counted, a subject id")
    type: TypeId = Field(EventType.RELEASE, description="the event type that counts")
    categories: Categories = Field(default_factory=list)
    exclude: Excluded = Field(default_factory=list)
    location: Places = Field(default_factory=list)
    participants: Participants = Field(default_factory=list)
    topic: Topics = Field(default_factory=list)

    def selector(self) -> Selector:
        return Selector(
            type=self.type,
            party=self.party,
            subject=self.subject,
            categories=self.categories,
            exclude=self.exclude,
            location=self.location,
            participants=self.participants,
            topic=self.topic,
        )


class QuotaTerm(CountedTerm):
    """At least N of a subject: in total by a deadline, or per day / per week."""

    kind: Literal["quota"]
    at_least: int = Field(ge=1, description="the least that meets the quota (per period)")
    per: Literal["day", "week"] | None = Field(None, description="repeat the quota each period")
    by: When | None = Field(None, description="deadline for a total quota")


class RatioTerm(CountedTerm):
    """`party` delivers `factor` of `subject` for each unit the other side delivers."""

    kind: Literal["ratio"]
    per_unit_of: Selector = Field(description="what the counterpart delivers")
    factor: float | None = Field(
        None,
        gt=0,
        le=MAX_FACTOR,
        allow_inf_nan=False,
        description="units owed per counterpart unit (1 when omitted); beside `factors`, the "
        "factor of every category without its own",
    )
    factors: dict[Slug, Annotated[float, Field(ge=0, le=MAX_FACTOR, allow_inf_nan=False)]] = Field(
        default_factory=dict,
        description="per-category factors for the counterpart's units (30 per civilian, ...); "
        "`0` says a category is owed nothing. With `factors`, every category of the counted "
        "subject needs a factor, an exclusion (`per_unit_of.exclude`) or `unweighted`, unless "
        "`factor` is written out as the factor for all the others",
    )
    unweighted: list[Slug] = Field(
        default_factory=list,
        description="categories of another dimension (living/deceased) that neither decide nor "
        "exclude: a unit is weighed by its other categories",
    )
    per: Literal["event", "day"] | None = Field(
        None,
        description="judge the ratio per batch: each of the counterpart's release events, or "
        "each day of the phase it released on; a batch not yet covered shows as owed",
    )


class ExtensionTerm(TermBase):
    """A phase is extended by `days` for each further `for_each` units delivered, up to a cap."""

    kind: Literal["extension"]
    phase: Slug
    days: int = Field(1, ge=1, description="days earned per step")
    for_each: int = Field(ge=1, description="units per step")
    of: Selector = Field(description="the deliveries that earn extension days")
    beyond: int = Field(0, ge=0, description="units that count towards the base period")
    max_days: int | None = Field(None, ge=1, description="cap on the phase length")


class GateTerm(TermBase):
    """A phase starts only once every listed term is met."""

    kind: Literal["gate"]
    phase: Slug
    requires: list[Slug] = Field(min_length=1, description="ids of the terms that must be met")


class DeadlineTerm(TermBase):
    """Something must happen by a deadline: a meeting, a statement, a withdrawal."""

    kind: Literal["deadline"]
    party: Slug | None = Field(None, description="the party that must act (overrides match)")
    match: Selector = Field(description="the event that fulfils the term")
    by: When = Field(description="the deadline")


class OrderTerm(TermBase):
    """Everything matching `first` must come before anything matching `then`."""

    kind: Literal["order"]
    first: Selector = Field(description="what must all come first")
    then: Selector = Field(description="what may only come after")


class ProhibitionTerm(TermBase):
    """An act forbidden to the listed parties; a claim of it is a breach."""

    kind: Literal["prohibition"]
    parties: list[Slug] = Field(default_factory=list, description="omit for every party")
    type: TypeId = EventType.BREACH
    categories: list[Slug] = Field(
        default_factory=list,
        description="restrict to breaches of these kinds (`exchange`, `aid`): a breach of a "
        "kind some prohibition lists lands on that one, never on a prohibition of every kind",
    )
    domains: list[Literal["land", "air", "sea"]] = Field(
        default_factory=list,
        description="only acts on land, in the air or at sea: a breach claim carrying one of "
        "these as a category (omit, or list all three: every domain)",
    )
    zones: list[str] = Field(
        default_factory=list,
        description="only acts in these places: a breach claim whose `location` names one "
        "(case-insensitive; omit: everywhere)",
    )
    exceptions: list[Slug] = Field(
        default_factory=list,
        description="breach kinds the prohibition allows (`imminent-threat`): a claim carrying "
        "one is listed under the term, not counted as a breach of it",
    )


class RenewalTerm(TermBase):
    """A phase may be renewed for the same period, a limited number of times."""

    kind: Literal["renewal"]
    phase: Slug
    period: Span = Field(description="how much each renewal adds")
    max_renewals: int | None = Field(None, ge=1, description="how many renewals are allowed")


class OptInTerm(TermBase):
    """Parties join by declaring acceptance (a `statement` with category `opt-in`) by a deadline."""

    kind: Literal["opt_in"]
    parties: list[Slug] = Field(min_length=1, description="the parties invited to join")
    by: When = Field(description="the deadline to accept")


class PoolTerm(TermBase):
    """A published eligibility pool: releases start only after the objection window closes."""

    kind: Literal["pool"]
    party: Slug = Field(description="the party releasing from the pool")
    subject: Slug = Field(description="what the pool holds, a subject id")
    size: int = Field(ge=1, description="how many are listed: releases may not exceed it")
    published: datetime = Field(description="local instant the list was published")
    objection_window: Span = Field(description="time for objections before releases may start")


Term = Annotated[
    QuotaTerm
    | RatioTerm
    | ExtensionTerm
    | GateTerm
    | DeadlineTerm
    | OrderTerm
    | ProhibitionTerm
    | RenewalTerm
    | OptInTerm
    | PoolTerm,
    Field(discriminator="kind"),
]


class AgreementSpec(Model):
    """An agreement: who is bound, by what terms, on what clock."""

    id: Slug = Field(description="the agreement's id, used by claims and commands")
    title: str = Field(description="a human title")
    timezone: str = Field(description="IANA time zone of the agreement's clock")
    clock: ClockKind = Field(
        "elapsed",
        description="`elapsed`: day N is the N-th 24 hours from the start; `calendar`: day N is "
        "the N-th local calendar day, day 1 being the start's own date",
    )
    effective_from: datetime | None = Field(
        None,
        description="local instant from which this version of the spec judges; before it, the "
        "previous version recorded does (omit: this version judges every instant)",
    )
    sources: list[str] = Field(default_factory=list, description="where the terms come from")
    metadata: AgreementMetadata | None = Field(
        None,
        description="what the agreement is, as PA-X / ETH-PRIO record it: signing date, form, "
        "purpose, scope, countries, monitoring, related agreements (changes no verdict)",
    )
    parties: list[Actor] = Field(min_length=1, description="the parties bound by the terms")
    mediators: list[Actor] = Field(default_factory=list, description="mediators")
    guarantors: list[Actor] = Field(default_factory=list, description="guarantors")
    excluded: list[Actor] = Field(
        default_factory=list, description="named groups the agreement does not cover"
    )
    subjects: list[Subject] = Field(default_factory=list, description="what is counted")
    provisions: list[DeclaredProvision] = Field(
        default_factory=list,
        description="event types beyond the built-in ones (see docs/claims.md); the built-in "
        "types are always available",
    )
    phases: list[Phase] = Field(min_length=1, description="the clocks, in the order they run")
    terms: list[Term] = Field(default_factory=list, description="what each side owes")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}: write an IANA name such as Asia/Jerusalem"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def term(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def provision_table(self) -> dict[str, Provision]:
        """Every event type this agreement knows: the built-in ones, then its declared ones (a
        declared id that clashes with a built-in one is a spec error and replaces nothing)."""
        table = dict(BUILT_IN)
        for declared in self.provisions:
            table.setdefault(declared.id, declared.provision())
        return table

    def actor_ids(self) -> set[str]:
        return {
            a.id
            for group in (self.parties, self.mediators, self.guarantors, self.excluded)
            for a in group
        }

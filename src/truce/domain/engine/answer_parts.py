"""The typed rows of the status answer: phases, obligations, extensions, breaches, disputes and
explanations. Field names and JSON shapes are the ones `truce status --json` has always printed
(docs/status.md is generated from these descriptions); the engine still builds plain dicts for
speed and these models check and document them at the edges (API, CLI, dashboard)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from truce.domain.claims import ClaimStatus, DatePrecision

Number = int | float  # whole figures print as ints, others to three decimals
# ISO 8601 with the agreement's UTC offset; the mark names the type in docs/status.md.
Instant = Annotated[str, "instant"]

ObligationStatus = Literal[
    "met",
    "unmet",
    "no_record",
    "undetermined",
    "in_progress",
    "upcoming",
    "inactive",
    "violated",
    "alleged",
    "failed",
]


class Row(BaseModel):
    """An answer row: every key present, no key unknown, read-only once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(Row):
    id: str = Field(description="the phase's id in the spec")
    starts_at: Instant | None = Field(description="when it started; null while it has not")
    base_ends_at: Instant | None = Field(description="its end before any extension")
    ends_at: Instant | None = Field(description="its end after every extension so far")
    day: int | None = Field(description="the day of the phase at `at`, while it runs")
    length_days: Number | None = Field(description="its length in days, extensions included")
    extended_days: Number = Field(description="days added by extension claims")
    blocked_by: list[str] = Field(description="gate terms not yet met that hold its start")
    clock: Literal["elapsed", "calendar"] = Field(description="how its days are counted")
    capped: bool = Field(description="an extension ran past `max_days` and was cut")
    conditional: bool = Field(description="extended open-ended while a condition holds")
    notes: list[str] = Field(description="what its clock could not apply as written")


class PartCount(Row):
    """One category of a verdict's figure, from claims that give sub-counts (`parts`)."""

    category: str | None = Field(
        description="the part's category; null for the rest of the figures beyond their parts"
    )
    count: int = Field(description="how many, summed over the window's claims with parts")
    counted: bool = Field(description="whether the term counts them")
    factor: Number | None = Field(description="a ratio's factor for them; null for a quota")
    amount: Number = Field(description="what they add: `count`, times `factor` for a ratio")
    reason: str | None = Field(description="why they are left out (null when counted)")
    events: list[str] = Field(description="the events they come from (the first 10)")
    events_total: int = Field(description="how many events")


class Obligation(Row):
    id: str = Field(description="`term` or `term/period`, e.g. `daily-hostages/day-7`")
    term: str = Field(description="the term's id in the spec")
    kind: str = Field(description="the term's kind (`quota`, `deadline`, ...)")
    party: str | None = Field(description="the party bound, if one is")
    subject: str | None = Field(description="what is counted, if anything")
    period: str | None = Field(description="`day-N`, `week-N`, `total` or a party; null if one")
    starts_at: Instant | None = Field(description="when the verdict's window opens")
    ends_at: Instant | None = Field(description="when it closes (the deadline)")
    due: Number | None = Field(description="how many are owed")
    limit: Number | None = Field(description="a ceiling rather than a debt (a pool's size)")
    delivered: Number | None = Field(description="how many surely count (see loose dates)")
    balance: Number | None = Field(description="`delivered - due`")
    status: ObligationStatus = Field(description="the verdict (see Terms for each kind's)")
    met_at: Instant | None = Field(description="when it was met")
    disputed: bool = Field(description="a disputed figure changes this verdict")
    explanation: str = Field(description="one sentence; the evidence is under `explanations`")
    parts: list[PartCount] = Field(
        default_factory=list,
        description="for a quota or ratio that filters or weighs by category: its figure "
        "(`delivered`; a ratio's units owed for) by sub-count, counted and left out; [] when no "
        "claim it read gives parts",
    )


class EarnedDay(Row):
    day: int = Field(description="the agreement day the extension rule is judged for")
    needed: Number = Field(description="the cumulative count the rule asks by its end")
    delivered: Number = Field(description="what was delivered by then")
    status: Literal["earned", "not_earned", "pending"] = Field(
        description="`pending` while the day is not over"
    )
    within_cap: bool = Field(description="the day lies within `max_days`")


class RenewalRow(Row):
    day: None = Field(description="always null for a renewal")
    renewal: int = Field(description="1 for the first renewal, 2 for the next...")
    days: Number = Field(description="days the renewal added")
    status: Literal["earned", "beyond_limit"] = Field(
        description="`beyond_limit` past the term's `max_renewals`"
    )
    within_cap: bool = Field(description="within `max_renewals`")


class Announcement(Row):
    event_id: str = Field(description="the extension event")
    date: Instant = Field(description="when it was announced")
    days: Number = Field(description="days it added")
    late: bool = Field(description="announced after the phase had expired (within a day)")
    within_cap: bool = Field(description="it stays within the phase's `max_days`")
    renewal: bool = Field(description="it applied the `renewal` period")
    claims: list[str] = Field(description="the claims behind it")


class Extension(Row):
    term: str = Field(description="the extension or renewal term")
    phase: str = Field(description="the phase it extends")
    announced_days: Number = Field(description="days announced by extension claims")
    earned_days: Number = Field(description="days the rule alone gives, within `max_days`")
    cap_days: int | None = Field(description="the term's `max_days`")
    condition_met: bool | None = Field(description="every settled day earned; null if none")
    days: list[EarnedDay | RenewalRow] = Field(description="per day or renewal, as judged")
    announcements: list[Announcement] = Field(description="the extension claims applied")
    explanation: str = Field(description="one sentence")


class Breach(Row):
    event_id: str = Field(description="the breach event")
    party: str | None = Field(description="who is said to have breached")
    target: str | None = Field(description="against whom")
    date: Instant = Field(description="when")
    status: ClaimStatus = Field(description="its best-attested claim's status")
    statuses: list[str] = Field(description="every status its claims carry")
    clause: str | None = Field(description="the prohibition it falls under, if one is in force")
    excluded_party: bool = Field(description="the party is one the agreement excludes")
    categories: list[str] = Field(description="its categories")
    claims: list[str] = Field(description="its claims")
    explanation: str = Field(description="one sentence")


class Reading(Row):
    """One figure, or one date, that some claims give an event."""

    label: str = Field(description="how `by_reading` names it: the figure, or the date as put")
    quantity: Number | None = Field(description="the figure (a figure dispute), else null")
    low: int | None = Field(
        default=None,
        description="the lowest whole number its claims allow together (a figure dispute)",
    )
    high: int | None = Field(
        default=None,
        description="the highest, or null when they allow no highest (`at_least`, `more_than`)",
    )
    date: Instant | None = Field(description="the date (a date dispute), else null")
    precision: DatePrecision | None = Field(description="the date's precision, else null")
    leading: bool = Field(description="the reading the verdicts use (see Which reading leads)")
    claims: list[str] = Field(description="the claims giving it")
    statuses: list[str] = Field(description="their statuses")
    sources: list[str] = Field(description="their sources")


class DisputedVerdict(Row):
    id: str = Field(description="an obligation id, an extension day, `state` or `ends_at`")
    by_reading: dict[str, str] = Field(
        description="the verdict under each reading, by `label` (`absent`: no such verdict)"
    )


class Dispute(Row):
    event_id: str = Field(description="the event its sources disagree on")
    about: Literal["figure", "date"] = Field(description="what they disagree on")
    type: str = Field(description="its event type (built-in, or a provision the spec declares)")
    actor: str | None = Field(description="its actor")
    subject: str | None = Field(description="its subject")
    date: Instant = Field(description="its (leading) date")
    readings: list[Reading] = Field(description="every figure or date, the leading one first")
    verdict_differs: bool = Field(description="some verdict changes with the reading")
    verdicts: list[DisputedVerdict] = Field(description="each verdict that changes")


class Explanation(Row):
    """Why a verdict, an extension term or a breach is what it is."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    for_: str = Field(alias="for", description="the obligation id, term id or `breach/<event>`")
    clause: str | None = Field(description="the clause of the agreement it rests on")
    text: str = Field(description="the explanation")
    claims: list[str] = Field(description="its evidence: the first 25 claims")
    claims_total: int = Field(description="how many claims stand behind it")
    sources: list[str] = Field(description="the sources of the claims listed")


class DisputeExplanation(Row):
    """Why an event is disputed: its figures or dates side by side (no `claims_total`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    for_: str = Field(alias="for", description="`dispute/<event>`, `dispute/<event>/date`")
    clause: None = Field(description="always null: a dispute rests on no clause")
    text: str = Field(description="the readings, and whether the verdicts differ by them")
    claims: list[str] = Field(description="every claim giving one")
    sources: list[str] = Field(description="their sources")

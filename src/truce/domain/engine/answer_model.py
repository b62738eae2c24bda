"""The status answer as one typed model: what `truce status --json`, the API's
`/api/agreements/{id}/status` and the dashboard give, key for key (docs/status.md is generated
from it).

The engine builds the answer as a plain dict (building models for every row would cost the
engine's inner loop nothing it needs); `StatusAnswer.of` checks and types it at the edges, and
`as_data` gives back exactly the JSON the dict gave."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from truce.domain.engine.answer_parts import (
    Breach,
    Dispute,
    DisputeExplanation,
    Explanation,
    Extension,
    Instant,
    Number,
    Obligation,
    Phase,
    Row,
)
from truce.domain.engine.status import paused_gc

State = Literal["pending", "active", "suspended", "ended"]


class RecordCounts(Row):
    claims: int = Field(description="claims recorded for the agreement")
    events: int = Field(description="events they make (claims sharing an `event_id` are one)")
    known_events: int = Field(description="events known by `at`")
    superseded: int = Field(description="claims replaced by a correction")
    retracted: int = Field(description="claims retracted")
    out_of_range: int = Field(description="claims whose date no clock can place")
    unchecked: int = Field(description="claims kept with `--allow-unknown`")


class JudgedBy(Row):
    version: int = Field(description="the version that judged (1 = first recorded)")
    of: int = Field(description="how many versions are recorded")
    effective_from: Instant | None = Field(description="when it came into force, if it says")


class StatusAnswer(Row):
    """The state of an agreement at an instant."""

    agreement: str = Field(description="the agreement's id")
    title: str = Field(description="its title")
    metadata: dict[str, Any] | None = Field(
        description="what the agreement is, from the spec's `metadata` (PA-X / ETH-PRIO: signing "
        "date, form, purpose, scope, countries as ISO 3166-1 alpha-3, monitoring with its "
        "members, related agreements; fields left out are absent), or null"
    )
    at: Instant = Field(description="the instant judged, with the agreement's offset")
    state: State = Field(description="`pending`, `active`, `suspended` or `ended` (see Clocks)")
    phase: str | None = Field(description="the running phase, while one runs")
    day: int | None = Field(description="agreement day N, while active")
    phase_day: int | None = Field(description="day of the running phase")
    days_total: Number | None = Field(description="the agreement's length in days, if it ends")
    starts_at: Instant | None = Field(description="the first phase's start")
    ends_at: Instant | None = Field(description="the end after every extension so far")
    ended_by: str | None = Field(description="the `ceasefire_end` event, once it has ended one")
    phases: list[Phase] = Field(description="every phase of the spec, in order")
    obligations: list[Obligation] = Field(description="one per verdict")
    extensions: list[Extension] = Field(description="one per extension or renewal term")
    breaches: list[Breach] = Field(description="one per breach event")
    breaches_by_party: dict[str, dict[str, int]] = Field(
        description="breach counts by party (`unknown` if unnamed), then by status"
    )
    disputes: list[Dispute] = Field(
        description="one per event whose figures disagree, then one per event whose dates do"
    )
    explanations: list[Explanation | DisputeExplanation] = Field(
        description="per obligation, extension term, breach and dispute, in that order"
    )
    warnings: list[str] = Field(
        description="what the clocks could not apply as written: caps applied, conditional "
        "continuations, extension claims on a phase with no end"
    )
    counts: RecordCounts = Field(description="the size of the record")
    out_of_range: list[str] = Field(description="ids of claims whose date no clock can place")
    unchecked: list[str] = Field(description="ids of live claims the agreement does not declare")
    spec_version: int = Field(description="the version of the spec that judged")
    judged_by: JudgedBy = Field(description="which version judged, and from when")

    @classmethod
    def of(cls, answer: dict[str, Any]) -> StatusAnswer:
        """The engine's answer, checked against the contract (a missing or unknown key fails).

        Thousands of rows at 100k claims: the cycle collector would otherwise stop to scan
        the engine's millions of live objects while they are built (3x the time, measured)."""
        with paused_gc():
            return cls.model_validate(answer)

    def as_data(self) -> dict[str, Any]:
        """Plain JSON data, key for key and figure for figure what the engine's dict holds."""
        with paused_gc():
            return self.model_dump(mode="json", by_alias=True)

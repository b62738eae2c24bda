"""What the engine concludes, each conclusion with its reasons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from truce.domain.claims import Claim
from truce.domain.engine.events import Event
from truce.domain.engine.index import claims_total

MAX_LISTED = 25  # claims named per verdict; the count says how many more stand behind it


def as_number(value: float) -> float | int:
    """A figure as output shows it: whole numbers as ints, others to three decimals."""
    return int(value) if float(value).is_integer() else round(value, 3)


class Status:
    MET = "met"
    UNMET = "unmet"
    NO_RECORD = "no_record"  # the period is over and nothing at all was recorded for it
    IN_PROGRESS = "in_progress"
    UPCOMING = "upcoming"
    INACTIVE = "inactive"
    VIOLATED = "violated"
    # Loosely dated claims may fall on either side of the deadline (or of `--at`): counted
    # they would meet the term, left out they would not. See docs/status.md.
    UNDETERMINED = "undetermined"
    FAILED = "failed"  # a gate whose required term can no longer be met


@dataclass
class Explanation:
    """Why a verdict is what it is: the clause, a sentence, and the evidence."""

    clause: str | None
    text: str
    # Evidence is gathered only when shown: alternative readings never need it.
    evidence: Sequence[Event] | Callable[[], Sequence[Event]] = field(default_factory=list)

    @property
    def events(self) -> Sequence[Event]:
        return self.evidence() if callable(self.evidence) else self.evidence

    def as_dict(self, for_id: str) -> dict[str, Any]:
        events = self.events
        claims: Sequence[Claim]
        if type(events) is list and len(events) == 1:  # a breach's own event, thousands of times
            claims = events[0].claims
            total = len(claims)
        else:
            listed: list[Claim] = []
            for event in events:
                listed.extend(event.claims)
                if len(listed) >= MAX_LISTED:
                    break
            claims, total = listed, claims_total(events)
        sources: list[str] = []
        for claim in claims[:MAX_LISTED]:
            for source in claim.sources:
                label = source.label()
                if label not in sources:
                    sources.append(label)
        return {
            "for": for_id,
            "clause": self.clause,
            "text": self.text,
            "claims": [c.id for c in claims[:MAX_LISTED]],
            "claims_total": total,
            "sources": sources,
        }


@dataclass
class Verdict:
    """One obligation instance: a term over one period (a day, a week, the whole phase)."""

    id: str
    term: str
    kind: str
    party: str | None
    subject: str | None
    status: str
    explanation: Explanation
    period: str | None = None
    starts_at: float | None = None
    ends_at: float | None = None
    due: float | None = None
    delivered: float | None = None
    met_at: float | None = None
    limit: float | None = None  # a ceiling rather than a debt (a pool's size)
    # The delivered (or owed) figure by sub-count (`breakdown`), built only when shown.
    parts: Callable[[], list[dict[str, Any]]] | None = None

    @property
    def balance(self) -> float | None:
        if self.due is None or self.delivered is None:
            return None
        return self.delivered - self.due


@dataclass
class ExtensionVerdict:
    """An extension rule, what was announced under it and whether the rule earned it."""

    term: str
    phase: str
    announced_days: float
    earned_days: float
    cap_days: int | None
    condition_met: bool | None
    days: list[dict[str, Any]]
    explanation: Explanation


@dataclass
class BreachVerdict:
    event: Event
    party: str | None
    clause_term: str | None
    within_agreement: bool
    explanation: Explanation

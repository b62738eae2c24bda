"""Claims: one source's report of one event, as the ledger stores them and the engine reads them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from truce.domain.readings import Qualifier


class EventType(StrEnum):
    """The built-in event types, available in every agreement. A spec may declare more
    (`provisions`), so a claim's `type` is any type id: one of these members, or plain text."""

    RELEASE = "release"
    CEASEFIRE_START = "ceasefire_start"
    CEASEFIRE_EXTENSION = "ceasefire_extension"
    CEASEFIRE_END = "ceasefire_end"
    BREACH = "breach"
    MEETING = "meeting"
    CASUALTY_CLAIM = "casualty_claim"
    AID_DELIVERY = "aid_delivery"
    AGREEMENT_TERM = "agreement_term"
    STATEMENT = "statement"
    # Added beyond the original contract: Minsk-style pull-backs and stage handovers.
    WITHDRAWAL = "withdrawal"


class ClaimStatus(StrEnum):
    """Where a claim stands in the monitors' verification workflow."""

    ALLEGED = "alleged"
    REPORTED = "reported"
    UNDER_INVESTIGATION = "under_investigation"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    RETRACTED = "retracted"


class DatePrecision(StrEnum):
    """How exactly a claim's date is known (ACLED keeps day, week and month)."""

    EXACT = "exact"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


# Higher wins when claims about one event disagree and one reading must lead.
STATUS_WEIGHT: dict[ClaimStatus, int] = {
    ClaimStatus.CONFIRMED: 4,
    ClaimStatus.REPORTED: 3,
    ClaimStatus.UNDER_INVESTIGATION: 2,
    ClaimStatus.ALLEGED: 2,
    ClaimStatus.DISPUTED: 1,
    ClaimStatus.RETRACTED: 0,
}

RELIABILITY_GRADES = "ABCDEF"
CREDIBILITY_GRADES = "123456"


def check_reliability(grade: str) -> str:
    """An Admiralty grade: source reliability A-F then information credibility 1-6, e.g. `B2`."""
    grade = grade.strip().upper()
    if len(grade) != 2 or grade[0] not in RELIABILITY_GRADES or grade[1] not in CREDIBILITY_GRADES:
        raise ValueError(
            f"reliability {grade!r} is not an Admiralty grade: write a letter A-F (source "
            "reliability) then a digit 1-6 (information credibility), e.g. B2"
        )
    return grade


@dataclass(frozen=True, slots=True)
class Source:
    """Who reported a claim: the outlet, and the speaker it quotes if any."""

    outlet: str | None = None
    url: str | None = None
    speaker: str | None = None
    role: str | None = None
    anonymous: bool = False
    via: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "url": self.url,
            "speaker": self.speaker,
            "role": self.role,
            "anonymous": self.anonymous,
            "via": self.via,
        }

    def label(self) -> str:
        who = "unnamed source" if self.anonymous else (self.speaker or "")
        parts = [p for p in (who, self.role) if p]
        head = ", ".join(parts)
        if self.via:
            head = f"{head} via {self.via}" if head else self.via
        if self.outlet and self.outlet != self.via:
            head = f"{head} ({self.outlet})" if head else self.outlet
        return head or "unknown source"


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's report of one event. Immutable: corrections are new claims that supersede."""

    id: str
    agreement: str
    type: str  # an `EventType` member for a built-in type, else a provision the spec declares
    date: datetime
    date_precision: DatePrecision = DatePrecision.EXACT
    event_id: str | None = None
    actor: str | None = None
    target: str | None = None
    quantity: int | None = None
    subject: str | None = None
    categories: tuple[str, ...] = ()
    status: ClaimStatus = ClaimStatus.REPORTED
    sources: tuple[Source, ...] = ()
    quote: str | None = None
    reliability: str | None = None
    location: str | None = None
    supersedes: str | None = None
    notes: str | None = None
    recorded_by: str | None = None
    phase: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # How `quantity` was put ("at least 10"); see `domain.readings`. Last, so older code that
    # builds claims by position still lines up.
    qualifier: Qualifier = Qualifier.EXACT
    # Sub-counts of `quantity` by category ("30, including 15 women and 15 minors"), as
    # (category, count) pairs sorted by category (`parts_of`); empty when the source gives none.
    parts: tuple[tuple[str, int], ...] = ()

    @property
    def group(self) -> str:
        """The event this claim is about: its `event_id`, or itself when it names none."""
        return self.event_id or self.id

    @property
    def effective_at(self) -> datetime:
        """The instant by which the event had surely happened, given the date's precision."""
        return self.date + precision_span(self.date_precision, self.date)

    def payload(self) -> dict[str, Any]:
        """The claim's content as plain JSON-able data, without its id."""
        data: dict[str, Any] = {
            "agreement": self.agreement,
            "type": str(self.type),
            "date": self.date.isoformat(),
            "date_precision": self.date_precision.value,
            "event_id": self.event_id,
            "actor": self.actor,
            "target": self.target,
            "quantity": self.quantity,
            "subject": self.subject,
            "categories": list(self.categories),
            "status": self.status.value,
            "sources": [s.as_dict() for s in self.sources],
            "quote": self.quote,
            "reliability": self.reliability,
            "location": self.location,
            "supersedes": self.supersedes,
            "notes": self.notes,
            "phase": self.phase,
        }
        if self.extra:
            data["extra"] = self.extra
        # Only when not exact: an exact claim's payload, and so its id, is what it always was.
        if self.qualifier is not Qualifier.EXACT:
            data["qualifier"] = self.qualifier.value
        # Only when given, for the same reason: a claim without sub-counts keeps its id.
        if self.parts:
            data["parts"] = dict(self.parts)
        return data

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.payload(), "recorded_by": self.recorded_by}


def parts_of(mapping: dict[str, int] | Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Sub-counts as a claim holds them: (category, count) pairs sorted by category, so the same
    parts written in any order are the same claim."""
    items = mapping.items() if isinstance(mapping, dict) else mapping
    return tuple(sorted((str(k), int(v)) for k, v in items))


def parts_total(parts: tuple[tuple[str, int], ...]) -> int:
    return sum(n for _, n in parts)


def precision_span(precision: DatePrecision, start: datetime) -> timedelta:
    """Length of the window a date of this precision stands for; zero when exact."""
    if precision is DatePrecision.EXACT:
        return timedelta(0)
    if precision is DatePrecision.DAY:
        return timedelta(days=1)
    if precision is DatePrecision.WEEK:
        return timedelta(days=7)
    # A month-precision date starts on the 1st; the window runs to the 1st of the next month.
    nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - start


def claim_id_for(payload: dict[str, Any]) -> str:
    """A content-derived id, so the same claim gets the same id in every ledger."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "c" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:15]

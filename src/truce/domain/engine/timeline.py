"""The record of an agreement in clock order, one row per event, disputes kept side by side."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from truce.domain.bounds import date_range_text
from truce.domain.claim_checks import unchecked
from truce.domain.claims import Claim
from truce.domain.engine.clock import Reckoner, local_instant
from truce.domain.engine.events import Event, reduce_claims
from truce.domain.spec import AgreementSpec


def timeline(
    spec: AgreementSpec, claims: Iterable[Claim], at: datetime | None = None
) -> list[dict[str, Any]]:
    """Every live event with its agreement day (when the first phase has a fixed start).

    With `at`, the record as it stood at that instant: only events that had surely happened by
    then (a loosely dated event once its whole date window is over), as the engine counts them.
    """
    book = reduce_claims(c for c in claims if c.agreement == spec.id)
    cutoff = at.timestamp() if at is not None else None
    row = EventRow(spec)
    rows = [row(event) for event in book.events if cutoff is None or event.known_at <= cutoff]
    if cutoff is not None:
        return rows  # a claim the clock cannot place cannot be placed before an instant either
    return rows + [out_of_range_row(claim) for claim in book.out_of_range]


class EventRow:
    """One event as a timeline row, with its agreement day as the first phase counts days."""

    def __init__(self, spec: AgreementSpec) -> None:
        self.spec = spec
        first = spec.phases[0].start.at
        self.origin = local_instant(first, spec.zone) if first is not None else None
        # Agreement days as the first phase counts them (elapsed or calendar days).
        self.days = Reckoner((spec.phases[0].clock or spec.clock) == "calendar", spec.zone)

    def __call__(self, event: Event) -> dict[str, Any]:
        day = self.days.day_of(self.origin, event.at) if self.origin is not None else None
        return {
            "event_id": event.id,
            "date": event.date.isoformat(),
            "date_precision": event.precision.value,
            "local_date": datetime.fromtimestamp(event.at, self.spec.zone).date().isoformat(),
            "day": day,
            "type": str(event.type),
            "actor": event.actor,
            "target": event.target,
            "subject": event.subject,
            "categories": sorted(event.categories),
            "quantity": event.quantity,
            # The leading claim's sub-counts of `quantity` (category -> count; {} when none).
            "parts": dict(event.parts),
            "readings": [r.quantity for r in event.readings] if event.disputed else [],
            "status": event.status.value,
            "claims": event.claim_ids,
            "sources": sorted({s.label() for c in event.claims for s in c.sources}),
            "quote": next((c.quote for c in event.claims if c.quote), None),
            "flags": [f"unchecked: {p}" for c in event.claims for p in unchecked(c)],
        }


def out_of_range_row(claim: Claim) -> dict[str, Any]:
    """A row for a claim the clock cannot place: shown, never counted."""
    return {
        "event_id": claim.group,
        "date": claim.date.isoformat(),
        "date_precision": claim.date_precision.value,
        "local_date": claim.date.date().isoformat(),  # as written: no clock can place it
        "day": None,
        "type": str(claim.type),
        "actor": claim.actor,
        "target": claim.target,
        "subject": claim.subject,
        "categories": sorted(claim.categories),
        "quantity": claim.quantity,
        "parts": dict(claim.parts),
        "readings": [],
        "status": claim.status.value,
        "claims": [claim.id],
        "sources": sorted({s.label() for s in claim.sources}),
        "quote": claim.quote,
        "flags": [f"date outside {date_range_text()}: not counted"]
        + [f"unchecked: {p}" for p in unchecked(claim)],
    }

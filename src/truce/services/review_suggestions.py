"""The recorded events a queued candidate may belong to, so a reviewer attaches it to one of
them rather than recording the same event twice (the review page and
`GET /api/review/{id}/suggestions`)."""

from __future__ import annotations

from typing import Any

from truce.domain.candidate import CandidateRecord, nearest_whole
from truce.domain.claim_input import parse_claim_date
from truce.domain.spec import AgreementSpec
from truce.domain.suggest import Seen, Wanted, suggestions
from truce.storage.ledger import Ledger
from truce.storage.review_rows import QueuedCandidate, ReviewQueue
from truce.storage.suggest import claims_near


def wanted_of(record: CandidateRecord, spec: AgreementSpec) -> Wanted | None:
    """What the candidate's events are matched on; None when it has no day to look on."""
    when = record.date or record.document_meta.get("published")
    if not when:
        return None
    try:
        day = parse_claim_date(str(when), spec.zone)[0].astimezone(spec.zone).date()
    except ValueError:
        return None
    value = record.quantity
    if value is None and record.quantities:
        value = record.quantities[0].value
    figure = None if value is None else nearest_whole(value)
    return Wanted(record.type, record.actor, record.target, day, figure)


def suggested(
    ledger: Ledger, queued: QueuedCandidate, spec: AgreementSpec | None = None
) -> list[dict[str, Any]]:
    """The best few events for `queued`, each with its claims, day, figures and the reasons it
    matched; `current` marks the event the candidate is already filed under."""
    spec = spec or ledger.agreement(queued.agreement)[0]
    wanted = wanted_of(queued.record, spec)
    if wanted is None:
        return []
    rows = claims_near(ledger.engine, spec.id, wanted.type, wanted.actor, wanted.day,
                       wanted.figure)  # fmt: skip
    seen = [Seen(r.id, r.event_id, parse_claim_date(r.date, spec.zone)[0], r.actor, r.target,
                 r.quantity) for r in rows]  # fmt: skip
    own = queued.payload.get("event_id")
    return [
        s.as_dict() | {"current": s.event_id == own} for s in suggestions(wanted, seen, spec.zone)
    ]


def suggested_for(ledger: Ledger, candidate_id: str) -> list[dict[str, Any]]:
    return suggested(ledger, ReviewQueue(ledger.engine).get(candidate_id))

"""The events already queued or recorded near a batch's events, read from the ledger in bulk,
for the merge's rule (`batch.known`) to tell which events are one."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from truce.batch.known import Known, KnownEvent, Recorded, Shape, matched_precision
from truce.domain.mention import block, slot, window
from truce.storage.ledger import Ledger
from truce.storage.queued import queued_readings, recorded_claims


def load_known(ledger: Ledger, agreement: str, zone: ZoneInfo, shapes: Iterable[Shape]) -> Known:
    """The known events of every slot of `shapes`, fetched in bulk."""
    shapes = [s for s in shapes if s.day is not None]
    known = Known()
    wanted = {s for sh in shapes for s in sh.slots()}
    for row in queued_readings(ledger.engine, agreement, wanted):
        if row.event_id is None or row.day is None or row.status == "accepted":
            continue  # an accepted candidate is read as its claim
        day = date.fromisoformat(row.day)
        event = KnownEvent(row.event_id, day, matched_precision(row.date_precision), row.unit,
                           set(json.loads(row.categories)), False)  # fmt: skip
        reading = Recorded(row.figure, row.qualifier, "candidate", row.candidate_id)
        known.add(row.slot, event, reading)
    spans: dict[str, tuple[date, date]] = {}
    for sh in shapes:
        assert sh.day is not None
        last = window(sh.day, sh.precision)[-1]
        first, end = spans.get(sh.key[0], (sh.day, last))
        spans[sh.key[0]] = (min(first, sh.day), max(end, last))
    for claim in recorded_claims(ledger.engine, agreement, spans):
        extra = json.loads(claim.extra) if claim.extra else {}
        modality = extra.get("modality") if isinstance(extra, dict) else None
        key = block(claim.type, modality, claim.actor, claim.target)
        day = datetime.fromisoformat(claim.date).astimezone(zone).date()
        where = slot(key, day)
        if where not in wanted:
            continue
        event = KnownEvent(claim.event_id or claim.id, day, matched_precision(claim.date_precision),
                           claim.subject, set(json.loads(claim.categories)), True)  # fmt: skip
        figure = None if claim.quantity is None else float(claim.quantity)
        known.add(where, event, Recorded(figure, claim.qualifier or "exact", "claim", claim.id))
    return known

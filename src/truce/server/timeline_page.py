"""A page of an agreement's timeline from the event frame: only the page's events are built
from their claims (`ColumnIndex.events_at`, the engine's own way), in the frame's clock order,
the same order and rows as the full timeline (`domain.engine.timeline`), which a test holds."""

from __future__ import annotations

import math
from typing import Any

from truce import services
from truce.domain.engine.columns import ColumnIndex
from truce.domain.engine.timeline import EventRow, out_of_range_row
from truce.services.ledger import Ledger


def timeline_page(
    ledger: Ledger, agreement: str, at: str | None, offset: int, limit: int
) -> list[dict[str, Any]]:
    """Rows offset .. offset+limit-1 of `services.agreement_timeline(ledger, agreement, at)`."""
    spec, _ = ledger.agreement(agreement)
    cutoff = services.parse_instant(at, spec.zone).timestamp() if at else math.inf
    frame, fetch = ledger.frame(agreement)
    index = ColumnIndex(frame, fetch, cutoff)
    positions = index.known[offset : offset + limit].tolist()
    row = EventRow(spec)
    rows = [row(event) for event in index.events_at(positions)]
    if at is None and offset + limit > len(index.known):  # past the events: the unplaced claims
        # The frame names them (in id order, as the full timeline lists them): only the page's
        # are read, where the whole timeline was built for them (5 s at 100k claims).
        start = max(0, offset - len(index.known))
        wanted = frame.out_of_range[start : start + limit - len(rows)]
        rows += [out_of_range_row(ledger.claim(claim_id)) for claim_id in wanted]
    return rows

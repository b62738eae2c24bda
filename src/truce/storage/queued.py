"""The review queue's one record of what it holds, by mention (`domain.mention`): which mentions
are already queued, the rows that say so, and the queued and recorded readings of the events a
run may extend, fetched by slot in bulk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, and_, select

from truce.domain.mention import block, slot
from truce.storage.tables import candidates, claims, queued_mentions

CHUNK = 500  # values in one IN (...): well under every back end's limit on bound parameters

Mention = tuple[str, str]  # (document content hash, candidate fingerprint)


def queued_already(conn: Connection, agreement: str, mentions: Iterable[Mention]) -> set[Mention]:
    """Which of these mentions the queue already holds for this agreement."""
    wanted = set(mentions)
    found: set[Mention] = set()
    for hashes in _chunks(sorted({h for h, _ in wanted})):
        query = select(queued_mentions.c.document_hash, queued_mentions.c.mention).where(
            queued_mentions.c.agreement == agreement, queued_mentions.c.document_hash.in_(hashes)
        )
        found.update((h, m) for h, m in conn.execute(query) if (h, m) in wanted)
    return found


def mention_rows(
    agreement: str,
    candidate_id: str,
    payload: dict[str, Any],
    published: str | None,
    mentions: Iterable[Mention],
) -> list[dict[str, Any]]:
    """The rows recording that `mentions` went into queue candidate `candidate_id`, each with the
    slot and figure its event is found by."""
    own = payload.get("date")
    when = (own or published or "")[:10] or None  # an exact time's day, as the text wrote it
    figure, how = _figure(payload)
    key = block(payload["type"], payload.get("modality"), payload.get("actor"),
                payload.get("target"))  # fmt: skip
    event = {
        "agreement": agreement,
        "candidate_id": candidate_id,
        "event_id": payload.get("event_id"),
        "slot": slot(key, date.fromisoformat(when)) if when else None,
        "day": when,
        # A candidate dated by its document's publication is of that day.
        "date_precision": (payload.get("date_precision") or "day") if own else "day",
        "unit": _unit(payload),
        "categories": json.dumps(sorted(payload.get("categories") or [])),
        "figure": figure,
        "qualifier": how,
    }
    return [{**event, "document_hash": h, "mention": m} for h, m in mentions]


def queued_readings(engine: Engine, agreement: str, slots: Iterable[str]) -> list[Any]:
    """The queued readings in these slots whose candidate was not rejected: one row per queue
    candidate (event_id, day, date_precision, unit, categories, figure, qualifier, candidate_id,
    status, slot)."""
    m, c = queued_mentions.c, candidates.c
    columns = (m.slot, m.event_id, m.day, m.date_precision, m.unit, m.categories, m.figure,
               m.qualifier, m.candidate_id, c.status)  # fmt: skip
    rows: dict[str, Any] = {}
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(slots))):
            query = (
                select(*columns)
                .join(candidates, c.id == m.candidate_id)
                .where(m.agreement == agreement, m.slot.in_(chunk), c.status != "rejected")
            )
            for row in conn.execute(query):
                rows.setdefault(row.candidate_id, row)
    return list(rows.values())


def recorded_claims(
    engine: Engine, agreement: str, spans: dict[str, tuple[date, date]]
) -> list[Any]:
    """The agreement's claims of each type dated within its span (days, inclusive, widened by
    one each side for time zones): the caller picks the actor, target and local day."""
    c = claims.c
    columns = (c.id, c.event_id, c.type, c.date, c.date_precision, c.actor, c.target,
               c.quantity, c.qualifier, c.subject, c.categories, c.extra)  # fmt: skip
    found: list[Any] = []
    with engine.connect() as conn:
        for kind, (first, last) in sorted(spans.items()):
            low = date.fromordinal(first.toordinal() - 1).isoformat()
            high = date.fromordinal(last.toordinal() + 2).isoformat()
            query = select(*columns).where(
                and_(c.agreement == agreement, c.type == kind, c.date >= low, c.date < high)
            )
            found.extend(conn.execute(query))
    return found


def _figure(payload: dict[str, Any]) -> tuple[float | None, str | None]:
    if payload.get("quantity") is not None:
        return float(payload["quantity"]), payload.get("qualifier") or "exact"
    for quantity in payload.get("quantities") or ():
        return float(quantity["value"]), quantity.get("qualifier") or "exact"
    return None, None


def _unit(payload: dict[str, Any]) -> str | None:
    for quantity in payload.get("quantities") or ():
        return quantity.get("unit")  # type: ignore[no-any-return]
    return payload.get("subject")


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]

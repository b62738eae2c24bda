"""An event's row from the mentions merged into it: its readings, each a figure with its
sources, the figure independent outlets back best leading (the lowest among equals, as ACLED
does: `domain.leading`), and whether the figures dispute.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from truce.domain.event_codes import codes_for
from truce.domain.leading import Backing, grade_points, leader, source_key
from truce.domain.readings import disputed as readings_dispute

if TYPE_CHECKING:
    from truce.batch.merge import Mention


def event_row(
    members: list[Mention], when: date | None, precision: str | None, unit: str | None
) -> dict[str, Any]:
    lead = members[0]
    by_figure: dict[float | None, list[Mention]] = {}
    for mention in members:
        by_figure.setdefault(mention.figure, []).append(mention)
    figures = sorted(f for f in by_figure if f is not None)
    order: list[float | None] = [*figures, None] if None in by_figure else list(figures)
    readings = [_reading(f, by_figure[f]) for f in order]
    categories = sorted({c for m in members for c in m.categories})
    identity = [lead.type, lead.modality, lead.actor, lead.target, unit,
                when.isoformat() if when else lead.candidate, precision, categories,
                figures[0] if figures else None]  # fmt: skip
    digest = hashlib.sha1(json.dumps(identity, default=str).encode("utf-8")).hexdigest()
    return {
        "event_id": f"ev-{digest[:16]}",
        "type": lead.type,
        "modality": lead.modality,
        "date": when,
        "date_precision": precision,
        "actor": lead.actor,
        "target": lead.target,
        "unit": unit,
        "categories": categories,
        "figure": leading(members),
        "disputed": disputed(members),
        "reports": len({m.report for m in members}),
        "copies": len({m.document for m in members if m.original is not None}),
        "mentions": len(members),
        "readings": readings,
        "confidence": max((m.confidence for m in members if m.confidence is not None),
                          default=None),
        **dict(zip(("plover", "cameo"), codes_for(lead.type), strict=True)),
    }  # fmt: skip


def _reading(figure: float | None, mentions: list[Mention]) -> dict[str, Any]:
    ordered = sorted(mentions, key=lambda m: (m.source.get("published") or date.max,
                                              m.document, m.candidate))  # fmt: skip
    return {
        "figure": figure,
        "reports": len({m.report for m in mentions}),
        "sources": [
            {
                **m.source,
                "document": m.document,
                "candidate": m.candidate,
                "qualifier": m.qualifier,
                "copy_of": m.original,
            }  # fmt: skip
            for m in ordered
        ],
    }


def disputed(mentions: Iterable[Mention]) -> bool:
    """Whether the figures cannot all be true at once (`domain.readings.disputed`)."""
    return readings_dispute((m.figure, m.qualifier) for m in mentions)


def leading(mentions: list[Mention]) -> float | None:
    """The event's leading figure (`domain.leading`). A copy counts as the outlet of the report
    it copies when that report is in the event, and two reports of one outlet count once.
    Candidates carry no verification status or grade, so every mention weighs alike."""
    outlet = {m.document: source_key([m.source], m.document) for m in mentions}
    ungraded = grade_points(None)
    return leader(
        [
            Backing(m.figure, m.qualifier, outlet.get(m.report, outlet[m.document]), 0, ungraded)
            for m in mentions
            if m.figure is not None
        ]
    )

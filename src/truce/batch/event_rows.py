"""An event's row from the mentions merged into it: its readings, each a figure with its
sources, the most conservative figure leading (as ACLED does), and whether the figures dispute.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from truce.batch.merge import Mention

_WIDE = {"about": (0.8, 1.2), "nearly": (0.8, 1.0), "up_to": (0.0, 1.0)}


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
        "figure": figures[0] if figures else None,
        "disputed": disputed(members),
        "reports": len({m.report for m in members}),
        "copies": len({m.document for m in members if m.original is not None}),
        "mentions": len(members),
        "readings": readings,
    }


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


def interval(figure: float, qualifier: str | None) -> tuple[float, float]:
    """The values a figure with its qualifier allows: "at least 10" is [10, inf)."""
    if qualifier in ("at_least", "more_than", "over"):
        return (figure + (0 if qualifier == "at_least" else 1e-9), float("inf"))
    low, high = _WIDE.get(qualifier or "exact", (1.0, 1.0))
    return (figure * low, figure * high)


def disputed(mentions: Iterable[Mention]) -> bool:
    """Whether the figures cannot all be true at once: no value lies in every interval."""
    low, high = float("-inf"), float("inf")
    for mention in mentions:
        if mention.figure is None:
            continue
        a, b = interval(mention.figure, mention.qualifier)
        low, high = max(low, a), min(high, b)
    return low > high

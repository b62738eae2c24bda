"""Where each phase was to end, and where each announced extension moved the end: the chart's
end lines, each with its date and the claims that announced it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any


def end_moves(status: dict[str, Any]) -> list[dict[str, Any]]:
    """Per phase with a known end: the agreed end, then one move per extension announced (in
    the order announced, as far as the phase's extended days go). `day` is the last agreement
    day before the end."""
    start = status.get("starts_at")
    if not start:
        return []
    origin = datetime.fromisoformat(start)
    moves: list[dict[str, Any]] = []
    for phase in status.get("phases") or []:
        base = phase.get("base_ends_at")
        if not base:
            continue
        agreed = datetime.fromisoformat(base)
        moves.append(_move(origin, phase["id"], agreed, 0, None, []))
        room = int(phase.get("extended_days") or 0)
        announcements = sorted(
            (a for e in status.get("extensions") or [] if e.get("phase") == phase["id"]
             for a in e.get("announcements") or []),
            key=lambda a: a["date"],
        )  # fmt: skip
        added = 0
        for a in announcements:
            days = min(int(a.get("days") or 0), room - added)
            if days <= 0:
                continue
            added += days
            moves.append(_move(origin, phase["id"], agreed + timedelta(days=added), days,
                               a["date"], list(a.get("claims") or [])))  # fmt: skip
    return moves


def _move(
    origin: datetime, phase: str, ends: datetime, added: int, announced: str | None,
    claims: list[str],
) -> dict[str, Any]:  # fmt: skip
    day = -(-(ends - origin) // timedelta(days=1))  # the day that ends there
    return {"phase": phase, "day": day, "ends_at": ends.isoformat(), "added": added,
            "announced": announced, "claims": claims}  # fmt: skip

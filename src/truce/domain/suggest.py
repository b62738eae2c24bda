"""Which recorded events a review candidate may be one with, and why: the same type (always, by
the query that found them), the same actor and target, the same local day or the next one over,
the same or a close figure. Pure: the storage layer finds the claims, this ranks their events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

SHOWN = 5  # events a reviewer is offered


@dataclass(frozen=True)
class Wanted:
    """What of a candidate its events are matched on."""

    type: str
    actor: str | None
    target: str | None
    day: date
    figure: int | None


@dataclass(frozen=True)
class Seen:
    """One recorded claim near the candidate."""

    id: str
    event_id: str | None
    when: datetime
    actor: str | None
    target: str | None
    quantity: int | None


@dataclass(frozen=True)
class Suggestion:
    event_id: str
    claims: tuple[str, ...]
    day: date
    actor: str | None
    figures: tuple[int, ...]
    reasons: tuple[str, ...]
    score: int

    def as_dict(self) -> dict[str, object]:
        return {"event_id": self.event_id, "claims": list(self.claims),
                "day": self.day.isoformat(), "actor": self.actor, "figures": list(self.figures),
                "reasons": list(self.reasons), "score": self.score}  # fmt: skip


def close(a: int, b: int) -> bool:
    """Within a factor of two, as the batch merge joins figures of one event."""
    return a > 0 and b > 0 and max(a, b) <= 2 * min(a, b)


def why(wanted: Wanted, seen: Seen, zone: ZoneInfo) -> tuple[int, tuple[str, ...]]:
    """How well `seen` matches (0 when it cannot be the same event) and the reasons, in words."""
    reasons = [f"same type ({wanted.type})"]
    score = 0
    if wanted.actor is not None:
        if seen.actor != wanted.actor:
            return 0, ()
        reasons.append(f"same actor ({wanted.actor})")
        score += 3
    if wanted.target is not None and seen.target == wanted.target:
        reasons.append(f"same target ({wanted.target})")
        score += 1
    day = seen.when.astimezone(zone).date()
    apart = abs((day - wanted.day).days)
    if apart > 1:
        return 0, ()
    reasons.append(f"same day ({day})" if apart == 0 else f"the day {_side(day, wanted.day)}")
    score += 3 if apart == 0 else 1
    if wanted.figure is not None and seen.quantity is not None:
        if seen.quantity == wanted.figure:
            reasons.append(f"same figure ({seen.quantity})")
            score += 3
        elif close(seen.quantity, wanted.figure):
            reasons.append(f"close figure ({seen.quantity} against {wanted.figure})")
            score += 1
        else:
            return 0, ()
    return score, tuple(reasons)


def suggestions(wanted: Wanted, recorded: Iterable[Seen], zone: ZoneInfo) -> list[Suggestion]:
    """The best `SHOWN` events among `recorded`, best first (ties by event id); an event's
    reasons are those of its best-matching claim."""
    best: dict[str, tuple[int, tuple[str, ...], Seen]] = {}
    members: dict[str, list[Seen]] = {}
    for seen in recorded:
        event = seen.event_id or seen.id
        score, reasons = why(wanted, seen, zone)
        if score == 0:
            continue
        members.setdefault(event, []).append(seen)
        if event not in best or score > best[event][0]:
            best[event] = (score, reasons, seen)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:SHOWN]
    return [
        Suggestion(
            event,
            tuple(sorted(s.id for s in members[event])),
            seen.when.astimezone(zone).date(),
            seen.actor,
            tuple(sorted({s.quantity for s in members[event] if s.quantity is not None})),
            reasons,
            score,
        )  # fmt: skip
        for event, (score, reasons, seen) in ranked
    ]


def _side(day: date, wanted: date) -> str:
    return f"after ({day})" if day > wanted else f"before ({day})"

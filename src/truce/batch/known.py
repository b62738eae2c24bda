"""Events a run extends: the events already queued for review or recorded in the ledger that a
new event (a merged event of a batch, or a candidate of `truce ingest`) is one with, by the
in-run merge's rule (`merge.fits`): the same type, modality, actor and target; the same local
day (a week or month event joins the one day-event of its window, else the events of its own
window); categories not disjoint; a figure of the same unit within a factor of two.

Known events are looked up by slot (`domain.mention.slot`), in bulk for many new events, by
`services.known_events.load_known`: the queued readings of those slots in one keyed query per
500 slots, and the recorded claims of each type within the days the new events span (an index
on agreement, type and date). Nothing reads an agreement's whole record. This module holds the
rule alone and reads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from truce.batch.merge import fits
from truce.domain.mention import FINE, block, slot, window
from truce.domain.readings import disputed


@dataclass(frozen=True)
class Recorded:
    """One reading of a known event: queued (`candidate`, pending) or recorded (`claim`)."""

    figure: float | None
    qualifier: str | None
    kind: str  # candidate | claim
    id: str

    def as_dict(self) -> dict[str, Any]:
        figure = self.figure
        value = int(figure) if figure is not None and float(figure).is_integer() else figure
        return {"figure": value, "qualifier": self.qualifier or "exact", self.kind: self.id}


@dataclass
class KnownEvent:
    event_id: str
    day: date
    precision: str  # day, week or month
    unit: str | None
    categories: set[str]
    loose_unit: bool  # a claim names a subject, not a unit: "hostages" matches "hostages"
    readings: list[Recorded] = field(default_factory=list)

    @property
    def figures(self) -> set[float]:
        return {r.figure for r in self.readings if r.figure is not None}

    @property
    def smallest(self) -> float | None:
        return min(self.figures, default=None)

    def takes(self, shape: Shape) -> bool:
        unit = self.unit
        if self.loose_unit and (unit is None or shape.unit is None or unit in shape.unit
                                or shape.unit in unit):  # fmt: skip
            unit = shape.unit
        if shape.smallest is not None and self.smallest is None:
            return False
        return fits(self.categories, unit, self.smallest, True, shape.categories,
                    shape.smallest, shape.unit)  # fmt: skip


@dataclass(frozen=True)
class Shape:
    """What matching needs of a new event."""

    key: tuple[str, ...]  # domain.mention.block
    day: date | None  # local day (a week's or month's first)
    precision: str
    unit: str | None
    categories: tuple[str, ...]
    figures: tuple[float, ...]

    @property
    def smallest(self) -> float | None:
        return min(self.figures, default=None)

    def slots(self) -> list[str]:
        if self.day is None:
            return []
        return [slot(self.key, d) for d in window(self.day, self.precision)]


def shape(
    type_: str,
    modality: str | None,
    actor: str | None,
    target: str | None,
    day: date | None,
    precision: str | None,
    unit: str | None,
    categories: Iterable[str],
    figures: Iterable[float | None],
) -> Shape:
    fine = precision in (None, *FINE)
    return Shape(block(type_, modality, actor, target), day, "day" if fine else str(precision),
                 unit, tuple(sorted(categories)),
                 tuple(sorted(f for f in figures if f is not None)))  # fmt: skip


class Known:
    """The known events of some slots."""

    def __init__(self) -> None:
        self._slots: dict[str, dict[str, KnownEvent]] = {}

    def add(self, where: str, event: KnownEvent, reading: Recorded) -> None:
        """`reading` of `event`, found in slot `where`."""
        events = self._slots.setdefault(where, {})
        known = events.setdefault(event.event_id, event)
        known.categories |= event.categories
        if known.unit is None:
            known.unit = event.unit
        known.readings.append(reading)

    def match(self, new: Shape) -> KnownEvent | None:
        """The known event `new` is one with, or None: as the in-run merge would place it."""
        if new.day is None:
            return None
        if new.precision == "day":
            pool = [e for e in self._at(slot(new.key, new.day)) if e.precision == "day"]
        else:
            days = window(new.day, new.precision)
            inside = [e for d in days for e in self._at(slot(new.key, d))
                      if e.precision == "day" and e.takes(new)]  # fmt: skip
            if len(inside) == 1:
                return inside[0]
            pool = [e for e in self._at(slot(new.key, new.day)) if e.precision == new.precision]
        if new.smallest is None:
            if len(pool) == 1 and pool[0].takes(new):
                return pool[0]
            return next((e for e in pool if e.smallest is None), None)
        figures = set(new.figures)
        fitting = [e for e in pool if e.takes(new)]
        return min(fitting, default=None, key=lambda e: (not figures & e.figures,
                   abs((e.smallest or 0.0) - (new.smallest or 0.0)), e.event_id))  # fmt: skip

    def _at(self, key: str) -> list[KnownEvent]:
        return sorted(self._slots.get(key, {}).values(), key=lambda e: e.event_id)


def match_record(
    event: KnownEvent | None, readings: Iterable[tuple[float | None, str | None]]
) -> dict[str, Any] | None:
    """What a queued candidate carries of the known event it extends: its id, its readings and
    whether the new readings and the recorded ones cannot all be true at once."""
    if event is None:
        return None
    recorded = [(r.figure, r.qualifier) for r in event.readings]
    return {
        "event_id": event.event_id,
        "recorded": [r.as_dict() for r in event.readings],
        "disputed": disputed([*recorded, *readings]),
    }


def matched_precision(precision: str | None) -> str:
    return "day" if precision in (None, *FINE) else str(precision)


def payload_shape(payload: dict[str, Any], published: str | None) -> Shape:
    """The shape of one queued candidate (the `truce extract` JSON): a candidate without a date
    of its own takes its document's publication date, as acceptance does."""
    when = (payload.get("date") or published or "")[:10]  # an exact time's day as written
    figures = payload.get("quantities") or []
    return shape(payload["type"], payload.get("modality"), payload.get("actor"),
                 payload.get("target"), date.fromisoformat(when) if when else None,
                 payload.get("date_precision") if payload.get("date") else "day",
                 figures[0].get("unit") if figures else None, payload.get("categories") or (),
                 [float(figures[0]["value"])] if figures else [])  # fmt: skip

"""The agreement page's day table read from the engine's event frame — the columns status is
computed from (`storage.snapshot`) — instead of a timeline of every event built from every claim.

Events are grouped in bulk by (day, type, actor, subject, categories, parts, disputed); each group
is one row for `views.day_table` carrying its event count and summed leading figure, so a million
claims make a few hundred rows. `views.day_table` on the full timeline stays the reference; a
test holds the two equal.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np

from truce.domain.engine.clock import Reckoner, local_instant
from truce.domain.engine.frame import EventFrame
from truce.domain.spec import AgreementSpec


def frame_rows(spec: AgreementSpec, frame: EventFrame, at: datetime) -> list[dict[str, Any]]:
    """Rows for `day_table`: the events that had surely happened by `at`, grouped by day."""
    first = spec.phases[0].start.at
    if first is None or not len(frame):
        return []  # no fixed start: no agreement days (the timeline's rows have none either)
    origin = local_instant(first, spec.zone)
    reckoner = Reckoner((spec.phases[0].clock or spec.clock) == "calendar", spec.zone)
    kept = np.flatnonzero(np.asarray(frame.known_at) <= at.timestamp())
    instants = np.asarray(frame.at)[kept]
    if reckoner.calendar:
        days = calendar_days(reckoner, origin, instants)
    else:
        days = ((instants - origin) // 86400).astype(np.int64) + 1
    started = days >= 1
    chosen = kept[started]
    columns = [days[started]] + [
        np.asarray(c)[chosen].astype(np.int64)
        for c in (frame.type, frame.actor, frame.subject, frame.categories, frame.parts,
                  frame.disputed)
    ]  # fmt: skip
    figures = np.where(
        np.asarray(frame.has_quantity)[chosen], np.asarray(frame.quantity)[chosen], 0
    )
    if not len(chosen):
        return []
    _, leaders, which, counts = np.unique(
        packed(columns), return_index=True, return_inverse=True, return_counts=True
    )
    groups = zip(*(column[leaders].tolist() for column in columns), strict=True)
    sums = np.bincount(which.ravel(), weights=figures, minlength=len(leaders))

    def name(values: list[str], code: int) -> str | None:
        return None if code < 0 else values[code]

    return [
        {"day": int(day), "local_date": None, "type": frame.types[kind],
         "actor": name(frame.actors, actor), "subject": name(frame.subjects, subject),
         "categories": list(frame.category_sets[cats]) if cats >= 0 else [],
         "parts": dict(frame.part_sets[parts]) if parts >= 0 else {},
         "quantity": int(total), "readings": [1] if disputed else [], "count": int(n)}
        for (day, kind, actor, subject, cats, parts, disputed), total, n in zip(
            groups, sums.tolist(), counts.tolist(), strict=True)
    ]  # fmt: skip


def calendar_days(reckoner: Reckoner, origin: float, instants: np.ndarray) -> np.ndarray:
    """`reckoner.day_of(origin, t)` on a calendar clock for every instant, in bulk: a local date
    is the day count of the instant plus its zone's offset, and the offset is looked up once
    per hour of the record (a million events fall in a few hundred hours). An hour whose offset
    changes before its end (a clock change) is reckoned instant by instant."""
    if not len(instants):
        return np.zeros(0, dtype=np.int64)
    hours = np.floor_divide(instants, 3600.0).astype(np.int64)
    unique, which = np.unique(hours, return_inverse=True)
    which = which.ravel()

    def offset(t: float) -> float:
        found = datetime.fromtimestamp(t, reckoner.zone).utcoffset() or timedelta(0)
        return found.total_seconds()

    begins = np.array([offset(float(h) * 3600.0) for h in unique.tolist()])
    ends = np.array([offset(float(h) * 3600.0 + 3600.0) for h in unique.tolist()])
    first = (origin + offset(origin)) // 86400
    days: np.ndarray = (np.floor_divide(instants + begins[which], 86400.0) - first + 1).astype(
        np.int64
    )
    for i in np.flatnonzero((begins != ends)[which]).tolist():
        days[i] = reckoner.day_of(origin, float(instants[i]))
    return days


def packed(columns: list[np.ndarray]) -> np.ndarray:
    """Each row of small codes (non-negative, or -1 for none) as one integer in mixed radix, so
    sorting the integers sorts the rows (`np.unique` on rows sorts byte strings: 7.7 s for
    570,000 events, against a few hundredths for their integers)."""
    shifted = [column + 1 for column in columns]  # -1 (no actor, subject...) becomes 0
    radices = [int(column.max()) + 1 for column in shifted]
    if float(np.prod(np.array(radices, dtype=np.float64))) >= 2.0**62:
        raise OverflowError("too many distinct codes to pack")  # far beyond any record's
    value = np.zeros(len(columns[0]), dtype=np.int64)
    for column, radix in zip(shifted, radices, strict=True):
        value = value * radix + column
    return value

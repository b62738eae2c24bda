"""An `EventFrame` with one event moved to another instant: how the column path judges an event
at another of its disputed dates (`columns.ColumnIndex.with_date`), without copying its keys."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from truce.domain.engine.claim_columns import Ints
from truce.domain.engine.frame import EventFrame
from truce.domain.engine.splice import PickedKeys  # keys read in another order, not copied

# Per-event columns, in clock order: what moving an event reorders.
_PER_EVENT = (
    "at", "known_at", "type", "actor", "subject", "categories", "quantity", "has_quantity",
    "disputed", "date_disputed", "parts",
)  # fmt: skip


def moved(frame: EventFrame, position: int, at: float, known_at: float) -> tuple[EventFrame, Ints]:
    """The frame with the event at `position` placed at another instant (one of its disputed
    dates): the same events, clock order kept (by instant, then id); and for each of its
    positions, the event's position in `frame`."""
    n = len(frame)
    rest = np.delete(np.arange(n, dtype=np.int64), position)
    instants = frame.at[rest]
    lo, hi = np.searchsorted(instants, at, "left"), np.searchsorted(instants, at, "right")
    key = frame.keys[position]
    place = int(lo) + sum(1 for i in range(int(lo), int(hi)) if frame.keys[int(rest[i])] < key)
    order = np.insert(rest, place, position)
    columns = {name: getattr(frame, name)[order] for name in _PER_EVENT}
    columns["at"][place], columns["known_at"][place] = at, known_at
    sizes = np.diff(frame.starts)[order]
    starts = np.r_[0, np.cumsum(sizes)].astype(np.int64)
    offsets = np.arange(int(starts[-1])) - np.repeat(starts[:-1], sizes)
    members = frame.members[np.repeat(frame.starts[:-1][order], sizes) + offsets]
    keys = PickedKeys(frame.keys, (), order)
    return replace(frame, keys=keys, starts=starts, members=members, **columns), order

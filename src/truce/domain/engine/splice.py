"""Regrouping only the events that new claims touch: the previous `EventFrame` with some events
taken out and the same events, regrouped from their claims old and new, put back in clock order.

Claims are appended, never changed, so a claim recorded later can change only the events whose
group it joins (its event id, else its own id) and the event of a claim it supersedes. The
caller (the ledger's snapshot) finds those events, regroups their claims with
`frame.reduce_columns` and gives both parts here:

- `before`: the touched events' claims as they stood (the targets known then), regrouped;
- `after`: the same claims and the new ones, with every target known now, regrouped.

The spliced frame is the frame `reduce_columns` gives over every claim; tests compare the two
whole, and the status answers built from them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar, overload

import numpy as np

from truce.domain.engine.claim_columns import NONE, Ints
from truce.domain.engine.frame import EventFrame


class PickedKeys(Sequence[str]):
    """Event ids picked from two lists: position i reads `old[source[i]]` where `source[i]`
    is 0 or more, else `new[-1 - source[i]]`."""

    def __init__(self, old: Sequence[str], new: Sequence[str], source: Ints) -> None:
        self.old, self.new, self.source = old, new, source

    def __len__(self) -> int:
        return len(self.source)

    @overload
    def __getitem__(self, item: int) -> str: ...

    @overload
    def __getitem__(self, item: slice) -> list[str]: ...

    def __getitem__(self, item: int | slice) -> str | list[str]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        at = int(self.source[item])
        return self.old[at] if at >= 0 else self.new[-1 - at]


@dataclass(frozen=True)
class Splice:
    frame: EventFrame
    # Where each event of `frame` comes from: a position in the old frame (0 or more), else
    # -1 - its position in `after`.
    source: Ints


def splice(
    old: EventFrame,
    dropped: Ints,
    before: EventFrame,
    after: EventFrame,
    rows: Ints,
    claims: int,
) -> Splice:
    """`old` without its events at `dropped` (those `before` regrouped), with `after`'s events
    in their place; `rows[r]` is the claim row (in the whole record) of `after`'s row r, and
    `claims` the number of claims in the whole record now."""
    # A mask, not `np.setdiff1d`: that sorts (or hashes) every position, a second at 1M events.
    keep = np.ones(len(old), dtype=bool)
    keep[dropped] = False
    kept = np.flatnonzero(keep).astype(np.int64)
    actors, subjects, types = list(old.actors), list(old.subjects), list(old.types)
    category_sets = list(old.category_sets)
    kind = _recode(after.type, after.types, types)
    actor = _recode(after.actor, after.actors, actors)
    subject = _recode(after.subject, after.subjects, subjects)
    categories = _recode(after.categories, after.category_sets, category_sets)
    part_sets = list(old.part_sets)
    parts = _recode(after.parts, after.part_sets, part_sets)

    # Both are in clock order (instant, then event id): merge by finding each new event's place.
    kept_at = old.at[kept]
    places = np.empty(len(after), dtype=np.int64)
    for j in range(len(after)):
        instant = after.at[j]
        lo = int(np.searchsorted(kept_at, instant, "left"))
        hi = int(np.searchsorted(kept_at, instant, "right"))
        tied = [old.keys[int(p)] for p in kept[lo:hi].tolist()]  # same instant: by id
        places[j] = lo + bisect_right(tied, after.keys[j])
    source = np.insert(kept, places, -1 - np.arange(len(after), dtype=np.int64))
    from_old = source >= 0
    at_old = np.where(from_old, source, 0)
    at_new = np.where(from_old, 0, -1 - source)

    def pick(old_values: np.ndarray, new_values: np.ndarray) -> np.ndarray:
        if len(new_values) == 0:
            return old_values[at_old] if len(old_values) else old_values[:0]
        if len(old_values) == 0:
            return new_values[at_new]
        return np.where(from_old, old_values[at_old], new_values[at_new])

    sizes = pick(np.diff(old.starts), np.diff(after.starts))
    starts = np.r_[0, np.cumsum(sizes)].astype(np.int64)
    # Members: from the old frame's list, or `after`'s mapped to whole-record rows, one pool.
    pool = np.concatenate([old.members, rows[after.members]]).astype(np.int64)
    first = pick(old.starts[:-1], after.starts[:-1] + len(old.members))
    offsets = np.arange(int(starts[-1])) - np.repeat(starts[:-1], sizes)
    members = pool[np.repeat(first, sizes) + offsets]
    frame = EventFrame(
        keys=PickedKeys(old.keys, after.keys, source),
        at=pick(old.at, after.at),
        known_at=pick(old.known_at, after.known_at),
        type=pick(old.type, kind),
        actor=pick(old.actor, actor),
        subject=pick(old.subject, subject),
        categories=pick(old.categories, categories),
        parts=pick(old.parts, parts),
        quantity=pick(old.quantity, after.quantity),
        has_quantity=pick(old.has_quantity, after.has_quantity),
        disputed=pick(old.disputed, after.disputed),
        date_disputed=pick(old.date_disputed, after.date_disputed),
        starts=starts,
        members=members,
        actors=actors,
        subjects=subjects,
        category_sets=category_sets,
        part_sets=part_sets,
        types=types,
        claims=claims,
        superseded=old.superseded - before.superseded + after.superseded,
        retracted=old.retracted - before.retracted + after.retracted,
        out_of_range=_swap(old.out_of_range, before.out_of_range, after.out_of_range),
        unchecked=_swap(old.unchecked, before.unchecked, after.unchecked),
    )
    return Splice(frame, source)


T = TypeVar("T")


def _recode(codes: Ints, values: Sequence[T], into: list[T]) -> Ints:
    """Codes into `values` as codes into `into`, appending the values `into` lacks."""
    index = {v: i for i, v in enumerate(into)}
    table = []
    for value in values:
        if value not in index:
            index[value] = len(into)
            into.append(value)
        table.append(index[value])
    lookup = np.array([*table, NONE], dtype=np.int64)  # NONE (-1) reads the last: NONE
    recoded: Ints = lookup[codes]
    return recoded


def _swap(whole: tuple[str, ...], out: tuple[str, ...], into: tuple[str, ...]) -> tuple[str, ...]:
    """A sorted list of claim ids, with the part's old ids replaced by its new ones."""
    if not out and not into:
        return whole
    return tuple(sorted((set(whole) - set(out)) | set(into)))

"""Breach rows another judgment of the same record rendered, reused row by row.

A judgment at a new instant (day 4 of an agreement nobody asked about before) lists every
breach event known by then. The status "now" on the same record listed each of them already
(an event known at day 4 is known now), and a row reads only its event and the clause that
covers it (`answer._breaches`): the spec, the event's claims, and which prohibitions' windows
hold the event. So where the block "now" (`kept.Memory.other`) was read from the same spec and
breach events (its key, whatever the looseness of the record at either instant), an event's row
is that block's wherever every prohibition whose window moved between the two judgments holds
the event, or straddles it, alike under both windows (`_alike`); the other events' rows are
rendered afresh. The answer is the same, row for row; only building the rows is saved (a
quarter of a new instant's judgment at a million claims).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from truce.domain.engine.events import Event
from truce.domain.engine.horizon import Instant
from truce.domain.engine.kept import Block, Memory, Window
from truce.domain.engine.prohibitions import straddles

Edges = tuple[float | None, float | None]


@dataclass
class SharedRows:
    """Another judgment's rows and explanations, by event id, and the windows that moved."""

    rows: list[dict[str, Any]]
    explanations: list[dict[str, Any]]
    by_id: dict[str, int]
    moved: list[tuple[Edges, Edges]]  # (this judgment's window, the other's), where they differ

    def row(self, event: Event) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The other judgment's row and explanation for `event`, when they read the same here."""
        at = self.by_id.get(event.id)
        if at is None:
            return None
        for mine, theirs in self.moved:
            if _reads(event, mine) != _reads(event, theirs):
                return None
        return self.rows[at], self.explanations[at]


def shared_rows(memory: Memory | None, windows: Sequence[Window], at: float) -> SharedRows | None:
    """The rows of `memory.other` to reuse under `windows` (every prohibition's, in the spec's
    order), for a judgment at an explicit instant `at`; None when there are none to reuse. The
    block's key was checked against this judgment's by the caller (`status.assess`)."""
    if memory is None or memory.other is None or isinstance(at, Instant):
        return None
    block = memory.other.decoded()
    if block is None or block.windows is None or len(block.windows) != len(windows):
        return None
    if len(block.rows) != len(block.explanations) or not block.rows:
        return None
    moved = []
    for mine, theirs in zip(windows, block.windows, strict=True):
        here, there = _plain(mine), _plain(theirs)
        if here != there:
            moved.append((here, there))
    return SharedRows(block.rows, block.explanations, _by_id(block), moved)


def _by_id(block: Block) -> dict[str, int]:
    """Each row's position by its event id, the row's explanation being for that very event;
    worked out once per block (a status "now" serves every instant asked after it)."""
    found = block.row_index
    if found is None or found[0] is not block.rows:
        index = {}
        for at, (row, told) in enumerate(zip(block.rows, block.explanations, strict=True)):
            event = row.get("event_id") if isinstance(row, dict) else None
            if isinstance(told, dict) and told.get("for") == f"breach/{event}":
                index[str(event)] = at
        found = block.row_index = (block.rows, index)
    return found[1]


def _plain(window: Window) -> Edges:
    """A window's edges as plain numbers (never a followed instant's: comparing one would note
    an edge in the other judgment's horizon)."""
    start, end = window
    return (None if start is None else float(start), None if end is None else float(end))


def _reads(event: Event, window: Edges) -> tuple[bool, bool]:
    """What `prohibitions.covering` and `answer._breaches` read of a window for `event`: whether
    it is in force at the event, and whether the event straddles it."""
    start, end = window
    if start is None:
        return False, False
    loose = straddles(event, start, end)
    return (start <= event.at and (end is None or event.at < end)) or loose, loose

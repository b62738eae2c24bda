"""After an append, the snapshot's events regrouped where the new claims touch them, not all.

A new claim touches the event it joins (its event id, else its own id) and, when it supersedes a
claim recorded before, that claim's event. Those events' claims (read from the snapshot's claims
table by row) and the new claims are regrouped by `frame.reduce_columns`, once with the targets
known before the append and once with every target known now, and spliced into the previous
frame (`domain.engine.splice`). Everything else (a million claims, most of the events) is reused
as it lies in the snapshot's files.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from truce.domain.engine.claim_columns import Ints
from truce.domain.engine.frame import EventFrame, reduce_columns
from truce.domain.engine.splice import splice
from truce.storage.columnar import ArrowStrings, claim_columns


def regroup(frame: EventFrame, keys: pa.Array, parts: list[pa.Table], new: pa.Table) -> EventFrame:
    """The frame over the claims in `parts` (the snapshot's, in row order) and `new` after them,
    with `keys` the frame's event ids as an Arrow array."""
    before_targets = set().union(*(targets(p) for p in parts))
    now_targets = before_targets | targets(new)
    fresh = now_targets - before_targets
    replaced = _rows_with_ids(parts, fresh) if fresh else np.zeros(0, dtype=np.int64)
    touched = group_keys(new) | group_keys(take(parts, replaced))
    found = pc.is_in(keys, value_set=pa.array(sorted(touched), pa.string()))
    dropped = np.flatnonzero(found.to_numpy(zero_copy_only=False)).astype(np.int64)
    starts = frame.starts
    members = [frame.members[starts[d] : starts[d + 1]] for d in dropped.tolist()]
    rows = np.unique(np.concatenate([*members, replaced, np.zeros(0, dtype=np.int64)]))
    old = plain(take(parts, rows))
    columns = claim_columns(old)
    before = reduce_columns(dataclasses.replace(columns, targets=before_targets))
    both = pa.concat_tables([old, plain(new.select(old.column_names))])
    columns = claim_columns(both)
    after = reduce_columns(dataclasses.replace(columns, targets=now_targets))
    total = sum(p.num_rows for p in parts)
    every = np.concatenate([rows, total + np.arange(new.num_rows, dtype=np.int64)])
    spliced = splice(frame, dropped, before, after, every, total + new.num_rows)
    source = spliced.source
    pool = pa.concat_arrays([keys, pa.array(list(after.keys), pa.string())])
    order = np.where(source >= 0, source, len(keys) - 1 - source)
    return dataclasses.replace(spliced.frame, keys=ArrowStrings(pool.take(pa.array(order))))


def targets(table: pa.Table) -> set[str]:
    """The claim ids that claims of `table` supersede."""
    column = table["supersedes"]
    return set(pc.unique(pc.drop_null(column.combine_chunks().cast(pa.string()))).to_pylist()) - {
        ""
    }


def group_keys(table: pa.Table) -> set[str]:
    """The event each claim of `table` is about: its event id, else (none, or "") its own id."""
    events = table["event_id"].combine_chunks().cast(pa.string())
    named = pc.if_else(pc.fill_null(pc.equal(events, ""), False), None, events)
    return set(pc.unique(pc.coalesce(named, table["id"].combine_chunks())).to_pylist())


def take(parts: list[pa.Table], rows: Ints) -> pa.Table:
    """Rows of the parts read as one table (rows ascending), each part's dictionaries kept."""
    taken, offset = [], 0
    for part in parts:
        mine = rows[(rows >= offset) & (rows < offset + part.num_rows)] - offset
        taken.append(part.take(pa.array(mine, pa.int64())))
        offset += part.num_rows
    return pa.concat_tables(taken, promote_options="permissive")


def plain(table: pa.Table) -> pa.Table:
    """Dictionary columns as plain ones: a few rows taken from a million keep the whole
    dictionary (every distinct source list, say), which `claim_columns` would read."""
    columns = {}
    for name in table.column_names:
        column = table[name]
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        columns[name] = column
    return pa.table(columns)


def _rows_with_ids(parts: list[pa.Table], ids: set[str]) -> Ints:
    wanted = pa.array(sorted(ids), pa.string())
    found, offset = [], 0
    for part in parts:
        hits = pc.is_in(part["id"], value_set=wanted)
        found.append(np.flatnonzero(hits.to_numpy()) + offset)
        offset += part.num_rows
    return np.concatenate(found).astype(np.int64)

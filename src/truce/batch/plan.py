"""The merge's buckets: every block (type, modality, actor, target) cut in time where no week or
month window crosses, and the pieces packed, in order, into buckets of about `rows` candidates;
each bucket read by its task in slices of about `rows`, a month of a block at least.

A block is merged in date order, and a week or month mention can only join a day inside its own
window. So a date that no such window straddles cuts the block into parts that merge exactly as
the whole block does (merge.py settles everything before the cut before it reads past it): the
same events, each made of the same mentions in the same order. The pieces are the shortest runs
of days such cuts allow; a bucket holds whole pieces, several when they are small, and one piece
larger than `rows` (months that week and month mentions bind together) alone. Such a bucket is
not held whole: its task streams it through one merge a slice at a time, so what a task holds is
a slice (months, cut at month starts), the days the merge keeps pending, and no more. Candidates
without any date come last in their block, after its last piece, so they join its last slice.

The plan is built from counts of candidates per block, date and precision, summed part by part:
its size grows with the blocks and days of the corpus, not with its candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from truce.batch.merge import window_end

NULL = "\x00"  # stands for a missing actor or target in a block's key
SEPARATOR = "\x1f"
_EPOCH = date(1970, 1, 1)
_LAST = 2**31 - 1  # the day of a candidate without a date: after every piece of its block
_COUNTED = ["block_key", "effective", "precision"]


def block_keys(table: Any) -> Any:
    """One string per candidate naming its block, missing actors and targets spelled NULL."""
    actor = pc.fill_null(table.column("actor"), NULL)
    target = pc.fill_null(table.column("target"), NULL)
    return pc.binary_join_element_wise(
        table.column("type"), table.column("modality"), actor, target, SEPARATOR
    )


def counts(table: Any) -> Any:
    """Candidates per block, effective date and precision, from a table with `block_key`,
    `date`, `date_precision` and `effective` (its own date, else its document's)."""
    own = pc.is_valid(table.column("date"))
    precision = pc.if_else(own, table.column("date_precision"), pa.scalar("day"))
    grouped = pa.table(
        {
            "block_key": table.column("block_key"),
            "effective": table.column("effective"),
            "precision": precision,
            "n": pa.array(np.ones(table.num_rows, dtype=np.int64)),
        }
    )
    return add_counts([grouped])


def add_counts(tables: Iterable[Any]) -> Any:
    return (
        pa.concat_tables(list(tables))
        .group_by(_COUNTED)
        .aggregate([("n", "sum")])
        .rename_columns([*_COUNTED, "n"])
    )


@dataclass(frozen=True)
class Plan:
    blocks: Any  # Arrow string array: block keys in merge order, a row's block by its index
    starts: Any  # int64 NumPy: (block index << 32 | first day of each chunk), sorted
    slices: Any  # int64 NumPy: the slice of each chunk
    buckets: Any  # int64 NumPy: the bucket of each slice
    sizes: list[int]  # candidates per bucket

    def slice_of(self, keys: Any, effective: Any) -> Any:
        """The slice of each candidate, from its block key and effective date."""
        block = pc.index_in(keys, value_set=self.blocks).to_numpy(zero_copy_only=False)
        days = pc.fill_null(pc.cast(effective, pa.int32()), _LAST).to_numpy(zero_copy_only=False)
        wanted = (block.astype(np.int64) << 32) | (days.astype(np.int64) + 2**31)
        return self.slices[np.searchsorted(self.starts, wanted, side="right") - 1]

    def slices_of(self, bucket: int) -> list[int]:
        return [int(s) for s in np.flatnonzero(self.buckets == bucket)]


def make_plan(counted: Any, rows: int) -> Plan:
    """Pieces of every block packed into buckets of at most `rows` candidates (a bigger piece
    is a bucket of its own), and each bucket's months into slices of at most `rows` (a bigger
    month of one block is a slice of its own)."""
    by_block: dict[str, list[tuple[date | None, str | None, int]]] = {}
    for key, effective, precision, n in zip(*(counted.column(c).to_pylist() for c in
                                              [*_COUNTED, "n"]), strict=True):  # fmt: skip
        by_block.setdefault(key, []).append((effective, precision, n))
    order = sorted(by_block, key=_merge_order)
    starts: list[int] = []
    slices: list[int] = []
    buckets: list[int] = []  # of each slice
    slice_sizes: list[int] = []
    sizes: list[int] = []
    for index, key in enumerate(order):
        for n, chunks in enumerate(_pieces(by_block[key])):
            size = sum(count for _, count in chunks)
            if not sizes or (sizes[-1] and sizes[-1] + size > rows):
                sizes.append(0)
            sizes[-1] += size
            for c, (first, count) in enumerate(chunks):
                full = slice_sizes and slice_sizes[-1] and slice_sizes[-1] + count > rows
                if not buckets or buckets[-1] != len(sizes) - 1 or full:
                    buckets.append(len(sizes) - 1)
                    slice_sizes.append(0)
                slice_sizes[-1] += count
                day = 0 if n == c == 0 else (first - _EPOCH).days + 2**31
                starts.append(index << 32 | day)
                slices.append(len(slice_sizes) - 1)
    arrays = [np.array(found, dtype=np.int64) for found in (starts, slices, buckets)]
    return Plan(pa.array(order, pa.string()), arrays[0], arrays[1], arrays[2], sizes)


def _merge_order(key: str) -> tuple[Any, ...]:
    # The order in which Arrow sorts a bucket: by type, modality, actor, target, missing last.
    kind, modality, actor, target = key.split(SEPARATOR)
    return (kind, modality, actor == NULL, actor, target == NULL, target)


def _pieces(spans: list[tuple[date | None, str | None, int]]) -> list[list[tuple[date, int]]]:
    """The pieces of one block, each as its chunks: (first day, candidates) of each month it
    covers. A new piece starts at a date that no earlier window reaches past. Undated
    candidates join the last chunk."""
    pieces: list[list[tuple[date, int]]] = []
    reach: date | None = None
    dated = sorted((s for s in spans if s[0] is not None), key=lambda s: (s[0], s[1] or ""))
    for effective, precision, n in dated:
        assert effective is not None
        if reach is None or effective >= reach:
            pieces.append([])
        chunks = pieces[-1]
        if not chunks or chunks[-1][0].replace(day=1) != effective.replace(day=1):
            chunks.append((effective, 0))
        chunks[-1] = (chunks[-1][0], chunks[-1][1] + n)
        end = window_end(effective, precision)
        reach = end if reach is None else max(reach, end)
    undated = sum(n for effective, _, n in spans if effective is None)
    if undated:
        if not pieces:
            pieces.append([(date.min + timedelta(days=1), 0)])
        last = pieces[-1]
        last[-1] = (last[-1][0], last[-1][1] + undated)
    return pieces

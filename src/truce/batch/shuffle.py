"""The driver's side of the merge: the candidates counted for the plan, then shuffled into
slices of buckets, one candidate part at a time, so the driver holds one part at a time
whatever the size of the corpus.

Each part is read twice: once for the counts the plan needs (plan.py), once to give each
candidate what the merge needs of its document (name, copy, outlet, URL, effective date) and
its slice. Each part is then written as one temporary Arrow IPC file whose record batches are
its slices, in order; a bucket's task reads a slice as the batches of every part that has rows
in it, so no file is ever open per bucket.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.documents import Documents
from truce.batch.plan import Plan, add_counts, block_keys, counts, make_plan

CANDIDATE_COLUMNS = ["partition", "position", "number", "id", "type", "modality", "date",
                     "date_precision", "actor", "target", "categories", "figure", "qualifier",
                     "unit", "speaker", "role", "anonymous", "via", "quote",
                     "confidence"]  # fmt: skip
_PLANNED = ["partition", "position", "type", "modality", "actor", "target", "date",
            "date_precision"]  # fmt: skip
_DOCUMENT = ["key", "copy_of", "outlet", "url", "effective"]
_COMPACT = 64  # parts whose counts are summed before they are added to the total


def plan_buckets(parts: list[Path], documents: Documents, rows: int) -> Plan:
    """The plan from every candidate part, read a part at a time."""
    total: list[Any] = []
    pending: list[Any] = []
    for part in parts:
        table = pq.read_table(part, columns=_PLANNED)
        table = _with_effective(table, documents)
        pending.append(counts(table.append_column("block_key", block_keys(table))))
        if len(pending) == _COMPACT:
            total, pending = [add_counts(total + pending)], []
    return make_plan(add_counts(total + pending), rows)


def _with_effective(table: Any, documents: Documents) -> Any:
    rows = documents.rows(table.column("partition").to_numpy(), table.column("position").to_numpy())
    published = pc.take(documents.column("effective"), pa.array(rows))
    effective = pc.coalesce(table.column("date"), published)
    return table.append_column("row", pa.array(rows)).append_column("effective", effective)


@dataclass
class Shuffled:
    """The slices on disk: for each slice, the (file, batch) pairs that hold its rows."""

    folder: Path
    plan: Plan
    pieces: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    def bucket(self, bucket: int) -> list[list[tuple[str, int]]]:
        """Where each slice of a bucket is, in merge order: what its task reads."""
        return [self.pieces.get(s, []) for s in self.plan.slices_of(bucket)]


def read_slice(pieces: list[tuple[str, int]]) -> Any:
    batches = []
    for path, index in pieces:
        with pa.OSFile(path) as source:
            batches.append(pa.ipc.open_file(source).get_batch(index))
    return pa.Table.from_batches(batches)


def shuffle(parts: list[Path], documents: Documents, plan: Plan, folder: Path) -> Shuffled:
    """Every candidate part rewritten as an IPC file of its slices, in `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shuffled = Shuffled(folder, plan)
    for number, part in enumerate(parts):
        table = _with_effective(pq.read_table(part, columns=CANDIDATE_COLUMNS), documents)
        chosen = plan.slice_of(block_keys(table), table.column("effective"))
        found = documents.table.select(_DOCUMENT).take(table.column("row"))
        for name in _DOCUMENT:
            table = table.append_column(f"document_{name}", found.column(name))
        order = np.argsort(chosen, kind="stable")
        table, chosen = table.take(pa.array(order)), chosen[order]
        if not table.num_rows:
            continue
        path = folder / f"{number:05d}.arrow"
        firsts = np.flatnonzero(np.diff(chosen, prepend=-1))
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            for index, (start, end) in enumerate(_runs(firsts, table.num_rows)):
                writer.write_batch(table.slice(start, end - start).combine_chunks().to_batches()[0])
                shuffled.pieces.setdefault(int(chosen[start]), []).append((str(path), index))
    return shuffled


def _runs(firsts: Any, count: int) -> Iterator[tuple[int, int]]:
    ends = [*firsts[1:].tolist(), count]
    yield from zip(firsts.tolist(), ends, strict=True)

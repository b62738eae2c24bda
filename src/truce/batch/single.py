"""The merge as it ran before the buckets became Dask tasks: one process shuffles the candidates
into buckets of whole blocks (a hash of type, modality, actor and target), sorts each bucket in
memory and merges it. Its memory grows with the largest block; it is kept as the reference the
distributed merge (combine.py) is tested against, and as the "before" of bench/batch.py.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.bucket import DOCUMENT_FIELDS, mention_at
from truce.batch.documents import Documents
from truce.batch.manifest import Manifest
from truce.batch.merge import Mention, merge
from truce.batch.schema import EVENTS

BUCKET_ROWS = 50_000
_CANDIDATE_COLUMNS = ["partition", "position", "number", "block", "id", "type", "modality", "date",
                      "date_precision", "actor", "target", "categories", "figure", "qualifier",
                      "unit", "speaker", "role", "anonymous", "via", "quote",
                      "confidence"]  # fmt: skip


def write_events_in_one_process(
    manifest: Manifest, documents: Documents, path: Path
) -> tuple[int, int, int]:
    """events.parquet written at `path` by one process: (events, disputed, candidates)."""
    parts = manifest.part_files("candidates")
    total = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    buckets = max(1, math.ceil(total / BUCKET_ROWS))
    published = documents.column("effective")
    temp = path.with_name(f".{path.name}.tmp")
    events = disputed = 0
    with (
        _buckets(manifest.out, parts, buckets) as tables,
        pq.ParquetWriter(temp, EVENTS, compression="zstd") as writer,
    ):
        for table in tables:
            rows: list[dict[str, Any]] = []
            for row in merge(_mentions(_sorted(table, documents, published), documents)):
                rows.append(row)
                disputed += row["disputed"]
                if len(rows) == 10_000:
                    writer.write_table(pa.Table.from_pylist(rows, EVENTS))
                    events, rows = events + len(rows), []
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, EVENTS))
                events += len(rows)
    temp.replace(path)
    return events, disputed, total


def _sorted(table: Any, documents: Documents, published: Any) -> Any:
    """A bucket's candidates in merge order: block, effective date (its own, else its
    document's publication date), then corpus order."""
    rows = documents.rows(table.column("partition").to_numpy(), table.column("position").to_numpy())
    effective = pc.coalesce(table.column("date"), pc.take(published, pa.array(rows)))
    table = table.append_column("row", pa.array(rows)).append_column("effective", effective)
    keys = ["type", "modality", "actor", "target", "effective", "row", "number"]
    return table.sort_by([(k, "ascending") for k in keys])


@contextmanager
def _buckets(out: Path, parts: list[Path], buckets: int) -> Iterator[Iterator[Any]]:
    """The candidates as tables, bucket by bucket: every part read once and its rows shuffled
    into one temporary file per bucket (a block's rows all land in one bucket)."""
    if buckets == 1:
        yield iter(
            [pa.concat_tables([pq.read_table(p, columns=_CANDIDATE_COLUMNS) for p in parts])]
        )
        return
    folder = out / ".merge.tmp"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    writers: dict[int, Any] = {}
    try:
        for part in parts:
            table = pq.read_table(part, columns=_CANDIDATE_COLUMNS)
            wide = pc.multiply(pc.cast(table.column("block"), pa.uint64()), buckets)
            index = pc.shift_right(wide, 32).to_numpy()
            for bucket in np.unique(index):
                chosen = table.filter(pa.array(index == bucket))
                writer = writers.get(int(bucket))
                if writer is None:
                    writer = writers[int(bucket)] = pq.ParquetWriter(
                        folder / f"{int(bucket):05d}.parquet", chosen.schema
                    )
                writer.write_table(chosen)
        for writer in writers.values():
            writer.close()
        names = [folder / f"{b:05d}.parquet" for b in sorted(writers)]
        writers.clear()
        yield (pq.read_table(name) for name in names)
    finally:
        for writer in writers.values():
            writer.close()
        shutil.rmtree(folder, ignore_errors=True)


def _mentions(table: Any, documents: Documents) -> Iterator[Mention]:
    """Mentions built a batch of rows at a time, so a bucket is never all Python objects."""
    for batch in table.to_batches(max_chunksize=8_192):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        d = documents.take(batch.column("row"), list(DOCUMENT_FIELDS))
        for n in range(len(c["effective"])):
            yield mention_at(c, d, n)

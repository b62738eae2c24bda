"""After every partition is done: near-duplicates across the corpus, then candidates merged into
events, written as events.parquet, duplicates.parquet and summary.json.

The merge shuffles the candidate parts into buckets of blocks (hash of type, modality, actor and
target; every part read once, each bucket a temporary file), so it holds one bucket's mentions
at a time, about `BUCKET_ROWS` (at least one whole block); documents are held as Arrow columns,
one row each (documents.py).
"""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.documents import Documents, load_documents
from truce.batch.manifest import Manifest, write_atomic
from truce.batch.merge import Mention, merge
from truce.batch.schema import DUPLICATES, EVENTS, parquet_bytes

BUCKET_ROWS = 50_000
_CANDIDATE_COLUMNS = ["partition", "position", "number", "block", "id", "type", "modality", "date",
                      "date_precision", "actor", "target", "categories", "figure", "qualifier",
                      "unit", "speaker", "role", "anonymous", "via", "quote"]  # fmt: skip


def combine(manifest: Manifest) -> dict[str, Any]:
    documents = load_documents(manifest.part_files("documents"))
    _write_duplicates(manifest, documents)
    events, disputed, mentions = _write_events(manifest, documents)
    status = documents.column("status")
    codes = pc.filter(documents.column("code"), pc.not_equal(status, "ok")).to_pylist()
    errors = Counter(c for c in codes if c is not None)
    ok = pc.sum(pc.equal(status, "ok")).as_py() or 0
    summary = {
        "partitions": len(manifest.partitions),
        "documents": len(status),
        "ok": ok,
        "errors": dict(sorted(errors.items())),
        "copies": len(documents.originals),
        "reports": ok - len(documents.originals),
        "candidates": mentions,
        "events": events,
        "disputed_events": disputed,
    }
    text = json.dumps(summary, indent=1, sort_keys=True) + "\n"
    write_atomic(manifest.out / "summary.json", text.encode("utf-8"))
    return summary


def _write_duplicates(manifest: Manifest, documents: Documents) -> None:
    copies = sorted(documents.originals.items())
    mine = documents.take([c for c, _ in copies], ["key", "source"])
    theirs = documents.take([o for _, o in copies], ["key", "source"])
    rows = [
        {
            "document": mine["key"][n],
            "source": mine["source"][n],
            "copy_of": theirs["key"][n],
            "copy_of_source": theirs["source"][n],
            "similarity": documents.similarity[copy],
        }  # fmt: skip
        for n, (copy, _) in enumerate(copies)
    ]
    write_atomic(manifest.out / "duplicates.parquet", parquet_bytes(rows, DUPLICATES))


def _write_events(manifest: Manifest, documents: Documents) -> tuple[int, int, int]:
    parts = manifest.part_files("candidates")
    total = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    buckets = max(1, math.ceil(total / BUCKET_ROWS))
    published = documents.column("effective")
    path = manifest.out / "events.parquet"
    temp = path.with_name(".events.parquet.tmp")
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
    fields = ["key", "copy_of", "outlet", "url", "effective"]
    for batch in table.to_batches(max_chunksize=8_192):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        d = documents.take(batch.column("row"), fields)
        for n, effective in enumerate(c["effective"]):
            when = c["date"][n]
            yield Mention(
                document=d["key"][n],
                candidate=c["id"][n],
                original=d["copy_of"][n],
                type=c["type"][n], modality=c["modality"][n], actor=c["actor"][n],
                target=c["target"][n],
                date=effective,
                precision=c["date_precision"][n] if when else ("day" if effective else None),
                categories=tuple(c["categories"][n] or ()),
                figure=c["figure"][n], qualifier=c["qualifier"][n], unit=c["unit"][n],
                source={"outlet": d["outlet"][n], "url": d["url"][n],
                        "published": d["effective"][n], "speaker": c["speaker"][n],
                        "role": c["role"][n], "anonymous": c["anonymous"][n], "via": c["via"][n],
                        "quote": c["quote"][n]},
            )  # fmt: skip

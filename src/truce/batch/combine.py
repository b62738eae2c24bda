"""After every partition is done: near-duplicates across the corpus, then candidates merged into
events, written as events.parquet, duplicates.parquet and summary.json.

The merge shuffles the candidate parts into buckets of blocks (hash of type, modality, actor and
target; every part read once, each bucket a temporary file), so it holds one bucket's mentions
at a time, about `BUCKET_ROWS`, however large the corpus; documents are held as a few columns,
one row each.
"""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.dedup import find_copies
from truce.batch.manifest import Manifest, write_atomic
from truce.batch.merge import Mention, merge
from truce.batch.schema import DUPLICATES, EVENTS, parquet_bytes

BUCKET_ROWS = 50_000
_DOC_COLUMNS = ["partition", "position", "document", "source", "url", "outlet", "published",
                "status", "code", "text_hash", "minhash"]  # fmt: skip
_CANDIDATE_COLUMNS = ["partition", "position", "number", "block", "id", "type", "modality", "date",
                      "date_precision", "actor", "target", "categories", "figure", "qualifier",
                      "unit", "speaker", "role", "anonymous", "via", "quote"]  # fmt: skip


@dataclass(frozen=True)
class Documents:
    """Every document of the corpus by global row, and where each partition starts."""

    offsets: dict[int, int]
    columns: dict[str, list[Any]]
    originals: dict[int, int]  # copy row -> original row

    def published(self) -> Any:
        """Each document's publication date as an Arrow array; a copy without one takes its
        original's."""
        dates = list(self.columns["published"])
        for copy, original in self.originals.items():
            if dates[copy] is None:
                dates[copy] = dates[original]
        return pa.array(dates, pa.date32())

    def rows(self, partitions: Any, positions: Any) -> Any:
        """Global rows of (partition, position) pairs, as a NumPy array."""
        starts = np.full(max(self.offsets, default=0) + 1, -1, dtype=np.int64)
        for partition, start in self.offsets.items():
            starts[partition] = start
        return starts[partitions] + positions

    def row(self, partition: int, position: int) -> int:
        return self.offsets[partition] + position

    def key(self, row: int) -> str:
        """A name unique in the corpus: the URL, or the file's path (with #N for its lines)."""
        name, source = self.columns["document"][row], self.columns["source"][row]
        if "://" in name:
            return str(name)
        return str(Path(source).with_name(name)) if source else str(name)


def combine(manifest: Manifest) -> dict[str, Any]:
    documents = _documents(manifest)
    _write_duplicates(manifest, documents)
    events, disputed, mentions = _write_events(manifest, documents)
    cols = documents.columns
    errors = Counter(c for s, c in zip(cols["status"], cols["code"], strict=True) if s != "ok")
    ok = sum(1 for s in cols["status"] if s == "ok")
    summary = {
        "partitions": len(manifest.partitions),
        "documents": len(cols["status"]),
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


def _documents(manifest: Manifest) -> Documents:
    table = pa.concat_tables(
        [pq.read_table(p, columns=_DOC_COLUMNS) for p in manifest.part_files("documents")]
    )
    columns = {name: table.column(name).to_pylist() for name in _DOC_COLUMNS}
    offsets: dict[int, int] = {}
    for row, partition in enumerate(columns["partition"]):
        offsets.setdefault(partition, row)
    copies = find_copies(columns.pop("text_hash"), columns.pop("minhash"), columns["published"])
    originals = {c.document: c.original for c in copies}
    documents = Documents(offsets, columns, originals)
    documents.columns["similarity"] = [None] * len(columns["status"])
    for copy in copies:
        documents.columns["similarity"][copy.document] = copy.similarity
    return documents


def _write_duplicates(manifest: Manifest, documents: Documents) -> None:
    cols = documents.columns
    rows = [
        {
            "document": documents.key(copy),
            "source": cols["source"][copy],
            "copy_of": documents.key(original),
            "copy_of_source": cols["source"][original],
            "similarity": cols["similarity"][copy],
        }  # fmt: skip
        for copy, original in sorted(documents.originals.items())
    ]
    write_atomic(manifest.out / "duplicates.parquet", parquet_bytes(rows, DUPLICATES))


def _write_events(manifest: Manifest, documents: Documents) -> tuple[int, int, int]:
    parts = manifest.part_files("candidates")
    total = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    buckets = max(1, math.ceil(total / BUCKET_ROWS))
    published = documents.published()
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
    cols = documents.columns
    keys: dict[int, str] = {}

    def key(row: int) -> str:
        found = keys.get(row)
        if found is None:
            found = keys[row] = documents.key(row)
        return found

    for batch in table.to_batches(max_chunksize=8_192):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        for n, row in enumerate(c["row"]):
            original = documents.originals.get(row)
            when = c["date"][n]
            effective = c["effective"][n]
            yield Mention(
                document=key(row),
                candidate=c["id"][n],
                original=key(original) if original is not None else None,
                type=c["type"][n], modality=c["modality"][n], actor=c["actor"][n],
                target=c["target"][n],
                date=effective,
                precision=c["date_precision"][n] if when else ("day" if effective else None),
                categories=tuple(c["categories"][n] or ()),
                figure=c["figure"][n], qualifier=c["qualifier"][n], unit=c["unit"][n],
                source={"outlet": cols["outlet"][row], "url": cols["url"][row],
                        "published": _published(cols, row, original),
                        "speaker": c["speaker"][n], "role": c["role"][n],
                        "anonymous": c["anonymous"][n], "via": c["via"][n],
                        "quote": c["quote"][n]},
            )  # fmt: skip


def _published(cols: dict[str, list[Any]], row: int, original: int | None) -> Any:
    published = cols["published"][row]
    if published is None and original is not None:
        return cols["published"][original]  # a repost dates like its original
    return published

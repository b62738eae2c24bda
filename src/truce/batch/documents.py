"""The corpus's documents as the merge needs them: one Arrow table row per document (name,
path, URL, outlet, dates, status), the near-duplicates among them, and lookups by global row.

Columns stay in Arrow, not Python lists: a few hundred bytes a document rather than kilobytes.
Fingerprints are read into NumPy arrays for the duplicate search and dropped after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.dedup import find_copies
from truce.batch.fingerprint import PERMUTATIONS

_COLUMNS = ["partition", "position", "document", "source", "url", "outlet", "published",
            "status", "code"]  # fmt: skip
_NO_DATE = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Documents:
    offsets: dict[int, int]  # partition -> its first global row
    table: Any  # _COLUMNS + key, copy_of, effective (publication date, a copy's from its original)
    originals: dict[int, int]  # copy row -> original row
    similarity: dict[int, float]  # copy row -> similarity to its original

    def rows(self, partitions: Any, positions: Any) -> Any:
        """Global rows of (partition, position) pairs, as a NumPy array."""
        starts = np.full(max(self.offsets, default=0) + 1, -1, dtype=np.int64)
        for partition, start in self.offsets.items():
            starts[partition] = start
        return starts[partitions] + positions

    def take(self, rows: Any, columns: list[str]) -> dict[str, list[Any]]:
        """Some columns of some rows, as Python lists."""
        indices = rows if isinstance(rows, pa.Array) else pa.array(rows, pa.int64())
        chosen = self.table.select(columns).take(indices)
        return {name: chosen.column(name).to_pylist() for name in columns}

    def column(self, name: str) -> Any:
        return self.table.column(name)


def load_documents(parts: list[Path]) -> Documents:
    table = pa.concat_tables([pq.read_table(p, columns=_COLUMNS) for p in parts])
    offsets: dict[int, int] = {}
    starts = np.flatnonzero(np.diff(table.column("partition").to_numpy(), prepend=-1))
    for start in starts:
        offsets[int(table.column("partition")[int(start)].as_py())] = int(start)
    copies = find_copies(*_fingerprints(parts, table.num_rows), _days(table))
    originals = {c.document: c.original for c in copies}
    keys = pa.concat_arrays(list(_keys(table)))
    copy_of = [None] * table.num_rows
    published = table.column("published").to_pylist()
    for copy, original in originals.items():
        copy_of[copy] = keys[original].as_py()
        if published[copy] is None:
            published[copy] = published[original]  # a repost dates like its original
    table = (
        table.append_column("key", keys)
        .append_column("copy_of", pa.array(copy_of, pa.string()))
        .append_column("effective", pa.array(published, pa.date32()))
    )
    return Documents(offsets, table, originals, {c.document: c.similarity for c in copies})


def _keys(table: Any) -> Iterator[Any]:
    """A name unique in the corpus: the URL, or the file's path (with #N for its lines)."""
    for batch in table.select(["document", "source"]).to_batches(max_chunksize=50_000):
        names, sources = batch.column(0).to_pylist(), batch.column(1).to_pylist()
        yield pa.array(
            [
                # A document that could not be read may be named by the path given, not a name.
                name
                if "://" in name or not source or Path(name).name != name
                else str(Path(source).with_name(name))
                for name, source in zip(names, sources, strict=True)
            ],
            pa.string(),
        )


def _fingerprints(parts: list[Path], count: int) -> tuple[Any, Any, Any]:
    text_keys = np.zeros(count, dtype=np.uint64)
    signatures = np.zeros((count, PERMUTATIONS), dtype=np.uint32)
    valid = np.zeros(count, dtype=bool)
    row = 0
    for part in parts:
        fingerprints = pq.read_table(part, columns=["text_hash", "minhash"])
        hashes = fingerprints.column("text_hash").to_pylist()
        for n, signature in enumerate(fingerprints.column("minhash").to_pylist()):
            if signature is not None:
                text_keys[row + n] = int(hashes[n][:16], 16)
                signatures[row + n] = np.frombuffer(signature, dtype="<u4")
                valid[row + n] = True
        row += fingerprints.num_rows
    return text_keys, signatures, valid


def _days(table: Any) -> Any:
    days = pc.cast(pc.cast(table.column("published"), pa.int32()), pa.int64())
    return pc.fill_null(days, _NO_DATE).to_numpy()


def content_hashes(parts: list[Path]) -> dict[str, str]:
    """Each read document's content hash (SHA-256 of its text) by its name in the events."""
    hashes: dict[str, str] = {}
    for part in parts:
        table = pq.read_table(part, columns=["document", "source", "content_hash", "status"])
        if table.num_rows == 0:
            continue
        for key, content, status in zip(
            pa.concat_arrays(list(_keys(table))).to_pylist(),
            table.column("content_hash").to_pylist(),
            table.column("status").to_pylist(),
            strict=True,
        ):
            if status == "ok":
                hashes[key] = content
    return hashes

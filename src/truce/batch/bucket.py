"""One bucket of the merge, the task a Dask worker runs: its candidates (with what the merge
needs of their documents) read slice by slice from the shuffle's files, each slice sorted into
merge order, all streamed through one merge, and the events written to a Parquet file beside
them. A worker holds one slice, the days the merge keeps pending and the event rows of 10,000
sources at a time, so its memory follows the slice size, not the bucket's nor the corpus's.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.memory import peak_rss
from truce.batch.merge import Mention, merge
from truce.batch.schema import EVENTS
from truce.batch.shuffle import read_slice

_ORDER = [(k, "ascending") for k in ["type", "modality", "actor", "target", "effective", "row",
                                      "number"]]  # fmt: skip
_CHUNK = 10_000  # sources of the event rows turned into Arrow at a time


@dataclass(frozen=True)
class BucketEvents:
    path: str  # the Parquet file of its events
    events: int
    disputed: int
    peak_rss: int  # of the process that merged it, bytes
    worker: str


def merge_bucket(slices: list[list[tuple[str, int]]], path: str) -> BucketEvents:
    """A bucket's events, in the order the block-by-block merge emits them, written at `path`."""
    rows: list[dict[str, Any]] = []
    events = disputed = held = 0
    with pq.ParquetWriter(path, EVENTS, compression="zstd") as writer:
        for row in merge(m for s in slices for m in _mentions(read_slice(s).sort_by(_ORDER))):
            rows.append(row)
            disputed += row["disputed"]
            held += row["mentions"]
            if held >= _CHUNK:  # counted in sources, not events: one event may have thousands
                writer.write_table(pa.Table.from_pylist(rows, EVENTS))
                events, rows, held = events + len(rows), [], 0
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, EVENTS))
    events += len(rows)
    return BucketEvents(path, events, disputed, peak_rss(), f"{socket.gethostname()}:{os.getpid()}")


def _mentions(table: Any) -> Iterator[Mention]:
    """Mentions built a batch of rows at a time, so a bucket is never all Python objects."""
    for batch in table.to_batches(max_chunksize=8_192):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        d = {field: c[f"document_{field}"] for field in DOCUMENT_FIELDS}
        for n in range(len(c["effective"])):
            yield mention_at(c, d, n)


# What a mention takes from its document: the bucket carries these as document_* columns.
DOCUMENT_FIELDS = ("key", "copy_of", "outlet", "url", "effective")


def mention_at(c: dict[str, list[Any]], d: dict[str, list[Any]], n: int) -> Mention:
    """Row `n` of candidate columns `c` with its document's columns `d`, as one mention."""
    effective = c["effective"][n]
    when = c["date"][n]
    return Mention(
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
        confidence=c["confidence"][n] if "confidence" in c else None,
    )  # fmt: skip

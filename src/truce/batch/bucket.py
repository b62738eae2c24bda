"""One bucket of the merge, the task a Dask worker runs: its candidates (with what the merge
needs of their documents) sorted into merge order and merged into events, returned as an Arrow
table. A worker holds one bucket at a time, so its memory is bounded by the bucket size.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from truce.batch.memory import peak_rss
from truce.batch.merge import Mention, merge
from truce.batch.schema import EVENTS

_ORDER = ["type", "modality", "actor", "target", "effective", "row", "number"]
_CHUNK = 10_000  # event rows turned into Arrow at a time


@dataclass(frozen=True)
class BucketEvents:
    events: Any  # Arrow table of EVENTS
    disputed: int
    peak_rss: int  # of the process that merged it, bytes
    worker: str


def merge_bucket(table: Any) -> BucketEvents:
    """A bucket's events, in the order the block-by-block merge emits them."""
    ordered = table.sort_by([(k, "ascending") for k in _ORDER])
    chunks: list[Any] = []
    rows: list[dict[str, Any]] = []
    disputed = 0
    for row in merge(_mentions(ordered)):
        rows.append(row)
        disputed += row["disputed"]
        if len(rows) == _CHUNK:
            chunks.append(pa.Table.from_pylist(rows, EVENTS))
            rows = []
    chunks.append(pa.Table.from_pylist(rows, EVENTS))
    events = pa.concat_tables(chunks).combine_chunks()
    return BucketEvents(events, disputed, peak_rss(), f"{socket.gethostname()}:{os.getpid()}")


def _mentions(table: Any) -> Iterator[Mention]:
    """Mentions built a batch of rows at a time, so a bucket is never all Python objects."""
    for batch in table.to_batches(max_chunksize=8_192):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        for n, effective in enumerate(c["effective"]):
            when = c["date"][n]
            yield Mention(
                document=c["document_key"][n],
                candidate=c["id"][n],
                original=c["document_copy_of"][n],
                type=c["type"][n], modality=c["modality"][n], actor=c["actor"][n],
                target=c["target"][n],
                date=effective,
                precision=c["date_precision"][n] if when else ("day" if effective else None),
                categories=tuple(c["categories"][n] or ()),
                figure=c["figure"][n], qualifier=c["qualifier"][n], unit=c["unit"][n],
                source={"outlet": c["document_outlet"][n], "url": c["document_url"][n],
                        "published": c["document_effective"][n], "speaker": c["speaker"][n],
                        "role": c["role"][n], "anonymous": c["anonymous"][n], "via": c["via"][n],
                        "quote": c["quote"][n]},
            )  # fmt: skip

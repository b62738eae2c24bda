"""After every partition is done: near-duplicates across the corpus, then candidates merged into
events, written as events.parquet, duplicates.parquet and summary.json.

The driver plans the buckets (plan.py: blocks cut in time, about `bucket_rows` candidates each)
and shuffles the candidate parts into their slices (shuffle.py), a part at a time, in
OUT/.buckets.tmp; each bucket is then merged by a Dask task (bucket.py) that reads its slices
from there and writes its events there, at most two tasks per worker thread in flight; the
driver copies the events in bucket order, in row groups of at most `ROW_GROUP` events and
`ROW_GROUP_SOURCES` sources whatever the bucket size, to a temporary file renamed into place:
the same corpus gives the same bytes. Without a cluster the buckets are merged in the driver,
one at a time. Documents are held as Arrow columns, one row each (documents.py).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.bucket import BucketEvents, merge_bucket
from truce.batch.documents import Documents, load_documents
from truce.batch.manifest import Manifest, write_atomic
from truce.batch.schema import DUPLICATES, EVENTS, parquet_bytes
from truce.batch.shuffle import Shuffled, plan_buckets, shuffle
from truce.errors import PartitionFailed

BUCKET_ROWS = 50_000
ROW_GROUP = 2_000  # events at most in a row group of events.parquet
ROW_GROUP_SOURCES = 20_000  # and sources at most: one event may carry thousands


@dataclass
class MergeStats:
    """What the merge reports: its buckets and the peak memory of the workers that ran them."""

    buckets: int = 0
    largest_bucket: int = 0
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes


def combine(
    manifest: Manifest,
    client: Any = None,
    *,
    bucket_rows: int = BUCKET_ROWS,
    stats: MergeStats | None = None,
) -> dict[str, Any]:
    """Copies, events and the summary of a finished run; the buckets merged on `client`'s
    cluster, or in this process when it is None."""
    documents = load_documents(manifest.part_files("documents"))
    _write_duplicates(manifest, documents)
    stats = stats if stats is not None else MergeStats()
    events, disputed, mentions = _write_events(manifest, documents, client, bucket_rows, stats)
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


def _write_events(
    manifest: Manifest, documents: Documents, client: Any, rows: int, stats: MergeStats
) -> tuple[int, int, int]:
    parts = manifest.part_files("candidates")
    plan = plan_buckets(parts, documents, rows)
    stats.buckets, stats.largest_bucket = len(plan.sizes), max(plan.sizes, default=0)
    path = manifest.out / "events.parquet"
    temp = path.with_name(".events.parquet.tmp")
    folder = manifest.out / ".buckets.tmp"
    events = disputed = 0
    try:
        shuffled = shuffle(parts, documents, plan, folder)
        with pq.ParquetWriter(temp, EVENTS, compression="zstd") as writer:
            pending: list[Any] = []
            for result in _merged(shuffled, client):
                stats.peak_rss[result.worker] = max(
                    stats.peak_rss.get(result.worker, 0), result.peak_rss
                )
                events += result.events
                disputed += result.disputed
                for batch in pq.ParquetFile(result.path).iter_batches(batch_size=200):
                    pending = _write_groups(writer, [*pending, pa.Table.from_batches([batch])])
                Path(result.path).unlink()
            if pending:
                writer.write_table(pa.concat_tables(pending).combine_chunks())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    temp.replace(path)
    return events, disputed, sum(plan.sizes)


def _write_groups(writer: Any, tables: list[Any]) -> list[Any]:
    """Write every row group that is full (ROW_GROUP events or ROW_GROUP_SOURCES sources);
    return what is left for the next ones. The cuts depend on the events alone."""
    table = pa.concat_tables(tables)
    start = events = sources = 0
    for n, mentions in enumerate(table.column("mentions").to_pylist()):
        events, sources = events + 1, sources + mentions
        if events == ROW_GROUP or sources >= ROW_GROUP_SOURCES:
            writer.write_table(table.slice(start, n + 1 - start).combine_chunks())
            start, events, sources = n + 1, 0, 0
    return [table.slice(start)] if start < table.num_rows else []


def _merged(shuffled: Shuffled, client: Any) -> Iterator[BucketEvents]:
    """Each bucket's events, in bucket order; on the cluster, a bounded number in flight."""
    buckets = range(len(shuffled.plan.sizes))
    paths = [str(shuffled.folder / f"events-{b:05d}.parquet") for b in buckets]
    if client is None:
        yield from (merge_bucket(shuffled.bucket(b), paths[b]) for b in buckets)
        return
    slots = max(1, 2 * sum(client.nthreads().values()))
    run = uuid.uuid4().hex[:12]  # task keys unique to this run on a shared cluster
    flight: deque[Any] = deque()
    for bucket in buckets:
        flight.append(client.submit(merge_bucket, shuffled.bucket(bucket), paths[bucket],
                                    key=f"truce-merge-{run}-{bucket}", pure=False))  # fmt: skip
        if len(flight) == slots:
            yield _result(flight.popleft())
    while flight:
        yield _result(flight.popleft())


def _result(future: Any) -> BucketEvents:
    try:
        result: BucketEvents = future.result()
    except Exception as error:  # a worker died or the task raised: the merge is redone
        raise PartitionFailed(f"a bucket of the merge failed: {error!r}") from None
    future.release()
    return result

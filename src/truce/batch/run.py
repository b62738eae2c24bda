"""The driver of `truce batch`: open (or resume) the output folder, run the pending partitions
on Dask, write each result as it arrives, then merge.

Dask `distributed` runs the partitions: by default a local cluster of `workers` processes with
one thread each (the pipeline is pure Python and holds the GIL), listening on 127.0.0.1 only and
with no dashboard; or an existing cluster given by its scheduler's address, the same code on a
laptop and on many machines. At most two tasks per worker thread are in flight, so the driver's
memory does not grow with the corpus. The merge's buckets then run on the same cluster.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from truce.batch.combine import BUCKET_ROWS, combine
from truce.batch.manifest import Manifest, open_manifest
from truce.batch.task import PartOutput, run_partition
from truce.errors import PartitionFailed, SchedulerUnreachable

DEFAULT_PARTITION_SIZE = 256


@dataclass(frozen=True)
class BatchOptions:
    published: date | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    partition_size: int = DEFAULT_PARTITION_SIZE

    def as_dict(self) -> dict[str, Any]:
        return {
            "published": self.published.isoformat() if self.published else None,
            "aliases": dict(sorted(self.aliases.items())),
            "partition_size": self.partition_size,
        }


@dataclass
class Progress:
    """What the driver reports after each partition."""

    total: int
    done: int = 0
    resumed: int = 0  # partitions found done from an earlier run
    documents: int = 0
    failed: int = 0
    candidates: int = 0
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # worker -> CPU time so far


@dataclass(frozen=True)
class BatchResult:
    out: Path
    progress: Progress
    summary: dict[str, Any]


def run_batch(
    paths: Iterable[str | Path],
    out: Path,
    options: BatchOptions,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    merge_rows: int = BUCKET_ROWS,
) -> BatchResult:
    """Extract the pending partitions, then merge on the same cluster in buckets of about
    `merge_rows` candidates (the merge's memory, per worker and in the driver, follows it)."""
    manifest = open_manifest(out, [str(p) for p in paths], options.as_dict())
    pending = list(manifest.pending())
    progress = Progress(total=len(manifest.partitions))
    progress.done = progress.resumed = progress.total - len(pending)
    if on_progress:
        on_progress(progress)
    with dask_client(workers, scheduler) as client:
        if pending:
            _run(client, manifest, pending, options, progress, on_progress)
        summary = combine(manifest, client, bucket_rows=merge_rows)
    return BatchResult(out, progress, summary)


@contextmanager
def dask_client(workers: int, scheduler: str | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnreachable(
                f"cannot reach the Dask scheduler {scheduler}: {exc}"
            ) from None
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # No dashboard; the scheduler's health endpoints on a free loopback port, not 8787.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def _run(
    client: Any,
    manifest: Manifest,
    pending: list[Any],
    options: BatchOptions,
    progress: Progress,
    on_progress: Callable[[Progress], None] | None,
) -> None:
    from distributed import as_completed

    published = options.as_dict()["published"]
    aliases = dict(options.aliases)
    slots = max(1, 2 * sum(client.nthreads().values()))
    queue = iter(pending)
    run = uuid.uuid4().hex[:12]  # task keys unique to this run on a shared cluster

    def submit(partition: Any) -> Any:
        return client.submit(run_partition, partition.as_dict(), published, aliases,
                             key=f"truce-batch-{run}-{partition.index}",
                             pure=False)  # fmt: skip

    running = as_completed([submit(p) for p in islice(queue, slots)])  # type: ignore[no-untyped-call]
    for future in running:
        if future.status != "finished":
            error = future.exception()
            raise PartitionFailed(f"a partition failed: {error!r}")
        result: PartOutput = future.result()
        manifest.save_part(result.index, result.documents, result.candidates)
        future.release()
        progress.done += 1
        progress.documents += result.ok + result.failed
        progress.failed += result.failed
        progress.candidates += result.found
        worker = result.worker
        progress.peak_rss[worker] = max(progress.peak_rss.get(worker, 0), result.peak_rss)
        progress.cpu_seconds[worker] = max(
            progress.cpu_seconds.get(worker, 0.0), result.cpu_seconds
        )
        if on_progress:
            on_progress(progress)
        following = next(queue, None)
        if following is not None:
            running.add(submit(following))  # type: ignore[no-untyped-call]

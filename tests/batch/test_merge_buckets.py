"""The merge in time-cut buckets on a real Dask cluster gives the events of the merge in one
process (single.py, the merge as it ran before), whatever the bucket size: on the test reports,
on the gold set of reports and on a generated corpus dense with week and month mentions whose
windows cross months. Its output is the same bytes for any bucket size, with or without a
cluster, so a resumed run writes what an uninterrupted one does."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from truce.batch.combine import MergeStats, combine
from truce.batch.documents import load_documents
from truce.batch.manifest import Manifest, write_atomic
from truce.batch.partitions import Partition
from truce.batch.run import BatchOptions, run_batch
from truce.batch.schema import CANDIDATES, DOCUMENTS, parquet_bytes
from truce.batch.single import write_events_in_one_process

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold" / "documents"


@pytest.fixture(scope="module")
def client(scheduler: str) -> Iterator[Any]:
    from distributed import Client

    with Client(scheduler) as connected:  # type: ignore[no-untyped-call]
        yield connected


def canonical(path: Path) -> list[str]:
    """The events as a sorted list of JSON rows: equal lists are the same events, each with the
    same readings and sources in the same order."""
    rows = pq.read_table(path).to_pylist()
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


def reference(manifest: Manifest, folder: Path) -> list[str]:
    documents = load_documents(manifest.part_files("documents"))
    path = folder / "reference-events.parquet"
    write_events_in_one_process(manifest, documents, path)
    return canonical(path)


def manifest_of(out: Path) -> Manifest:
    saved = json.loads((out / "manifest.json").read_text())
    partitions = [Partition(p["index"], p["kind"], ()) for p in saved["partitions"]]
    return Manifest(out, saved["inputs"], saved["options"], partitions)


@pytest.fixture(scope="module")
def reports(
    tmp_path_factory: pytest.TempPathFactory, scheduler: str, make_corpus: Callable[[Path], Path]
) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    out = folder / "out"
    run_batch([make_corpus(folder)], out, BatchOptions(partition_size=3), scheduler=scheduler)
    return out


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory, scheduler: str) -> Path:
    out = tmp_path_factory.mktemp("gold") / "out"
    run_batch([GOLD], out, BatchOptions(partition_size=4), scheduler=scheduler, merge_rows=5)
    return out


@pytest.mark.parametrize("corpus", ["reports", "gold"])
@pytest.mark.parametrize("rows", [1, 3, 40, 50_000])
def test_buckets_on_the_cluster_merge_the_test_corpora_as_one_process_does(
    corpus: str, rows: int, request: pytest.FixtureRequest, client: Any, tmp_path: Path
) -> None:
    out = request.getfixturevalue(corpus)
    manifest = manifest_of(out)
    expected = reference(manifest, tmp_path)
    assert len(expected) > 3
    combine(manifest, client, bucket_rows=rows)
    assert canonical(out / "events.parquet") == expected


def generated(folder: Path, seed: int, parts: int = 12, per_part: int = 30) -> Manifest:
    """Documents and candidates written straight into the batch's Parquet parts: few blocks,
    four months of days, many week and month mentions (weeks starting on any day, so their
    windows cross months), undated candidates, documents without a date, and exact copies."""
    rng = random.Random(seed)
    start = date(2023, 10, 1)
    texts = [f"report {n} " * 12 for n in range(parts * per_part // 3)]
    for index in range(parts):
        documents, candidates = [], []
        for position in range(per_part):
            text = rng.choice(texts)
            published = start + timedelta(days=rng.randrange(120)) if rng.random() < 0.9 else None
            documents.append(_document(index, position, text, published, rng))
            for number in range(rng.randrange(6)):
                candidates.append(_candidate(index, position, number, start, rng))
        write_atomic(folder / "documents" / f"part-{index:05d}.parquet",
                     parquet_bytes(documents, DOCUMENTS))  # fmt: skip
        write_atomic(folder / "candidates" / f"part-{index:05d}.parquet",
                     parquet_bytes(candidates, CANDIDATES))  # fmt: skip
    return Manifest(folder, [], {}, [Partition(n, "files", ()) for n in range(parts)])


def _document(
    index: int, position: int, text: str, published: date | None, rng: random.Random
) -> dict[str, Any]:
    from truce.batch.fingerprint import signature, text_hash, words

    tokens = words(text)
    return {"partition": index, "position": position, "document": f"d{index}-{position}.txt",
            "source": f"/corpus/d{index}-{position}.txt", "url": None,
            "outlet": rng.choice(["Wire", "Courier", None]), "published": published,
            "status": "ok", "text_hash": text_hash(tokens), "minhash": signature(tokens),
            "words": len(tokens)}  # fmt: skip


def _candidate(
    index: int, position: int, number: int, start: date, rng: random.Random
) -> dict[str, Any]:
    day = start + timedelta(days=rng.randrange(120))
    precision = rng.choice(["day", "day", "exact", "week", "week", "month", "month", None])
    if precision == "month":
        day = day.replace(day=1)
    undated = rng.random() < 0.1
    figure = rng.choice([None, 5.0, 8.0, 9.0, 10.0, 13.0, 20.0, 39.0])
    return {"partition": index, "position": position, "number": number, "block": 0,
            "id": f"c{index}-{position}-{number}", "type": rng.choice(["release", "strike"]),
            "modality": rng.choice(["occurred", "occurred", "planned"]),
            "date": None if undated else day, "date_precision": None if undated else precision,
            "actor": rng.choice(["hamas", "israel", None]), "target": rng.choice([None, "gaza"]),
            "categories": rng.choice([[], [], ["women"], ["children", "women"], ["foreign"]]),
            "figure": figure, "unit": rng.choice(["hostages", "prisoners"]) if figure else None,
            "qualifier": rng.choice([None, "exact", "at_least", "about", "up_to"]),
            "speaker": rng.choice([None, "Israel", "Hamas"]), "role": None, "anonymous": False,
            "via": None, "quote": f"quote {index} {position} {number}"}  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_buckets_merge_a_generated_corpus_as_one_process_does(
    seed: int, client: Any, tmp_path: Path
) -> None:
    manifest = generated(tmp_path / "out", seed)
    expected = reference(manifest, tmp_path)
    assert len(expected) > 100
    blocks = {tuple(json.loads(e)[k] for k in ("type", "modality", "actor", "target"))
              for e in expected}  # fmt: skip
    for rows in (1, 17, 200, 10**6):
        stats = MergeStats()
        combine(manifest, client, bucket_rows=rows, stats=stats)
        assert canonical(manifest.out / "events.parquet") == expected, rows
        assert stats.peak_rss  # the buckets ran on the cluster's workers
        if rows == 1:  # one bucket a piece: blocks are cut in time into many pieces
            assert stats.buckets > 2 * len(blocks)


def test_the_events_file_is_the_same_bytes_for_any_bucket_size_with_or_without_a_cluster(
    client: Any, tmp_path: Path
) -> None:
    manifest = generated(tmp_path / "out", 4)
    written = set()
    for rows, on in [(1, client), (33, client), (33, None), (10**6, None)]:
        combine(manifest, on, bucket_rows=rows)
        written.add((manifest.out / "events.parquet").read_bytes())
    assert len(written) == 1
    assert not (manifest.out / ".buckets.tmp").exists()


def test_a_bucket_is_never_larger_than_asked_unless_it_is_one_piece(tmp_path: Path) -> None:
    from truce.batch.shuffle import plan_buckets

    manifest = generated(tmp_path / "out", 5)
    documents = load_documents(manifest.part_files("documents"))
    parts = manifest.part_files("candidates")
    pieces = plan_buckets(parts, documents, 1).sizes  # one bucket a piece
    for rows in (20, 60, 150):
        plan = plan_buckets(parts, documents, rows)
        assert sum(plan.sizes) == sum(pieces)
        assert all(size <= rows or size in pieces for size in plan.sizes)
        assert len(plan.sizes) < len(pieces)  # small pieces share a bucket
        assert set(plan.buckets) == set(range(len(plan.sizes)))  # every bucket has slices
    # A piece larger than asked is read by its task in slices, a month of a block at least.
    plan = plan_buckets(parts, documents, 20)
    assert max(pieces) > 20
    assert all(len(plan.slices_of(b)) > 1 for b, size in enumerate(plan.sizes) if size > 40)

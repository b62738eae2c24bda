"""`run_batch` on a real Dask cluster over real files: bad documents are reported one by one and
the batch goes on; wire copies collapse to one event with all their sources; the day-7 counts
(8 from the wire story and its copies, 10 from Israel) stay side by side as a dispute."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from truce.batch.run import BatchOptions, run_batch
from truce.errors import NoCorpus, OutputInUse, SchedulerUnreachable


def rows(path: Path) -> list[dict[str, Any]]:
    return list(pq.read_table(path).to_pylist())


def day7_release(out: Path) -> dict[str, Any]:
    found = [
        e
        for e in rows(out / "events.parquet")
        if e["type"] == "release" and e["actor"] == "hamas" and str(e["date"]) == "2023-11-30"
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def batch(
    tmp_path_factory: pytest.TempPathFactory,
    scheduler: str,
    make_corpus: Callable[[Path], Path],
) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    corpus = make_corpus(folder)
    out = folder / "out"
    run_batch([corpus], out, BatchOptions(partition_size=3), scheduler=scheduler)
    return out


def test_every_bad_document_is_reported_with_its_code_and_every_good_one_processed(
    batch: Path,
) -> None:
    documents = {d["document"]: d for d in rows(batch / "documents")}
    expected = {
        "coastline-daily-day7.txt": "ok",
        "empty.txt": "X103",
        "https://example.org/northgate/2023/11/24/first-exchange": "ok",
        "feed-dump.jsonl#2": "X107",
        "feed-dump.jsonl#3": "X103",
        "feed-dump.jsonl#4": "X103",
        "feed-dump.jsonl#5": "X107",
        "https://example.org/fr/otages": "X104",
        "french.txt": "X104",
        "harbour-wire-day7.txt": "ok",
        "jerusalem-ledger-day7.txt": "ok",
        "repost-of-harbour.txt": "ok",
        "scan.pdf.txt": "X102",
        "valley-courier-day7.txt": "ok",
    }
    assert {name: d["code"] or d["status"] for name, d in documents.items()} == expected
    for document in documents.values():
        if document["status"] == "error":
            assert document["reason"] and document["candidates"] is None
        else:
            assert document["candidates"] > 0 and len(document["minhash"]) == 256
    candidates = rows(batch / "candidates")
    per_document = {(c["partition"], c["position"]) for c in candidates}
    ok = {(d["partition"], d["position"]) for d in documents.values() if d["status"] == "ok"}
    assert per_document == ok


WIRE = {
    "harbour-wire-day7.txt",
    "valley-courier-day7.txt",
    "coastline-daily-day7.txt",
    "repost-of-harbour.txt",
}


def test_wire_copies_are_counted_once_and_listed_as_copies(batch: Path) -> None:
    copies = {d["document"].rsplit("/", 1)[1]: d for d in rows(batch / "duplicates.parquet")}
    originals = {d["copy_of"].rsplit("/", 1)[1] for d in copies.values()}
    # One of the four, the first in corpus order (all are published the same day), is the
    # original; the three others are its copies.
    assert len(originals) == 1 and len(copies) == 3
    assert set(copies) | originals == WIRE
    assert all(d["similarity"] >= 0.35 for d in copies.values())
    summary = json.loads((batch / "summary.json").read_text())
    # Six readable documents: the four wire texts, Israel's report and the JSON Lines story.
    assert (summary["ok"], summary["copies"], summary["reports"]) == (6, 3, 3)


def test_syndicated_reports_become_one_event_with_every_source(batch: Path) -> None:
    event = day7_release(batch)
    eight = next(r for r in event["readings"] if r["figure"] == 8)
    outlets = {s["outlet"] for s in eight["sources"]}
    assert outlets == {"Harbour Wire Service", "Valley Courier", "Coastline Daily", None}
    assert eight["reports"] == 1  # four documents, one report: the copies count as the wire's
    documents = {s["document"].rsplit("/", 1)[1] for s in eight["sources"]}
    assert documents == WIRE
    assert sum(1 for s in eight["sources"] if s["copy_of"]) == 3


def test_conflicting_day7_counts_stay_side_by_side_as_a_dispute(batch: Path) -> None:
    event = day7_release(batch)
    assert event["disputed"] is True
    assert event["figure"] == 8  # the most conservative figure leads; the other is kept
    by_figure = {r["figure"]: r for r in event["readings"]}
    assert set(by_figure) == {8, 10}
    assert {s["outlet"] for s in by_figure[10]["sources"]} == {"Jerusalem Ledger"}
    assert by_figure[10]["sources"][0]["speaker"] == "Israeli Prime Minister's Office"
    assert event["reports"] == 2 and event["copies"] == 3


def test_a_second_run_skips_finished_partitions_and_writes_the_same_files(
    batch: Path, scheduler: str
) -> None:
    before = {p.relative_to(batch): p.read_bytes() for p in batch.rglob("*") if p.is_file()}
    manifest = (batch / "manifest.json").read_text()
    corpus = manifest.split('"inputs": [\n  "', 1)[1].split('"', 1)[0]
    result = run_batch([corpus], batch, BatchOptions(partition_size=3), scheduler=scheduler)
    assert result.progress.resumed == result.progress.total > 1
    after = {p.relative_to(batch): p.read_bytes() for p in batch.rglob("*") if p.is_file()}
    assert after == before


def test_an_output_folder_of_another_run_is_refused(batch: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputInUse):
        run_batch([tmp_path], batch, BatchOptions(partition_size=3), workers=1)


def test_a_corpus_with_no_documents_is_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    with pytest.raises(NoCorpus):
        run_batch([tmp_path / "corpus"], tmp_path / "out", BatchOptions(), workers=1)


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hamas freed 12 hostages on Friday.")
    with pytest.raises(SchedulerUnreachable):
        run_batch([tmp_path / "a.txt"], tmp_path / "out", BatchOptions(),
                  scheduler="tcp://127.0.0.1:9")  # fmt: skip

"""Batch benchmark: `truce batch` over synthetic corpora with 1 and 2 Dask workers, peak memory
of the workers and of the driver, and the merge's cost as the corpus grows.

Run:  .venv/bin/python bench/batch.py --sizes 10000,100000 --workers 1,2 --dir /tmp/truce-bench
      .venv/bin/python bench/batch.py --runs --sizes 3000 --workers 2  (one event across runs)
      (--rounds 3 repeats the worker counts interleaved, for a shared, noisy machine)

The corpus generator (seeded) recombines the sentences of the project's own reports (the gold
set in eval/gold/documents, the seed among them) into articles of about --words words, each with
a publication date in 2023 (relative dates in the sentences resolve against it), an outlet and a
URL, written as JSON Lines shards of 5,000 lines. One article in ten is a syndicated copy of an
earlier one (another outlet's header and credit line), so the near-duplicate search has work.

For each size and worker count the same corpus runs from an empty output folder through the
library call the CLI makes (`run_batch`, local cluster of processes, one thread each). Reported:
documents/s over the extraction phase (first to last partition, cluster start included), the
merge (near-duplicates + events) in seconds, the peak RSS of each worker process and of the
driver. Results print as JSON lines and are appended to --results.

--merge-only merges existing outputs again (out-SIZE-W, W the last of --workers), twice, each in
a fresh process one after the other: "before", the merge in one process as it ran until
2026-11-26 (truce.batch.single), and "after", the buckets of --merge-rows candidates on a new
local cluster of W workers; it reports the seconds and peak RSS of each (driver and workers)
and whether both found the same events (a digest of every event row, compared as sorted lists).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.combine import BUCKET_ROWS, MergeStats, combine
from truce.batch.documents import load_documents
from truce.batch.manifest import open_manifest
from truce.batch.memory import peak_rss
from truce.batch.run import BatchOptions, Progress, dask_client, run_batch
from truce.batch.single import write_events_in_one_process

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "eval" / "gold" / "documents"
OUTLETS = [
    "Harbour Wire Service",
    "Valley Courier",
    "Coastline Daily",
    "Northgate Post",
    "Jerusalem Ledger",
    "Gulf Evening Star",
    "Meridian Wire",
    "Northbridge News Agency",
]
SHARD = 5_000


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        found += [s for s in re.split(r"(?<=[.!?”])\s+", path.read_text()) if len(s) > 40]
    return found


def generate(folder: Path, documents: int, words: int, seed: int = 5) -> None:
    """Write the corpus as JSON Lines shards; the same arguments give the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = sentences()
    rng = random.Random(seed)
    made: list[tuple[str, str]] = []  # (text, published) of the last originals, for copies
    shard = None
    for n in range(documents):
        if n % SHARD == 0:
            if shard:
                shard.close()
            shard = (folder / f"shard-{n // SHARD:04d}.jsonl").open("w")
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        if made and rng.random() < 0.1:
            text, published = made[rng.randrange(len(made))]
            text = f"{outlet} | World | Share on Facebook | Email\n\n{text}\n\nThis story was "
            text += "provided by a wire service."
        else:
            chosen: list[str] = []
            while sum(len(s.split()) for s in chosen) < words:
                chosen.append(rng.choice(pool))
            text = " ".join(chosen)
            published = (date(2023, 1, 1) + timedelta(days=rng.randrange(365))).isoformat()
            made = [*made[-999:], (text, published)]
        record = {"text": text, "url": f"https://example.org/bench/{n}", "outlet": outlet,
                  "published": published}  # fmt: skip
        assert shard is not None
        shard.write(json.dumps(record) + "\n")
    if shard:
        shard.close()


def measure(corpus: Path, out: Path, workers: int, size: int) -> dict[str, object]:
    shutil.rmtree(out, ignore_errors=True)
    marks: dict[str, float] = {}
    first_documents = 0

    def seen(progress: Progress) -> None:
        nonlocal first_documents
        now = time.perf_counter()
        marks.setdefault("start", now)  # discovery done, the cluster about to start
        if progress.done and "first" not in marks:
            marks["first"], first_documents = now, progress.documents
        marks["last"] = now

    load = os.getloadavg()[0]
    start = time.perf_counter()
    result = run_batch(
        [corpus], out, BatchOptions(partition_size=256), workers=workers, on_progress=seen
    )
    end = time.perf_counter()
    documents = result.progress.documents
    extraction = marks["last"] - marks["start"]
    steady = marks["last"] - marks["first"]
    return {
        "documents": size,
        "workers": workers,
        "read": documents,
        "discovery_s": round(marks["start"] - start, 1),
        "extraction_s": round(extraction, 1),
        "documents_per_s": round(documents / extraction, 1),
        # From the first finished partition on: without cluster start and pipeline builds.
        "steady_documents_per_s": round((documents - first_documents) / steady, 1),
        # Per CPU-second of the workers (start-up included): what a core gives, whatever else
        # the shared machine is doing.
        "documents_per_cpu_s": round(documents / sum(result.progress.cpu_seconds.values()), 1),
        "merge_s": round(end - marks["last"], 1),
        # The machine is shared: its 1-minute load average when the run began (2 = both cores).
        "load_at_start": round(load, 1),
        "worker_peak_rss_mb": sorted(round(v / 2**20) for v in result.progress.peak_rss.values()),
        "events": result.summary["events"],
        "copies": result.summary["copies"],
        "candidates": result.summary["candidates"],
    }


def merge_cost(out: Path, size: int) -> dict[str, object]:
    saved = json.loads((out / "manifest.json").read_text())
    manifest = open_manifest(out, saved["inputs"], saved["options"])
    start = time.perf_counter()
    summary = combine(manifest)
    return {
        "documents": size,
        "merge_s": round(time.perf_counter() - start, 2),
        # This process's peak so far: the merge's own when run with --merge-only, one size.
        "merge_peak_rss_mb": peak_rss() >> 20,
        "candidates": summary["candidates"],
        "events": summary["events"],
        "disputed_events": summary["disputed_events"],
        "copies": summary["copies"],
    }


def merge_once(out: Path, path: str, workers: int, rows: int) -> dict[str, object]:
    """One merge in this (fresh) process: "before", the merge in one process as it ran before
    (single.py, into events-before.parquet), or "after", the buckets on a new local cluster."""
    saved = json.loads((out / "manifest.json").read_text())
    manifest = open_manifest(out, saved["inputs"], saved["options"])
    start = time.perf_counter()
    row: dict[str, object] = {"path": path}
    if path == "before":
        documents = load_documents(manifest.part_files("documents"))
        write_events_in_one_process(manifest, documents, out / "events-before.parquet")
    else:
        stats = MergeStats()
        with dask_client(workers, None) as client:
            started = time.perf_counter()  # the merge itself, without the cluster's start
            combine(manifest, client, bucket_rows=rows, stats=stats)
            row["cluster_start_s"] = round(started - start, 1)
            start = started
        row["buckets"], row["largest_bucket"] = stats.buckets, stats.largest_bucket
        row["worker_peak_rss_mb"] = sorted(v >> 20 for v in stats.peak_rss.values())
    row["merge_s"] = round(time.perf_counter() - start, 2)
    row["driver_peak_rss_mb"] = peak_rss() >> 20
    return row


def event_digests(path: Path) -> list[str]:
    """One digest per event row (every field, readings and sources included), sorted."""
    found = []
    for batch in pq.ParquetFile(path).iter_batches(batch_size=5_000):
        for event in batch.to_pylist():
            text = json.dumps(event, sort_keys=True, default=str).encode()
            found.append(hashlib.sha1(text).hexdigest())
    return sorted(found)


def merge_before_after(out: Path, size: int, workers: int, rows: int) -> dict[str, object]:
    """Both merges on the same output, each in a fresh process, one after the other; and
    whether they found the same events."""
    row: dict[str, object] = {"documents": size, "merge_rows": rows, "workers": workers,
                              "load_at_start": round(os.getloadavg()[0], 1)}  # fmt: skip
    for path in ("before", "after"):
        command = [sys.executable, __file__, "--merge-path", path, "--dir", str(out),
                   "--workers", str(workers), "--merge-rows", str(rows)]  # fmt: skip
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        row[path] = json.loads(done.stdout.splitlines()[-1])
    summary = json.loads((out / "summary.json").read_text())
    row["candidates"], row["events"] = summary["candidates"], summary["events"]
    same = event_digests(out / "events-before.parquet") == event_digests(out / "events.parquet")
    row["same_events"] = same
    return row


PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="{outlet}"><meta name="date" content="{published}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>{title}</h1><p>{body}</p></article>
<footer><p>Share on Facebook | Email</p><p>Copyright {outlet}</p></footer></body></html>"""


def html_overhead(folder: Path, articles: int) -> dict[str, object]:
    """The same articles as plain text and as HTML pages, read and extracted in one process:
    what a crawl (WARC, HTML) costs beside JSON Lines of text."""
    from truce.extract.from_paths import extract_paths

    corpus = folder / "html-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    generate(corpus / "jsonl", articles, 500)
    (corpus / "txt").mkdir()
    (corpus / "html").mkdir()
    lines = (corpus / "jsonl" / "shard-0000.jsonl").read_text().splitlines()
    for n, line in enumerate(lines):
        record = json.loads(line)
        (corpus / "txt" / f"{n:05d}.txt").write_text(record["text"])
        paragraphs = record["text"].replace("\n\n", "</p><p>")
        page = PAGE.format(title=f"Story {n}", outlet=record["outlet"],
                           published=record["published"], body=paragraphs)  # fmt: skip
        (corpus / "html" / f"{n:05d}.html").write_text(page)
    row: dict[str, object] = {"html_overhead_articles": len(lines)}
    for kind in ("txt", "html"):
        start = time.perf_counter()
        done = sum(1 for r in extract_paths([corpus / kind]) if not r.error)
        seconds = time.perf_counter() - start
        row[f"{kind}_documents_per_s"] = round(done / seconds, 1)
    row["html_vs_text"] = round(
        float(row["html_documents_per_s"]) / float(row["txt_documents_per_s"]), 2
    )  # type: ignore[arg-type]
    return row


def runs_cost(folder: Path, size: int, workers: int) -> dict[str, object]:
    """A daily crawl against the ledger: day 1 is the first two thirds of a corpus of `size`
    articles, day 2 the last two thirds (half of it seen on day 1). Both are batched once; then
    their events are queued (`ingest_events`, what `truce batch --ingest` runs) three times, each
    into a fresh SQLite ledger file holding the Gaza agreement: day 1 into an empty ledger, day 2
    into the ledger holding day 1 (every event looked up among day 1's by slot, known mentions
    skipped), and day 2 again into an empty ledger, the same events with nothing to match."""
    from truce.services.batch_review import event_shape, ingest_events
    from truce.services.known_events import load_known
    from truce.spec_yaml import load_spec_file
    from truce.storage.ledger import Ledger

    base = folder / f"runs-{size}"
    parts = [base / "parts" / f"part-{n}.jsonl" for n in range(3)]
    if not parts[-1].exists():
        generate(base / "all", size, 500)
        lines = [x for p in sorted((base / "all").glob("*.jsonl")) for x in p.open()]
        third = len(lines) // 3
        parts[0].parent.mkdir(parents=True, exist_ok=True)
        for n, part in enumerate(parts):
            part.write_text("".join(lines[n * third : (n + 1) * third]))
    outs = []
    for day, chosen in ((1, parts[:2]), (2, parts[1:])):
        corpus = base / f"day{day}"
        corpus.mkdir(exist_ok=True)
        for part in chosen:
            if not (corpus / part.name).exists():
                (corpus / part.name).symlink_to(part)
        out = base / f"out-day{day}"
        if not (out / "events.parquet").exists():
            run_batch([corpus], out, BatchOptions(partition_size=256), workers=workers)
        outs.append(out)
    path = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
    spec = load_spec_file(path)[0]

    def ingest(ledger: Ledger, out: Path) -> dict[str, object]:
        start = time.perf_counter()
        queued = ingest_events(ledger, out, spec.id, "bench")
        return {"s": round(time.perf_counter() - start, 2), "events": queued.events,
                "skipped": queued.skipped, "candidates": queued.candidates,
                "extended": queued.extended, "disputing": queued.disputing}  # fmt: skip

    def fresh(name: str) -> Ledger:
        (base / name).unlink(missing_ok=True)
        ledger = Ledger.init(str(base / name))
        ledger.add_agreement(spec, path.read_text(), "bench")
        return ledger

    def lookup(ledger: Ledger, out: Path) -> dict[str, object]:
        """The lookup alone: known events of every event of `out`, fetched and matched."""
        start, matched, events = time.perf_counter(), 0, 0
        for chunk in pq.ParquetFile(out / "events.parquet").iter_batches(batch_size=2_000):
            shapes = [event_shape(e) for e in chunk.to_pylist()]
            known = load_known(ledger, spec.id, spec.zone, shapes)
            matched += sum(known.match(s) is not None for s in shapes)
            events += len(shapes)
        seconds = time.perf_counter() - start
        return {"s": round(seconds, 2), "events": events, "matched": matched,
                "ms_per_event": round(1000 * seconds / events, 3)}  # fmt: skip

    daily = fresh("ledger.db")
    first = ingest(daily, outs[0])
    second = ingest(daily, outs[1])
    lookups = [lookup(daily, outs[1])]
    daily.close()
    alone_ledger = fresh("alone.db")
    lookups.append(lookup(alone_ledger, outs[1]))
    alone = ingest(alone_ledger, outs[1])
    alone_ledger.close()
    return {
        "documents": size,
        "day1_into_empty": first,
        "day2_against_day1": second,
        "day2_into_empty": alone,
        # The lookup of known events alone, for day 2's events: against the ledger holding days
        # 1 and 2, and against the empty one (queries that find nothing).
        "lookup_against_days_1_2": lookups[0],
        "lookup_against_empty": lookups[1],
        "ratio_day2_vs_day1": round(float(second["s"]) / float(first["s"]), 2),  # type: ignore[arg-type]
        "ratio_day2_vs_day2_alone": round(float(second["s"]) / float(alone["s"]), 2),  # type: ignore[arg-type]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument(
        "--merge-only",
        action="store_true",
        help="the merge again on existing outputs: before (one process) and after (buckets)",
    )
    parser.add_argument("--merge-rows", type=int, default=BUCKET_ROWS)
    parser.add_argument("--merge-path", choices=["before", "after"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--html", type=int, default=0, help="only time N articles as HTML pages beside text"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat the worker counts, interleaved (1,2,1,2...)"
    )
    parser.add_argument(
        "--runs",
        action="store_true",
        help="queue day 1, then an overlapping day 2 against it (cross-run matching)",
    )
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/truce-bench"))
    parser.add_argument("--results", type=Path, default=Path("bench/out/batch.jsonl"))
    args = parser.parse_args()
    args.results.parent.mkdir(parents=True, exist_ok=True)

    def report(row: dict[str, object]) -> None:
        row = {"measured": date.today().isoformat(), **row}
        print(json.dumps(row), flush=True)
        with args.results.open("a") as results:
            results.write(json.dumps(row) + "\n")

    if args.merge_path:  # one side of --merge-only, in a process of its own
        workers = int(args.workers.split(",")[-1])
        print(json.dumps(merge_once(args.dir, args.merge_path, workers, args.merge_rows)))
        return
    if args.html:
        report(html_overhead(args.dir, args.html))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        if args.runs:
            report(runs_cost(args.dir, size, int(args.workers.split(",")[-1])))
            continue
        if args.merge_only:
            workers = int(args.workers.split(",")[-1])
            out = args.dir / f"out-{size}-{workers}"
            report(merge_before_after(out, size, workers, args.merge_rows))
            continue
        corpus = args.dir / f"corpus-{size}"
        if not corpus.exists():
            started = time.perf_counter()
            generate(corpus, size, args.words)
            report({"documents": size, "generated_s": round(time.perf_counter() - started, 1)})
        for _ in range(args.rounds):
            for workers in (int(w) for w in args.workers.split(",")):
                out = args.dir / f"out-{size}-{workers}"
                report(measure(corpus, out, workers, size))
        report(merge_cost(out, size))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        report({"documents": size, "driver_peak_rss_mb": peak})


if __name__ == "__main__":
    sys.exit(main())

"""After every partition is done: near-duplicates across the corpus, then candidates merged into
events, written as events.parquet, duplicates.parquet and summary.json.

The merge reads the candidate parts in buckets of blocks (hash of type, modality, actor and
target), so it holds one bucket's mentions at a time, about `BUCKET_ROWS`, however large the
corpus; documents are held as a few columns, one row each.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.batch.dedup import find_copies
from truce.batch.manifest import Manifest, write_atomic
from truce.batch.merge import Mention, merge, sort_key
from truce.batch.schema import DUPLICATES, EVENTS, parquet_bytes

BUCKET_ROWS = 200_000
_DOC_COLUMNS = ["partition", "position", "document", "source", "url", "outlet", "published",
                "status", "code", "text_hash", "minhash"]  # fmt: skip
_CANDIDATE_COLUMNS = ["partition", "position", "block", "id", "type", "modality", "date",
                      "date_precision", "actor", "target", "categories", "figure", "qualifier",
                      "unit", "speaker", "role", "anonymous", "via", "quote"]  # fmt: skip


@dataclass(frozen=True)
class Documents:
    """Every document of the corpus by global row, and where each partition starts."""

    offsets: dict[int, int]
    columns: dict[str, list[Any]]
    originals: dict[int, int]  # copy row -> original row

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
    copies = find_copies(columns["text_hash"], columns["minhash"], columns["published"])
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
    path = manifest.out / "events.parquet"
    temp = path.with_name(".events.parquet.tmp")
    events = disputed = 0
    with pq.ParquetWriter(temp, EVENTS, compression="zstd") as writer:
        for bucket in range(buckets):
            mentions = sorted(_mentions(parts, documents, bucket, buckets), key=sort_key)
            rows = list(merge(mentions))
            events += len(rows)
            disputed += sum(1 for r in rows if r["disputed"])
            for start in range(0, len(rows), 10_000):
                writer.write_table(pa.Table.from_pylist(rows[start : start + 10_000], EVENTS))
    temp.replace(path)
    return events, disputed, total


def _mentions(parts: list[Path], documents: Documents, bucket: int, buckets: int) -> list[Mention]:
    low, high = (bucket << 32) // buckets, ((bucket + 1) << 32) // buckets
    cols = documents.columns
    found = []
    for part in parts:
        table = pq.read_table(part, columns=_CANDIDATE_COLUMNS)
        if buckets > 1:
            block = table.column("block")
            keep = pc.and_(pc.greater_equal(block, low), pc.less(block, high))
            table = table.filter(keep)
        for c in table.to_pylist():
            row = documents.row(c["partition"], c["position"])
            original = documents.originals.get(row)
            published = cols["published"][row]
            if published is None and original is not None:
                published = cols["published"][original]  # a repost dates like its original
            found.append(Mention(
                document=documents.key(row),
                candidate=c["id"],
                original=documents.key(original) if original is not None else None,
                type=c["type"], modality=c["modality"], actor=c["actor"], target=c["target"],
                date=c["date"] or published,
                precision=c["date_precision"] if c["date"] else ("day" if published else None),
                categories=tuple(c["categories"] or ()),
                figure=c["figure"], qualifier=c["qualifier"], unit=c["unit"],
                source={"outlet": cols["outlet"][row], "url": cols["url"][row],
                        "published": published, "speaker": c["speaker"], "role": c["role"],
                        "anonymous": c["anonymous"], "via": c["via"], "quote": c["quote"]},
            ))  # fmt: skip
    return found

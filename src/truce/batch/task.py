"""The task a Dask worker runs for one partition: read its documents, extract, fingerprint, and
return both Parquet files as bytes (the driver writes them, so workers need no shared disk for
output and a killed worker never leaves half a file).

The pipeline is built once per worker process and kept for every later partition.
"""

from __future__ import annotations

import json
import os
import socket
import time
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language

from truce.batch.fingerprint import signature, text_hash, words
from truce.batch.memory import peak_rss
from truce.batch.partitions import Partition
from truce.batch.ranges import read_partition
from truce.batch.schema import CANDIDATES, DOCUMENTS, parquet_bytes
from truce.extract.model import Candidate
from truce.extract.pipeline import Extraction, build_pipeline, extract_many
from truce.extract.readers import ReadError

_PIPELINES: dict[tuple[tuple[str, str], ...], Language] = {}


@dataclass(frozen=True)
class PartOutput:
    index: int
    documents: bytes
    candidates: bytes
    ok: int
    failed: int
    found: int
    peak_rss: int  # the worker process's peak resident memory so far, bytes
    worker: str  # host:pid of the process that ran it
    cpu_seconds: float  # CPU time of that process so far (all its partitions and start-up)


def pipeline(aliases: dict[str, str]) -> Language:
    key = tuple(sorted(aliases.items()))
    nlp = _PIPELINES.get(key)
    if nlp is None:
        nlp = _PIPELINES[key] = build_pipeline(aliases)
    return nlp


def run_partition(
    partition: dict[str, Any], published: str | None, aliases: dict[str, str]
) -> PartOutput:
    part = Partition.from_dict(partition)
    nlp = pipeline(aliases)
    default = date.fromisoformat(published) if published else None
    documents: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    for position, (source, item) in enumerate(read_partition(part, default)):
        base = {"partition": part.index, "position": position, "source": source}
        if isinstance(item, ReadError):
            documents.append({**base, "document": item.document, "status": "error",
                              "code": item.code, "reason": item.message})  # fmt: skip
            continue
        result = next(extract_many(nlp, [item]))
        documents.append({**base, **_document_row(result)})
        for number, candidate in enumerate(result.candidates, 1):
            candidates.append(
                {"partition": part.index, "position": position, **_candidate_row(number, candidate)}
            )
    ok = sum(1 for d in documents if d["status"] == "ok")
    return PartOutput(
        part.index,
        parquet_bytes(documents, DOCUMENTS),
        parquet_bytes(candidates, CANDIDATES),
        ok,
        len(documents) - ok,
        len(candidates),
        peak_rss(),
        f"{socket.gethostname()}:{os.getpid()}",
        time.process_time(),
    )


def _document_row(result: Extraction) -> dict[str, Any]:
    article = result.article
    row: dict[str, Any] = {
        "document": article.document,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "content_hash": article.content_hash,
    }
    if result.error:
        return {**row, "status": "error", "code": result.code, "reason": result.error}
    tokens = words(article.text)
    return {
        **row,
        "status": "ok",
        "text_hash": text_hash(tokens),
        "minhash": signature(tokens),
        "words": len(tokens),
        "candidates": len(result.candidates),
    }


def _candidate_row(number: int, candidate: Candidate) -> dict[str, Any]:
    figure = candidate.quantities[0] if candidate.quantities else None
    source = candidate.source
    payload = candidate.as_dict()
    block = "\x1f".join([candidate.type, candidate.modality, candidate.actor or "",
                          candidate.target or ""])  # fmt: skip
    return {
        "number": number,
        "block": zlib.crc32(block.encode("utf-8")),
        "id": candidate.id,
        "type": candidate.type,
        "modality": candidate.modality,
        "date": candidate.date,
        "date_precision": candidate.date_precision,
        "actor": candidate.actor,
        "target": candidate.target,
        "categories": list(candidate.categories),
        "figure": figure.value if figure else None,
        "qualifier": figure.qualifier if figure else None,
        "unit": figure.unit if figure else None,
        "speaker": source.speaker,
        "role": source.role,
        "anonymous": source.anonymous,
        "via": source.via,
        "quote": candidate.quote,
        "confidence": payload["confidence"],
        "plover": payload["plover"]["event"],
        "cameo": payload["plover"]["cameo"],
        "payload": json.dumps(payload, sort_keys=True, ensure_ascii=False),
    }

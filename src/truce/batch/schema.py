"""The Arrow schemas of what a batch writes, fixed here so every part file has the same columns
whatever its rows hold (an all-null column inferred from data would change type between parts).

documents/part-NNNNN.parquet  one row per document: ok, or error with its code and reason
candidates/part-NNNNN.parquet one row per candidate event, flat columns for the merge and the
                              whole candidate as `payload` (the `truce extract` JSON shape)
events.parquet                one row per merged event, its readings and their sources nested
duplicates.parquet            one row per near-duplicate document and the copy it repeats
"""

from __future__ import annotations

import io

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

DOCUMENTS = pa.schema(
    [
        ("partition", pa.int32()),
        ("position", pa.int32()),
        ("document", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("status", pa.string()),  # ok | error
        ("code", pa.string()),
        ("reason", pa.string()),
        ("content_hash", pa.string()),
        ("text_hash", pa.string()),
        ("minhash", pa.binary()),
        ("words", pa.int32()),
        ("candidates", pa.int32()),
    ]
)

CANDIDATES = pa.schema(
    [
        ("partition", pa.int32()),
        ("position", pa.int32()),
        ("number", pa.int32()),
        ("block", pa.uint32()),  # CRC-32 of type, modality, actor, target: the merge's buckets
        ("id", pa.string()),
        ("type", pa.string()),
        ("modality", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("actor", pa.string()),
        ("target", pa.string()),
        ("categories", pa.list_(pa.string())),
        ("figure", pa.float64()),
        ("qualifier", pa.string()),
        ("unit", pa.string()),
        ("speaker", pa.string()),
        ("role", pa.string()),
        ("anonymous", pa.bool_()),
        ("via", pa.string()),
        ("quote", pa.string()),
        ("confidence", pa.float64()),
        ("plover", pa.string()),  # PLOVER event category (`domain.event_codes`)
        ("cameo", pa.string()),  # CAMEO event code
        ("payload", pa.string()),
    ]
)

SOURCE = pa.struct(
    [
        ("document", pa.string()),
        ("candidate", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("published", pa.date32()),
        ("speaker", pa.string()),
        ("role", pa.string()),
        ("anonymous", pa.bool_()),
        ("via", pa.string()),
        ("qualifier", pa.string()),
        ("quote", pa.string()),
        ("copy_of", pa.string()),  # the document this one repeats, for a near-duplicate
    ]
)

READING = pa.struct(
    [
        ("figure", pa.float64()),
        ("reports", pa.int32()),  # distinct documents giving it, copies counted once
        ("sources", pa.list_(SOURCE)),
    ]
)

EVENTS = pa.schema(
    [
        ("event_id", pa.string()),
        ("type", pa.string()),
        ("modality", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("actor", pa.string()),
        ("target", pa.string()),
        ("unit", pa.string()),
        ("categories", pa.list_(pa.string())),
        ("figure", pa.float64()),  # the leading reading's (domain.leading)
        ("disputed", pa.bool_()),
        ("reports", pa.int32()),
        ("copies", pa.int32()),
        ("mentions", pa.int32()),
        ("readings", pa.list_(READING)),
        ("confidence", pa.float64()),  # the most confident of its mentions
        ("plover", pa.string()),
        ("cameo", pa.string()),
    ]
)

DUPLICATES = pa.schema(
    [
        ("document", pa.string()),
        ("source", pa.string()),
        ("copy_of", pa.string()),
        ("copy_of_source", pa.string()),
        ("similarity", pa.float64()),
    ]
)


def parquet_bytes(rows: list[dict[str, object]], schema: pa.Schema) -> bytes:
    """Rows as one Parquet file in memory: the same rows give the same bytes."""
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()

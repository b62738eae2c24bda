"""Writing claims out: JSON Lines (re-importable), CSV (spreadsheets) and Parquet (analysis).

A claim's free-form `extra` is the only part of it that may hold a float. A float there that is
not finite (NaN, an infinity: kept from a ledger written before claims refused them, I431) is
written `null` in the JSON (JSON has none) and an empty cell in a place column, never `NaN`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.compact_json import finite
from truce.domain.claim_fields import SOURCE_FIELDS
from truce.domain.claims import Claim
from truce.domain.event_codes import codes_for
from truce.errors import ExportTarget, UnknownExportFormat
from truce.io.csv_cells import FORMULA_STARTS, QUOTE, neutralise

ExportFormat = Literal["jsonl", "csv", "parquet"]
Out = str | Path | IO[str] | IO[bytes]

CSV_COLUMNS = (
    "id", "agreement", "type", "date", "date_precision", "event_id", "actor", "target",
    "quantity", "qualifier", "parts", "subject", "categories", "status", "sources", "quote",
    "reliability",
    "location", "supersedes", "notes", "phase", "extra", "recorded_by",
    "lat", "lon", "admin1", "country", "geo_precision", "plover", "cameo",
)  # fmt: skip
# The gazetteer's place a claim carries in `extra.place`, as columns a map or a GIS reads.
PLACE_COLUMNS = ("lat", "lon", "admin1", "country", "geo_precision")

SOURCE_TYPE = pa.struct(
    [(name, pa.bool_() if name == "anonymous" else pa.string()) for name in SOURCE_FIELDS]
)
# Fixed, so files from different exports line up; `date` keeps the written offset, `date_utc`
# is the instant for range queries.
PARQUET_SCHEMA = pa.schema(
    [("id", pa.string()), ("agreement", pa.string()), ("type", pa.string()),
     ("date", pa.string()), ("date_utc", pa.timestamp("us", tz="UTC")),
     ("date_precision", pa.string()), ("event_id", pa.string()), ("actor", pa.string()),
     ("target", pa.string()), ("quantity", pa.int64()), ("qualifier", pa.string()),
     ("parts", pa.map_(pa.string(), pa.int64())), ("subject", pa.string()),
     ("categories", pa.list_(pa.string())), ("status", pa.string()),
     ("sources", pa.list_(SOURCE_TYPE)), ("quote", pa.string()), ("reliability", pa.string()),
     ("location", pa.string()), ("supersedes", pa.string()), ("notes", pa.string()),
     ("phase", pa.string()), ("extra", pa.string()), ("recorded_by", pa.string()),
     ("lat", pa.float64()), ("lon", pa.float64()), ("admin1", pa.string()),
     ("country", pa.string()), ("geo_precision", pa.int8()),
     ("plover", pa.string()), ("cameo", pa.string())]
)  # fmt: skip
PARQUET_BATCH = 50_000
# The first characters `csv_cells.neutralise` quotes (each a single character).
NEUTRALISED = frozenset((*FORMULA_STARTS, QUOTE))


def export_claims(
    claims: Iterable[Claim], fmt: str, out: Out, parquet_rows: int = PARQUET_BATCH
) -> int:
    """Write claims to a path (or "-" / an open stream) in `fmt`; return how many were written.
    `parquet_rows`: claims per Parquet row group (a download sends a group once it is full)."""
    if fmt == "jsonl":
        with _text(out) as stream:
            return _write_jsonl(claims, stream)
    if fmt == "csv":
        with _text(out, newline="") as stream:
            return _write_csv(claims, stream)
    if fmt == "parquet":
        with _binary(out) as stream:
            return _write_parquet(claims, stream, parquet_rows)
    raise UnknownExportFormat(f"unknown export format {fmt!r}")


def _write_jsonl(claims: Iterable[Claim], stream: IO[str]) -> int:
    count = 0
    for count, claim in enumerate(claims, 1):  # noqa: B007 - the count is the return value
        row = claim.as_dict()
        if claim.extra:  # the only member that may hold a float (module doc)
            row["extra"] = finite(row["extra"])
        stream.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return count


def _write_csv(claims: Iterable[Claim], stream: IO[str]) -> int:
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for count, claim in enumerate(claims, 1):  # noqa: B007
        row = claim.as_dict()
        row["categories"] = ";".join(claim.categories)
        row["sources"] = json.dumps(row["sources"], ensure_ascii=False) if claim.sources else ""
        row["extra"] = json.dumps(finite(row["extra"]), ensure_ascii=False) if claim.extra else ""
        row["qualifier"] = claim.qualifier.value
        row["parts"] = json.dumps(row["parts"], ensure_ascii=False) if claim.parts else ""
        row |= place_columns(claim) | code_columns(claim)
        writer.writerow(_cells(row, CSV_COLUMNS))
    return count


def place_columns(claim: Claim) -> dict[str, Any]:
    """The place's columns, empty where the claim has none or a malformed one (an imported
    claim's `extra` is the importer's)."""
    place = claim.extra.get("place")
    place = place if isinstance(place, dict) else {}
    out: dict[str, Any] = {}
    for key, kind in zip(PLACE_COLUMNS, (float, float, str, str, int), strict=True):
        value = place.get(key)
        ok = isinstance(value, kind) and not isinstance(value, bool)
        if kind is float and isinstance(value, float) and not math.isfinite(value):
            ok = False  # no NaN cell (module doc)
        out[key] = value if ok or (kind is float and type(value) is int) else None
    return out


def code_columns(claim: Claim) -> dict[str, str | None]:
    """The claim's PLOVER event and CAMEO code: those recorded when its candidate was accepted
    (`extra`), else the ones its type has in the table (`domain.event_codes`)."""
    plover, cameo = codes_for(claim.type)
    recorded = {"plover": claim.extra.get("plover"), "cameo": claim.extra.get("cameo")}
    if any(isinstance(v, str) for v in recorded.values()):
        return {k: v if isinstance(v, str) else None for k, v in recorded.items()}
    return {"plover": plover, "cameo": cameo}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return neutralise(value) if isinstance(value, str) else value


def _cells(row: dict[str, Any], columns: tuple[str, ...]) -> list[Any]:
    """`_cell` of each column's value, inlined: a download of 50,000 claims writes 1.5 million
    cells, and a call per cell was a third of its time."""
    return [
        "" if v is None
        else (QUOTE + v if v[:1] in NEUTRALISED else v) if isinstance(v, str)
        else v
        for v in map(row.get, columns)
    ]  # fmt: skip


def _write_parquet(claims: Iterable[Claim], stream: IO[bytes], rows: int) -> int:
    count = 0
    with pq.ParquetWriter(stream, PARQUET_SCHEMA) as writer:
        for batch in _batches(claims, rows):
            columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA.names}
            for claim in batch:
                row = claim.as_dict()
                row["date_utc"] = claim.date
                row["qualifier"] = claim.qualifier.value
                row["parts"] = list(claim.parts) or None
                row["extra"] = (
                    json.dumps(finite(claim.extra), ensure_ascii=False) if claim.extra else None
                )
                row |= place_columns(claim) | code_columns(claim)
                for name, values in columns.items():
                    values.append(row.get(name))
            writer.write_table(pa.table(columns, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count


def _batches(claims: Iterable[Claim], size: int) -> Iterator[list[Claim]]:
    batch: list[Claim] = []
    for claim in claims:
        batch.append(claim)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def _text(out: Out, newline: str | None = None) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        if str(out) == "-":
            yield sys.stdout
            return
        with open(out, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        return
    if isinstance(out, io.RawIOBase | io.BufferedIOBase):
        raise ExportTarget("JSON Lines and CSV are text: pass a path or a text stream")
    yield out  # type: ignore[misc]


@contextmanager
def _binary(out: Out) -> Iterator[IO[bytes]]:
    if isinstance(out, str | Path):
        target: Any = sys.stdout.buffer if str(out) == "-" else out
        if target is out:
            with open(out, "wb") as handle:
                yield handle
            return
        yield target
        return
    if isinstance(out, io.TextIOBase):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise ExportTarget("Parquet is binary and cannot be written to a text stream")
        out.flush()
        yield buffer
        return
    yield out  # type: ignore[misc]

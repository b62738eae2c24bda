"""The claims projection as Arrow columns: read in bulk, turned into engine columns, and back
into `Claim` objects for the few rows an assessment lists.

Rows are read through the connection's own driver cursor (sqlite3; psycopg's COPY for
PostgreSQL, `storage.pg_copy`), a chunk at a time, each chunk turned into typed Arrow arrays
(`storage.driver_rows`): SQLAlchemy's per-row objects cost more than the query itself at a
million rows, and Arrow need not guess types. A long read is split in two halves read side by
side (`read_rows`); on SQLite each half is read by a process of its own (by the ADBC SQLite
driver there, where it is installed), which opens the file read-only and writes Arrow.

No second SQLite library reads the file in this process. One did (the ADBC SQLite driver, in C,
which now reads only in those processes of their own): POSIX locks belong to a process, not to a
handle, so when that library closed its handle the kernel dropped every lock sqlite3 held on the
ledger in the same process. Another process then saw the file unlocked, checkpointed and deleted
the WAL under a running server, and the server's next writes were acknowledged and lost (see
docs/ledger.md and tests/server/test_shared_sqlite.py). A process of its own holds its own locks:
its connection's closing takes none of this one's, and this one's open connection keeps it from
checkpointing or deleting the WAL.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from sqlalchemy import Connection

from truce.domain.claim_checks import UNCHECKED
from truce.domain.claim_fields import COUNTS
from truce.domain.claim_fields import REPEATED as CLAIM_REPEATED
from truce.domain.claims import parts_of
from truce.domain.engine.claim_columns import (
    NONE,
    PRECISION_CODE,
    STATUS_CODE,
    ClaimColumns,
    Flags,
    Floats,
    Ints,
    Words,
    id_words,
)
from truce.domain.leading import grade_points, source_key
from truce.domain.readings import QUALIFIER_CODE, Qualifier, qualifier
from truce.storage import driver_rows
from truce.storage.db import sqlite_path
from truce.storage.rows import LOAD_COLUMNS, gc_paused

NAMES: tuple[str, ...] = tuple(c.name for c in LOAD_COLUMNS)
# Columns with few distinct values (`domain.claim_fields`) are stored dictionary-encoded:
# smaller files, faster codes.
REPEATED = CLAIM_REPEATED
TS = "ts"  # epoch seconds of `date`, computed once when rows are read
# `datetime.isoformat()` of an aware instant: what the projection holds in `date`.
_ISO_AWARE = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?[+-][0-9]{2}:[0-9]{2}$"
)
# The projection's integer columns; every other column read is text.
_INTEGERS = frozenset({"seq", *COUNTS})
# Rows fetched per chunk: the Python tuples of one chunk are alive at a time, not the whole read.
FETCH_CHUNK = 65_536
# A read over more entries than this is made in two halves side by side (`read_rows`).
SPLIT_SEQS = 200_000
log = logging.getLogger("truce.storage")


def rows_query(conn: Connection) -> str:
    """SQL for an agreement's rows in a seq range (agreement, after, up to), in seq order."""
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return (
        f"SELECT {', '.join(quote(n) for n in NAMES)} FROM claims "
        f"WHERE agreement = {mark} AND seq > {mark} AND seq <= {mark} ORDER BY seq"
    )


def read_rows(conn: Connection, agreement: str, after_seq: int, upto_seq: int) -> pa.Table:
    """The agreement's projection rows with `after_seq < seq <= upto_seq`, in seq order. Over
    more than `SPLIT_SEQS` entries the read is split in two halves read side by side: on
    PostgreSQL each on a connection of its own (`pg_copy.copy_parts`), on a SQLite file the
    first half in a process of its own (`storage.driver_rows`)."""
    params = (agreement, after_seq, upto_seq)
    middle = after_seq + (upto_seq - after_seq) // 2
    halves = [(agreement, after_seq, middle), (agreement, middle, upto_seq)]
    split = upto_seq - after_seq > SPLIT_SEQS  # the rows up to `upto_seq` change no more
    if conn.dialect.name == "postgresql":
        from truce.storage.pg_copy import copy_parts  # only PostgreSQL needs the CSV reader

        parts = halves if split else [params]
        return _finish(copy_parts(conn, rows_query(conn), parts, NAMES, _INTEGERS))
    path = sqlite_path(conn.engine.url.render_as_string(hide_password=False))
    if split and path is not None:
        return _finish(_sqlite_halves(conn, path, halves))
    return _finish(_by_tuples(conn, rows_query(conn), params))


def read_rows_by_tuples(conn: Connection, sql: str, params: tuple[Any, ...]) -> pa.Table:
    """The table through the connection's own driver, in this process (`driver_rows.columns`)."""
    return _finish(_by_tuples(conn, sql, params))


def _by_tuples(conn: Connection, sql: str, params: tuple[Any, ...]) -> dict[str, pa.ChunkedArray]:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    # The tuples hold no cycles; collections walking them would cost a third of the read.
    try:
        with gc_paused():
            return driver_rows.columns(cursor, sql, params, NAMES, _INTEGERS, FETCH_CHUNK)
    finally:
        cursor.close()


def _sqlite_halves(
    conn: Connection, path: Path, halves: list[tuple[Any, ...]]
) -> dict[str, pa.ChunkedArray]:
    """The halves read by `storage.driver_rows` in processes of their own, each half in one:
    where the ADBC SQLite driver is installed both (it reads in C at half the CPU of this
    process's tuples), else the first while this process reads the second. A half that a
    process did not give whole is read here."""
    sql = rows_query(conn)
    native = importlib.util.find_spec("adbc_driver_sqlite") is not None
    sides = halves if native else halves[:1]
    beside = [
        driver_rows.Beside(path, sql, half, NAMES, _INTEGERS, FETCH_CHUNK, "seq", half[1:])
        for half in sides
    ]
    try:
        here = [] if native else [_by_tuples(conn, sql, halves[-1])]
    finally:  # never left running, even when this half fails
        found = [side.result() for side in beside]
    parts = []
    for half, side, part in zip(sides, beside, found, strict=True):
        if part is None:
            log.warning("the side read of %s failed; read here: %s", path, side.problem)
            part = _by_tuples(conn, sql, half)
        parts.append(part)
    parts += here
    kinds = {n: pa.int64() if n in _INTEGERS else pa.string() for n in NAMES}
    return {n: pa.chunked_array([c for p in parts for c in p[n].chunks], kinds[n]) for n in NAMES}


def _finish(columns: dict[str, pa.Array | pa.ChunkedArray]) -> pa.Table:
    """The snapshot's claims table: its types, repeated columns dictionary-encoded, and `ts`."""
    arrays: dict[str, pa.Array] = {}
    for name in NAMES:
        column = columns[name]
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        kind = pa.int64() if name in _INTEGERS else pa.string()
        array = column.cast(kind) if column.type != kind else column
        arrays[name] = array.dictionary_encode() if name in REPEATED else array
    arrays[TS] = pa.array(_stamps(arrays["date"]))
    return pa.table(arrays)


def _stamps(dates: pa.Array) -> Floats:
    """Epoch seconds of each date, as `datetime.fromisoformat(date).timestamp()` gives them.
    Dates as the projection writes them (`isoformat` of an aware instant, ASCII digits, within
    285 years of 1970 so that the microseconds are exact as a float) are read by Arrow in C, a
    thirtieth of the time; a column with any other text is read as before, each distinct date
    parsed once by `fromisoformat`."""
    aware = len(dates) and not dates.null_count
    if aware and pc.all(pc.match_substring_regex(dates, _ISO_AWARE)).as_py():
        try:
            micros = dates.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()).to_numpy()
        except pa.ArrowInvalid:
            micros = None
        if micros is not None and int(np.abs(micros).max()) < 2**53:
            seconds: Floats = micros.astype(np.float64) / 1e6  # both exact: as Python divides
            return seconds
    coded = pc.dictionary_encode(dates)
    stamps = [datetime.fromisoformat(t).timestamp() for t in coded.dictionary.to_pylist()]
    codes = coded.indices.to_numpy(zero_copy_only=False)
    found: Floats = np.array(stamps or [0.0], dtype=np.float64)[codes]
    return found


def _codes(column: pa.ChunkedArray | pa.Array) -> tuple[Ints, list[Any]]:
    """Dictionary codes (NONE for nulls) and the values they stand for."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    codes = array.indices.fill_null(NONE).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, array.dictionary.to_pylist()


def _mapped(column: pa.ChunkedArray, code_of: dict[Any, int]) -> Ints:
    codes, values = _codes(column)
    table = np.array([code_of[v] for v in values] or [0], dtype=np.int64)
    return table[codes]


def _qualifiers(column: pa.ChunkedArray) -> Ints:
    """Qualifier codes; NULL (claims recorded before qualifiers) is exact."""
    codes, values = _codes(column)
    exact = QUALIFIER_CODE[Qualifier.EXACT]
    table = np.array([QUALIFIER_CODE[qualifier(v)] for v in values] + [exact], dtype=np.int64)
    return table[codes]  # NONE (-1) picks the last: exact


def claim_columns(table: pa.Table) -> ClaimColumns:
    """Engine columns of a claims table (see `frame.ClaimColumns`)."""
    ids = table["id"].combine_chunks()
    actor, actors = _codes(table["actor"])
    subject, subjects = _codes(table["subject"])
    kind, kinds = _codes(table["type"])
    categories, texts = _codes(table["categories"])
    quantity = table["quantity"].combine_chunks()
    events = table["event_id"].combine_chunks()
    named = pc.if_else(pc.fill_null(pc.equal(events, ""), False), None, events)  # "" names none
    group, keys = _codes(pc.coalesce(named, ids))
    # Arrow sorts strings by their UTF-8 bytes, which is code point order: Python's order.
    group_rank = np.empty(len(keys), dtype=np.int64)
    group_rank[pc.sort_indices(pa.array(keys, pa.string())).to_numpy()] = np.arange(len(keys))
    grade, grades = _codes(table["reliability"])
    ranked = sorted({g or "Z9" for g in grades} | {"Z9"})
    grade_of = np.array([ranked.index(g or "Z9") for g in grades] + [ranked.index("Z9")])
    return ClaimColumns(
        ids=ids.to_pylist(),
        group=group,
        group_keys=keys,
        group_rank=group_rank,
        targets=set(pc.drop_null(table["supersedes"].combine_chunks()).to_pylist()) - {""},
        dates=ArrowStrings(table["date"].combine_chunks()),
        grade=grade_of[grade],  # NONE (-1) picks the last: Z9
        type=kind,
        types=[str(t) for t in kinds],
        id_words=_id_words(ids),
        status=_mapped(table["status"], {s.value: c for s, c in STATUS_CODE.items()}),
        precision=_mapped(table["date_precision"], {p.value: c for p, c in PRECISION_CODE.items()}),
        ts=table[TS].to_numpy(),
        quantity=quantity.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64),
        has_quantity=quantity.is_valid().to_numpy(zero_copy_only=False),
        qualifier=_qualifiers(table["qualifier"]),
        actor=actor,
        subject=subject,
        categories=categories,
        actors=actors,
        subjects=subjects,
        category_sets=[tuple(json.loads(t)) for t in texts],
        unchecked=_unchecked(table["extra"]),
        points=np.array([grade_points(g) for g in grades] + [grade_points(None)])[grade],
        **_sources(table["sources"]),
        **_parts(table["parts"]),
    )


def _id_words(ids: pa.Array) -> Words | None:
    """`claim_columns.id_words` of the ids straight from the column's bytes, when every id has
    one UTF-8 length (the ledger's own ids do)."""
    if ids.null_count or not len(ids):
        return None
    wide = np.int64 if pa.types.is_large_string(ids.type) else np.int32
    offsets = np.frombuffer(ids.buffers()[1], dtype=wide)[ids.offset : ids.offset + len(ids) + 1]
    widths = np.diff(offsets)
    if (widths != widths[0]).any():
        return None
    data = ids.buffers()[2]
    return id_words(memoryview(data)[int(offsets[0]) : int(offsets[-1])], len(ids))


def _parts(column: pa.ChunkedArray) -> dict[str, Any]:
    """Sub-counts as codes into their distinct sets, read once per distinct text; NULL (every
    claim without parts) is NONE."""
    codes, texts = _codes(column)
    sets = [parts_of(json.loads(t)) if t else () for t in texts]
    # An empty object stored is no parts, as NULL is.
    lookup = np.array([i if s else NONE for i, s in enumerate(sets)] + [NONE], dtype=np.int64)
    return {"parts": lookup[codes], "part_sets": sets}


def _sources(column: pa.ChunkedArray) -> dict[str, Any]:
    """Who each claim counts as (`domain.leading.source_key`), read once per distinct text."""
    codes, texts = _codes(column)
    keys: list[str] = []
    table = []
    for text in texts:
        key = source_key(json.loads(text) if text else [], "")
        if key.startswith("claim:"):
            table.append(NONE)
        else:
            table.append(len(keys))
            keys.append(key)
    lookup = np.array([*table, NONE], dtype=np.int64)
    return {"source": lookup[codes], "source_keys": keys}  # NONE (-1) reads the last: none


def _unchecked(column: pa.ChunkedArray) -> Flags:
    """Rows whose `extra` marks a claim kept with `--allow-unknown`, read once per distinct text
    (and parsed only where the key appears at all)."""
    codes, texts = _codes(column)

    def flagged(text: str | None) -> bool:
        if not text or f'"{UNCHECKED}"' not in text:
            return False
        extra = json.loads(text)
        return (
            isinstance(extra, dict)
            and isinstance(extra.get(UNCHECKED), list)
            and bool(extra[UNCHECKED])
        )

    table = np.array([flagged(t) for t in texts] + [False], dtype=bool)
    return table[codes]  # NONE (-1) reads the last: not flagged


class ArrowStrings(Sequence[str]):
    """A string column read one value at a time, for columns read at only a few rows."""

    def __init__(self, array: pa.Array) -> None:
        self._array = array

    @property
    def array(self) -> pa.Array:
        return self._array

    def __len__(self) -> int:
        return len(self._array)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            return self._array[item].to_pylist()
        return self._array[item].as_py()

"""The claims projection as Arrow columns: read in bulk, turned into engine columns, and back
into `Claim` objects for the few rows an assessment lists.

Rows are read through the driver's own cursor: SQLAlchemy's per-row objects cost more than the
query itself at a million rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from sqlalchemy import Connection

from truce.domain.claims import Claim
from truce.domain.engine.frame import (
    NONE,
    PRECISION_CODE,
    STATUS_CODE,
    TYPE_CODE,
    ClaimColumns,
    Ints,
)
from truce.storage.rows import LOAD_COLUMNS, ClaimLoader

NAMES: tuple[str, ...] = tuple(c.name for c in LOAD_COLUMNS)
# Columns with few distinct values are stored dictionary-encoded: smaller files, faster codes.
REPEATED = frozenset(
    {"agreement", "type", "date_precision", "actor", "target", "subject", "categories",
     "status", "reliability", "sources", "location", "phase", "extra", "recorded_by", "notes"}
)  # fmt: skip
TS = "ts"  # epoch seconds of `date`, computed once when rows are read


def read_rows(conn: Connection, agreement: str, after_seq: int) -> pa.Table:
    """The agreement's projection rows with seq > `after_seq`, in seq order, as a table."""
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"SELECT {', '.join(quote(n) for n in NAMES)} FROM claims "
        f"WHERE agreement = {mark} AND seq > {mark} ORDER BY seq"
    )
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, (agreement, after_seq))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [()] * len(NAMES)
    return as_table(columns)


def as_table(columns: Sequence[Sequence[Any]]) -> pa.Table:
    arrays: dict[str, pa.Array] = {}
    for name, values in zip(NAMES, columns, strict=True):
        kind = pa.int64() if name in ("seq", "quantity") else pa.string()
        array = pa.array(values, type=kind)
        arrays[name] = array.dictionary_encode() if name in REPEATED else array
    stamps: dict[str, float] = {}
    for text in columns[NAMES.index("date")]:
        if text not in stamps:
            stamps[text] = datetime.fromisoformat(text).timestamp()
    dates = columns[NAMES.index("date")]
    arrays[TS] = pa.array([stamps[t] for t in dates], type=pa.float64())
    return pa.table(arrays)


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


def claim_columns(table: pa.Table) -> ClaimColumns:
    """Engine columns of a claims table (see `frame.ClaimColumns`)."""
    ids = table["id"].to_pylist()
    events = table["event_id"].to_pylist()
    actor, actors = _codes(table["actor"])
    subject, subjects = _codes(table["subject"])
    categories, texts = _codes(table["categories"])
    quantity = table["quantity"].combine_chunks()
    return ClaimColumns(
        ids=ids,
        groups=[e or i for e, i in zip(events, ids, strict=True)],
        supersedes=table["supersedes"].to_pylist(),
        dates=table["date"].to_pylist(),
        reliability=table["reliability"].to_pylist(),
        type=_mapped(table["type"], {t.value: c for t, c in TYPE_CODE.items()}),
        status=_mapped(table["status"], {s.value: c for s, c in STATUS_CODE.items()}),
        precision=_mapped(table["date_precision"], {p.value: c for p, c in PRECISION_CODE.items()}),
        ts=table[TS].to_numpy(),
        quantity=quantity.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64),
        has_quantity=quantity.is_valid().to_numpy(zero_copy_only=False),
        actor=actor,
        subject=subject,
        categories=categories,
        actors=actors,
        subjects=subjects,
        category_sets=[tuple(json.loads(t)) for t in texts],
    )


class ClaimFetcher:
    """`Claim` objects for rows of a claims table, built as the ledger builds them.

    Arrow's `to_pylist` costs about a microsecond a value; dictionary-encoded columns are read
    as NumPy codes into the (short) list of their values instead.
    """

    def __init__(self, table: pa.Table) -> None:
        table = table.select(list(NAMES)).combine_chunks()
        self._plain: dict[int, pa.Array] = {}
        self._coded: dict[int, tuple[pa.Array, list[Any]]] = {}
        for i, name in enumerate(NAMES):
            column = table[name]
            array = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
            if name in REPEATED and pa.types.is_dictionary(array.type):
                # NONE (-1) reads the last value: None.
                self._coded[i] = (array.indices, [*array.dictionary.to_pylist(), None])
            else:
                self._plain[i] = array
        self._loader = ClaimLoader()

    def __call__(self, rows: Sequence[int]) -> list[Claim]:
        if not rows:
            return []
        at = pa.array(np.asarray(rows, dtype=np.int64))
        columns: list[list[Any]] = []
        for i in range(len(NAMES)):
            if i in self._coded:
                indices, values = self._coded[i]
                codes = indices.take(at).fill_null(NONE).to_numpy(zero_copy_only=False)
                columns.append([values[c] for c in codes.tolist()])
            else:
                columns.append(self._plain[i].take(at).to_pylist())
        return self._loader.load(zip(*columns, strict=True))

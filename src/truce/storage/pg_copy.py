"""PostgreSQL rows into Arrow in bulk: the query's result as CSV through `COPY ... TO STDOUT` on
the connection's own psycopg cursor, parsed by Arrow's CSV reader in C.

Fetching a million rows as Python tuples (psycopg builds one object per value) and turning them
into columns cost about as much as everything else in a cold status. CSV keeps types exact here:
every column's type is given (nothing is guessed), every value that is not NULL is quoted
(`FORCE_QUOTE *`), and only an unquoted empty field reads as NULL, so an empty string, the text
"NULL" or "NA", commas, quotes and line breaks inside values all come back as they were stored.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as csv  # type: ignore[import-untyped]
from sqlalchemy import Connection


def copy_columns(
    conn: Connection,
    sql: str,
    params: tuple[Any, ...],
    names: tuple[str, ...],
    integers: Iterable[str],
) -> dict[str, pa.ChunkedArray]:
    """The columns `names` of `sql` (with psycopg's `%s` marks), typed: `integers` as int64,
    every other column as text."""
    integer = set(integers)
    buffer = io.BytesIO()
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)"
        with cursor.copy(statement, params) as copy:
            for data in copy:
                buffer.write(data)
    finally:
        cursor.close()
    kinds = {n: pa.int64() if n in integer else pa.string() for n in names}
    if buffer.tell() == 0:
        return {n: pa.chunked_array([], kind) for n, kind in kinds.items()}
    table = csv.read_csv(
        pa.py_buffer(buffer.getbuffer()),
        read_options=csv.ReadOptions(column_names=list(names), block_size=1 << 24),
        parse_options=csv.ParseOptions(newlines_in_values=True),
        convert_options=csv.ConvertOptions(
            column_types=kinds,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    return {n: table[n] for n in names}

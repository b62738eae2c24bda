"""A query's rows into typed Arrow columns through a DB-API cursor, and a part of a SQLite file's
rows read so in a process of its own, beside the process that asked.

Fetching the tuples and turning them into columns holds the interpreter: at a million claims it
is most of a cold read of a SQLite ledger (seconds), on one core however many there are. So a
long read is split (`storage.columnar`): this module is run as a script (`python -I
driver_rows.py`, standard library and Arrow only, so it starts in a fraction of a second without
the package) on the first half, and writes its columns to its output as an Arrow IPC stream,
while the asking process reads the second half. The part read there is rows no transaction
changes any more (up to a chain head read before), and the script opens the file read-only;
locks are a process's own, so its connection's closing takes no lock from the asking process's
(`storage.columnar`'s note on a second SQLite library). Whatever goes wrong there, the asking
process reads that half itself.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
from typing import Any
from urllib.request import pathname2url

import pyarrow as pa  # type: ignore[import-untyped]


def columns(
    cursor: Any,
    sql: str,
    params: tuple[Any, ...],
    names: tuple[str, ...],
    integers: frozenset[str],
    chunk: int,
) -> dict[str, pa.ChunkedArray]:
    """The columns `names` of `sql`, typed (`integers` as int64, the rest text), fetched `chunk`
    rows at a time. Each chunk's tuples go to Arrow whole, as one array of rows (a struct per
    tuple) split into its columns after: a third of the time of making the columns here."""
    kinds = [pa.int64() if n in integers else pa.string() for n in names]
    row = pa.struct([pa.field(n, kind) for n, kind in zip(names, kinds, strict=True)])
    chunks: list[pa.StructArray] = []
    cursor.execute(sql, params)
    while rows := cursor.fetchmany(chunk):
        chunks.append(pa.array(rows, row))
    return {
        n: pa.chunked_array([c.field(i) for c in chunks], kind)
        for i, (n, kind) in enumerate(zip(names, kinds, strict=True))
    }


def main(argv: list[str]) -> None:
    """`driver_rows.py FILE REQUEST`: REQUEST is JSON (sql, params, names, integers, chunk); the
    columns are written to standard output as an Arrow IPC stream."""
    path, request = argv
    asked = json.loads(request)
    gc.disable()  # the tuples hold no cycles
    conn = sqlite3.connect(f"file:{pathname2url(path)}?mode=ro", uri=True)
    try:
        found = columns(
            conn.cursor(),
            asked["sql"],
            tuple(asked["params"]),
            tuple(asked["names"]),
            frozenset(asked["integers"]),
            int(asked["chunk"]),
        )
    finally:
        conn.close()
    table = pa.table(found)
    with pa.ipc.new_stream(sys.stdout.buffer, table.schema) as writer:
        writer.write_table(table)


if __name__ == "__main__":
    main(sys.argv[1:])

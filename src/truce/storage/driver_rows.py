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
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

import numpy as np
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


class Beside:
    """A part of a SQLite file's rows read by this script in a process of its own, started at
    once; `result()` waits for it and gives its columns, or None when it failed or gave
    anything but the part asked (the types asked; `key` rising strictly within `bounds`,
    (after, up to])."""

    def __init__(
        self,
        path: Path,
        sql: str,
        params: tuple[Any, ...],
        names: tuple[str, ...],
        integers: frozenset[str],
        chunk: int,
        key: str,
        bounds: tuple[int, int],
    ) -> None:
        asked = {"sql": sql, "params": params, "names": names, "integers": sorted(integers),
                 "chunk": chunk}  # fmt: skip
        command = [sys.executable, "-I", __file__, str(path), json.dumps(asked)]
        self._names, self._integers, self._key, self._bounds = names, integers, key, bounds
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._done: Future[subprocess.CompletedProcess[bytes]] = self._pool.submit(
            subprocess.run, command, capture_output=True, check=False
        )
        self.problem = ""

    def result(self) -> dict[str, pa.ChunkedArray] | None:
        try:
            done = self._done.result()
        except OSError as exc:  # no interpreter to start (an embedded one), no process left
            self.problem = str(exc)
            return None
        finally:
            self._pool.shutdown()
        self.problem = done.stderr.decode("utf-8", "replace")[-500:]
        if done.returncode != 0:
            return None
        try:
            table = pa.ipc.open_stream(pa.py_buffer(done.stdout)).read_all()
        except (pa.ArrowInvalid, OSError) as exc:
            self.problem = str(exc)
            return None
        kinds = [pa.int64() if n in self._integers else pa.string() for n in self._names]
        if table.schema.names != list(self._names) or table.schema.types != kinds:
            return None
        key = table[self._key].to_numpy()
        after, upto = self._bounds
        if len(key) and not (key[0] > after and key[-1] <= upto and (np.diff(key) > 0).all()):
            return None
        return {n: table[n] for n in self._names}


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

"""A query's rows into typed Arrow columns through a DB-API cursor, and a part of a SQLite file's
rows read in a process of its own, beside the process that asked.

Fetching the tuples and turning them into columns holds the interpreter: at a million claims it
is most of a cold read of a SQLite ledger (seconds), on one core however many there are. So a
long read is split (`storage.columnar`): this module is run as a script (`python -I
driver_rows.py`, without the package, so it starts in a fraction of a second) on each half, and
writes its columns as an Arrow IPC stream to a file of no name that the asking process maps.
There the rows are read by the ADBC SQLite driver, in C, at half the CPU of the tuples (`native`);
where it is not installed or does not give the types asked, by `sqlite3`'s tuples. The part
read there is rows no transaction changes any more (up to a chain head read before), and the
script opens the file read-only; locks are a process's own, so its connection's closing takes no
lock from the asking process's (`storage.columnar`'s note on a second SQLite library). Whatever
goes wrong there, the asking process reads that half itself.
"""

from __future__ import annotations

import gc
import json
import mmap
import sqlite3
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

# The ADBC SQLite driver's batch size (2**31 - 1 is refused): every row in one batch.
ONE_BATCH = 2**30


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
        # Its Arrow stream goes to a file of no name, mapped here: no copy through a pipe.
        self._out = tempfile.TemporaryFile()  # noqa: SIM115 (`result` closes it)
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._done: Future[subprocess.CompletedProcess[bytes]] = self._pool.submit(
            subprocess.run, command, stdout=self._out, stderr=subprocess.PIPE, check=False
        )
        self.problem = ""

    def result(self) -> dict[str, pa.ChunkedArray] | None:
        with self._out:  # its bytes live on in the mapping while its columns do
            table = self._table()
        if table is None:
            return None
        kinds = [pa.int64() if n in self._integers else pa.string() for n in self._names]
        if table.schema.names != list(self._names) or table.schema.types != kinds:
            return None
        key = table[self._key].to_numpy()
        after, upto = self._bounds
        if len(key) and not (key[0] > after and key[-1] <= upto and (np.diff(key) > 0).all()):
            return None
        return {n: table[n] for n in self._names}

    def _table(self) -> pa.Table | None:
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
            written = mmap.mmap(self._out.fileno(), 0, access=mmap.ACCESS_READ)
            return pa.ipc.open_stream(pa.py_buffer(written)).read_all()
        except (pa.ArrowInvalid, OSError, ValueError) as exc:  # ValueError: an empty file
            self.problem = str(exc)
            return None


def native(
    path: str, sql: str, params: tuple[Any, ...], names: tuple[str, ...], integers: frozenset[str]
) -> pa.Table | None:
    """The columns `names` of `sql` read by the ADBC SQLite driver (SQLite's rows into Arrow in
    C: half the CPU of the tuples at a million claims), typed as `columns` types them; None
    when that driver is not installed or gives any other type. It types each column from the
    values of the batch it reads, so the rows are read as one batch (a column NULL in every row
    it reads is typed int64, and is the type asked with no value); only in a process of its own
    (`storage.columnar`'s note on a second SQLite library)."""
    try:  # the driver's own handles: its DB-API module imports pandas, a third of a second
        import adbc_driver_manager as adbc
        import adbc_driver_sqlite
    except ImportError:
        return None
    marks = pa.RecordBatch.from_arrays(
        [_one(p) for p in params], [f"p{i}" for i in range(len(params))]
    )
    try:
        with (
            adbc_driver_sqlite.connect(f"file:{pathname2url(path)}?mode=ro") as database,
            adbc.AdbcConnection(database) as conn,
            adbc.AdbcStatement(conn) as statement,
        ):
            statement.set_options(**{"adbc.sqlite.query.batch_rows": str(ONE_BATCH)})
            statement.set_sql_query(sql)
            statement.bind(marks)
            stream, _ = statement.execute_query()
            read = pa.RecordBatchReader._import_from_c(stream.address).read_all()
        read.validate(full=True)  # text that is not UTF-8, which `sqlite3` refuses: 0.03 s
    except (adbc.Error, pa.ArrowException, OSError):
        return None  # the tuples read it, or say what is wrong
    if read.schema.names != list(names):
        return None
    typed = []
    for name, column in zip(names, read.columns, strict=True):
        kind = pa.int64() if name in integers else pa.string()
        if column.type != kind:
            if column.null_count != len(column):
                return None  # a value of another type: the tuples say what it is
            column = pa.nulls(len(column), kind)
        typed.append(column)
    return pa.table(typed, names=list(names))


def _one(value: str | int) -> pa.Array:
    """A one-value array made from its buffers: Arrow converting a Python value imports pandas
    first (a third of a second, here for nothing)."""
    if isinstance(value, str):
        data = value.encode()
        offsets = struct.pack("<ii", 0, len(data))
        buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data)]
        return pa.Array.from_buffers(pa.string(), 1, buffers)
    return pa.Array.from_buffers(pa.int64(), 1, [None, pa.py_buffer(struct.pack("<q", value))])


def main(argv: list[str]) -> None:
    """`driver_rows.py FILE REQUEST`: REQUEST is JSON (sql, params, names, integers, chunk); the
    columns are written to standard output as an Arrow IPC stream, read by the ADBC SQLite
    driver where it is installed and gives the types asked, else by `sqlite3`'s tuples."""
    path, request = argv
    asked = json.loads(request)
    sql, params = asked["sql"], tuple(asked["params"])
    names, integers = tuple(asked["names"]), frozenset(asked["integers"])
    table = native(path, sql, params, names, integers)
    if table is None:
        gc.disable()  # the tuples hold no cycles
        conn = sqlite3.connect(f"file:{pathname2url(path)}?mode=ro", uri=True)
        try:
            table = pa.table(
                columns(conn.cursor(), sql, params, names, integers, int(asked["chunk"]))
            )
        finally:
            conn.close()
    with pa.ipc.new_stream(sys.stdout.buffer, table.schema) as writer:
        writer.write_table(table)


if __name__ == "__main__":
    main(sys.argv[1:])

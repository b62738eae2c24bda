"""The projection reader status snapshots used until 2026-12-06, kept to time against the
current one (bench/core.py): SQLite rows into Arrow in C, through the ADBC SQLite driver.

It was dropped because it is a second SQLite library in the process: closing its handle drops
the POSIX locks the process's sqlite3 connections hold on the same file (docs/ledger.md). Only
the benchmark loads it, in a process where no other one shares the ledger. Needs
`pip install adbc-driver-sqlite`; without it the benchmark leaves the column empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa

from truce.storage import columnar
from truce.storage.db import sqlite_path

_ONE_BATCH = {"adbc.sqlite.query.batch_rows": str(2**30)}  # (2**31 - 1 is refused)


def available() -> bool:
    try:
        import adbc_driver_sqlite.dbapi  # noqa: F401
    except ImportError:
        return False
    return True


def read_table(path: Path, sql: str, params: tuple[Any, ...]) -> pa.Table:
    import adbc_driver_sqlite.dbapi as adbc

    uri = f"file:{quote(str(path))}?mode=ro"
    with adbc.connect(uri) as conn, conn.cursor() as cursor:
        cursor.adbc_statement.set_options(**_ONE_BATCH)
        cursor.execute(sql, params)
        return cursor.fetch_arrow_table()


def read_rows(conn: Any, agreement: str, after_seq: int, upto_seq: int) -> pa.Table:
    """What `columnar.read_rows` was: the driver's table, finished the same way."""
    path = sqlite_path(str(conn.engine.url))
    assert path is not None
    read = read_table(path, columnar.rows_query(conn), (agreement, after_seq, upto_seq))
    return columnar._finish({n: read[n] for n in columnar.NAMES})

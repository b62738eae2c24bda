"""SQLite rows straight into Arrow columns, in C, through the ADBC SQLite driver.

Pulling a million rows through Python tuples costs several seconds before any column exists;
the driver builds the columns itself. It infers each column's type from the rows it reads, so
it is asked to read them all in one batch (a column NULL in its first rows and text later would
otherwise fail); anything it cannot read is left to the caller's own path (None).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa  # type: ignore[import-untyped]

_ONE_BATCH = {"adbc.sqlite.query.batch_rows": str(2**30)}  # (2**31 - 1 is refused)


def read_table(path: Path, sql: str, params: tuple[Any, ...]) -> pa.Table | None:
    try:
        import adbc_driver_manager
        import adbc_driver_sqlite.dbapi as adbc
    except ImportError:
        return None
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        with adbc.connect(uri) as conn, conn.cursor() as cursor:
            cursor.adbc_statement.set_options(**_ONE_BATCH)
            cursor.execute(sql, params)
            return cursor.fetch_arrow_table()
    except (adbc_driver_manager.Error, OSError, pa.ArrowException):
        return None

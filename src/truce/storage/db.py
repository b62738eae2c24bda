"""Turning a `--db` value into a SQLAlchemy engine with the settings the ledger relies on."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url

# Writers wait this long for the SQLite write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Page cache per connection (SQLite's default is 2 MiB). Claim ids and entry hashes are random,
# so every append touches pages all over their indexes; past a few hundred thousand claims a
# small cache turns appends into disk reads.
SQLITE_CACHE_KIB = 65_536

# Connections opened with this execution option take the write lock at BEGIN (SQLite) so the
# chain head read inside the transaction cannot go stale before the insert.
WRITE_OPTION = "truce_write"


def resolve_url(path_or_url: str) -> str:
    """A plain path becomes a SQLite URL; PostgreSQL URLs get the psycopg 3 driver."""
    if "://" not in path_or_url:
        return f"sqlite:///{Path(path_or_url).expanduser().resolve()}"
    scheme, rest = path_or_url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return path_or_url


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other back ends and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    url = resolve_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    _take_over_sqlite_transactions(engine)
    return engine


def _take_over_sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own implicit BEGIN is deferred and cannot be made IMMEDIATE; emit our own.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL, not the NORMAL many WAL set-ups use: each commit is fsynced before it returns,
        # so an acknowledged write survives a power loss, not only a killed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

"""The mechanics of appending to the chain: one writer at a time, head read under the lock."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, select, text

from truce.storage.chain import GENESIS, entry_hash
from truce.storage.db import WRITE_OPTION, sqlite_path
from truce.storage.head_log import log_path, note_head
from truce.storage.records import Entry
from truce.storage.tables import entries

# Any fixed 64-bit number; it only has to be the same for every truce writer on a server.
PG_APPEND_LOCK = 0x7472756365  # "truce"

# Rows per executemany call: large enough to amortise round trips, small enough for memory.
INSERT_CHUNK = 5_000
# Rows after which a PostgreSQL append refreshes the planner's statistics.
ANALYZE_AFTER = 10_000


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the ledger's single append lock until it commits or rolls back.

    Beside a SQLite file, the head it committed is then noted in the head log (`head_log`).
    """
    ledger_file = sqlite_path(str(engine.url))
    committed: Entry | None = None
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_APPEND_LOCK})
            yield conn
            if ledger_file is not None:
                committed = read_head(conn)
    if ledger_file is not None and committed is not None:
        note_head(log_path(ledger_file), committed.seq, committed.hash)


def read_head(conn: Connection) -> Entry | None:
    row = conn.execute(select(entries).order_by(entries.c.seq.desc()).limit(1)).first()
    return Entry(*row) if row else None


@dataclass(frozen=True, slots=True)
class Pending:
    """An entry waiting for its place in the chain."""

    kind: str
    ref: str
    payload: str
    recorded_by: str | None


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def link(head: Entry | None, pending: Sequence[Pending]) -> list[Entry]:
    """Give pending entries their seqs and hashes, continuing the chain after `head`."""
    seq = head.seq if head else 0
    prev = head.hash if head else GENESIS
    at = now_utc()
    out: list[Entry] = []
    for p in pending:
        seq += 1
        digest = entry_hash(seq, p.kind, p.ref, p.payload, p.recorded_by, at, prev)
        out.append(Entry(seq, p.kind, p.ref, p.payload, p.recorded_by, at, prev, digest))
        prev = digest
    return out


def append_entry(conn: Connection, pending: Pending) -> Entry:
    """Chain one entry after the head, inside a `write_transaction` (which holds the lock)."""
    (entry,) = link(read_head(conn), [pending])
    conn.execute(entries.insert(), [entry.as_dict()])
    return entry


def insert_rows(conn: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows given as tuples in the table's column order, straight through the driver.

    Appends are the hot path; going around SQLAlchemy's per-row parameter processing roughly
    halves their cost on SQLite, and COPY is an order of magnitude faster than INSERT on
    PostgreSQL. The values are plain str/int/None that need no processing.
    """
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(c.name) for c in table.columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if len(rows) >= ANALYZE_AFTER:
            # Fresh bulk rows leave the planner thinking the table is tiny; the next batch's
            # id lookups would then scan it instead of using the primary key.
            conn.exec_driver_sql(f"ANALYZE {quote(table.name)}")
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(table.columns))
    sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"
    for start in range(0, len(rows), INSERT_CHUNK):
        conn.exec_driver_sql(sql, list(rows[start : start + INSERT_CHUNK]))

"""Where what is kept to answer fast lives: the one module that decides.

What truce keeps (the judged status answers, `storage.answers`; the "now" answer with its span,
`storage.held`; the previous judgment's breach rows, `storage.kept_breaches`; the agreement's
event frame for its pages, `storage.kept_frame`) lives in the ledger's own database, in the
`kept` table (migration 0014): every process and host on the ledger, whoever runs it and
wherever its cache folder is, reads what any of them kept. A fresh `truce serve`, a second host
on one PostgreSQL database, or another user of a SQLite file reads the answer the first judged
instead of judging a million claims again.

Each row is one named thing of one agreement: a header (JSON: what it was made from, checked by
its reader) and a body (bytes), with the chain head it belongs to (`seq`, `hash`; 0 and "" for
one not tied to a head) and when it was written. A cache, never a source:

- a reader believes a row only if its header is the one it would write (format, rules, head,
  length and SHA-256 of the body), else makes it again;
- a row is written whole or not at all (one statement, an upsert, in a transaction of its own,
  outside any append's), so no reader sees half of one;
- a write that fails (a locked SQLite file, a lost connection, a ledger opened read-only) is
  logged and ignored: it only costs the next reader the work; it never fails, and never runs
  inside, an append. On SQLite a write holds the file's write lock for as long as it takes
  to copy the body (milliseconds per megabyte): an append asked meanwhile waits that long.
- a read that fails is logged and read as nothing kept;
- a body of `PACK_FROM` bytes or more is stored compressed (zstd) when that saves a tenth or
  more, marked so, and unpacked as it is read: headers describe the body as written, so the
  readers' checks are unchanged.

The snapshot's claims (`storage.snapshot`) are read from files in the cache folder, memory-mapped;
a copy of them is kept here too (`storage.kept_snapshot`), so a process without the files (a
fresh server, another host) folds an append into that copy instead of reading every claim.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
from sqlalchemy import Connection, Engine, and_, delete, not_, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from truce.storage.tables import kept

log = logging.getLogger("truce.kept")
# Bodies of this size or more are stored compressed when that pays (`_packed`): the status
# API's bytes at a million claims are 19 MB of JSON, read, hashed and sent on every cold read.
PACK_FROM = 64 * 1024
PACKED = b"\x00truce-zstd\x00"  # no JSON text or Arrow IPC stream starts so
_ZSTD = pa.Codec("zstd", compression_level=1)


def read(
    engine: Engine, agreement: str, name: str, body: bool = True
) -> tuple[dict[str, Any], bytes | None] | None:
    """The header of the row kept as `name` and (if `body`) its body; None when there is none,
    or it cannot be read (logged)."""
    columns = [kept.c.header, kept.c.body] if body else [kept.c.header]
    query = select(*columns).where(kept.c.agreement == agreement, kept.c.name == name)
    try:
        with engine.connect() as conn:
            row = conn.execute(query).first()
    except SQLAlchemyError as exc:
        log.warning("could not read kept %s of %s: %s", name, agreement, _reason(exc))
        return None
    if row is None:
        return None
    header = _header(row[0])
    if header is None or not body:
        return None if header is None else (header, None)
    data = _unpacked(bytes(row[1]))
    return None if data is None else (header, data)


def read_many(
    engine: Engine, agreement: str, names: list[str]
) -> dict[str, tuple[dict[str, Any], bytes]]:
    """The rows kept as `names` (header and body), read in one statement: as they were at one
    moment, never one row from before a write and another from after it. Those that cannot be
    read are left out (logged)."""
    query = select(kept.c.name, kept.c.header, kept.c.body).where(
        kept.c.agreement == agreement, kept.c.name.in_(names)
    )
    try:
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    except SQLAlchemyError as exc:
        log.warning("could not read kept %s of %s: %s", ", ".join(names), agreement, _reason(exc))
        return {}
    found: dict[str, tuple[dict[str, Any], bytes]] = {}
    for name, text, body in rows:
        header = _header(text)
        data = None if header is None else _unpacked(bytes(body))
        if header is not None and data is not None:
            found[name] = (header, data)
    return found


def _header(text: str) -> dict[str, Any] | None:
    """A kept row's header, or None when it is not a JSON object."""
    try:
        header = json.loads(text)
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


def write(
    engine: Engine,
    agreement: str,
    name: str,
    header: dict[str, Any],
    body: bytes,
    head: tuple[int, str] = (0, ""),
) -> bool:
    """Keep `body` under `name`, replacing what was kept there; False (logged) when the database
    refuses. Never raises: a cache write must never fail the request that made it."""
    return write_many(engine, agreement, [Row(name, header, body, head)])


@dataclass(frozen=True)
class Row:
    """One row to keep (`write_many`)."""

    name: str
    header: dict[str, Any]
    body: bytes
    head: tuple[int, str] = (0, "")
    pack: bool = True  # False: the body is compressed already (`_packed` would not pay)


def write_many(
    engine: Engine,
    agreement: str,
    rows: list[Row],
    drop: tuple[str, ...] = (),
    unless: Callable[[Connection], bool] | None = None,
) -> bool:
    """Keep `rows` and drop the rows named `drop`, all in one transaction (a reader sees all or
    none of it), unless `unless(conn)` says otherwise inside it; False (logged) when the
    database refuses, or `unless` declined. Never raises, as `write`."""
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    names = ", ".join(r.name for r in rows)
    try:
        with engine.begin() as conn:
            if unless is not None and unless(conn):
                return False
            for row in rows:
                values = {
                    "agreement": agreement,
                    "name": row.name,
                    "seq": row.head[0],
                    "hash": row.head[1],
                    "written": time.time(),
                    "header": json.dumps(row.header),
                    "body": _packed(row.body) if row.pack else row.body,
                }
                upsert = insert(kept).values(**values)
                upsert = upsert.on_conflict_do_update(
                    index_elements=[kept.c.agreement, kept.c.name],
                    set_={
                        k: upsert.excluded[k] for k in ("seq", "hash", "written", "header", "body")
                    },
                )
                conn.execute(upsert)
            if drop:
                conn.execute(
                    delete(kept).where(kept.c.agreement == agreement, kept.c.name.in_(drop))
                )
    except SQLAlchemyError as exc:
        log.warning("could not keep %s of %s: %s", names, agreement, _reason(exc))
        return False
    return True


def prune(engine: Engine, agreement: str, prefix: str, head: tuple[int, str], keep: int) -> None:
    """Drop the rows named `prefix…` of another head than `head`, then all but the newest `keep`
    of the rest. Best effort, as `write`."""
    named = and_(kept.c.agreement == agreement, kept.c.name.startswith(prefix, autoescape=True))
    other = or_(kept.c.seq != head[0], kept.c.hash != head[1])
    try:
        with engine.begin() as conn:
            conn.execute(delete(kept).where(named, other))
            newest = select(kept.c.name).where(named).order_by(kept.c.written.desc()).limit(keep)
            names = list(conn.execute(newest).scalars())
            conn.execute(delete(kept).where(named, not_(kept.c.name.in_(names))))
    except SQLAlchemyError as exc:
        log.warning("could not prune kept %s of %s: %s", prefix, agreement, _reason(exc))


def _packed(body: bytes) -> bytes:
    """The body as stored: compressed (zstd) when that saves a tenth or more, marked so."""
    if len(body) < PACK_FROM:
        return body
    packed: bytes = _ZSTD.compress(body, asbytes=True)
    if len(packed) > len(body) * 0.9:
        return body
    return PACKED + len(body).to_bytes(8, "little") + packed


def _unpacked(stored: bytes) -> bytes | None:
    """The body `_packed` stored; None (logged) when its compressed bytes do not unpack."""
    if not stored.startswith(PACKED):
        return stored
    start = len(PACKED) + 8
    size = int.from_bytes(stored[len(PACKED) : start], "little")
    try:
        return bytes(_ZSTD.decompress(stored[start:], decompressed_size=size, asbytes=True))
    except (pa.ArrowException, OSError, ValueError) as exc:
        log.warning("a kept body does not unpack: %s", exc)
        return None


def _reason(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]

"""A columnar snapshot of one agreement's claims and events, kept beside the ledger.

The snapshot is a cache, never a source: it records the chain entry (seq and hash) it was
built at, and is used only while that entry is still in the chain with that hash. Claims
appended since are read from the projection and folded in: only the events they touch are
regrouped (`storage.regroup`), the rest reused. Anything else (a rewritten chain, an unreadable,
mismatched or foreign file, another format) means a rebuild from the projection. Arrow IPC files
per agreement, read memory-mapped:

- `<key>.claims.arrow`: the projection rows (as `Ledger.claims` reads them) plus `ts`, up to the
  entry the file was last written whole at (its `base`, a random id);
- `<key>.tail.arrow`: the rows appended since that base (absent when there are none); folded into
  the claims file once it passes `COMPACT_ROWS` rows or a tenth of the claims file;
- `<key>.events.arrow`: the `EventFrame` (events in clock order, each with its claims' rows,
  counted over the claims file then the tail), at the snapshot's entry.

A copy lives in the ledger's database (`storage.kept_snapshot`, passed in as `Shared`): a process
whose folder holds no good snapshot takes that copy (and writes it to its folder) before it
reads the whole projection; each new base and each tail it writes, it keeps there too.

A fold's tail and frame, and a new base's files, are written where `storage.put_off` says: at
once, or, in the server's background warm and its start-up build, once the frame they were made
for is out. Meanwhile the process reads what it last made from memory (per snapshot path: a fold
while it extends the files' base to a later head still in the chain, a new base until its files
are written), so a second read right after reads and folds nothing again.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
from sqlalchemy import Connection, Engine, func, select

from truce.domain.engine.claim_columns import PRECISIONS, STATUSES
from truce.domain.engine.frame import EventFrame, reduce_columns
from truce.storage import put_off, rules_version
from truce.storage.columnar import ArrowStrings, claim_columns, read_rows
from truce.storage.fetch import ClaimFetcher
from truce.storage.regroup import regroup
from truce.storage.tables import claims as claim_rows
from truce.storage.tables import entries
from truce.storage.writes import read_head

# Version 2: claims carry a qualifier, and disputes are decided on intervals (domain.readings).
FORMAT = json.dumps(
    # Version 3: frames hold the claims set aside for their date (`out_of_range`) and the
    # claims kept with `--allow-unknown` (`unchecked`). Version 4: the leading figure is the one
    # independent sources back best (domain.leading), no longer the lowest of the best status.
    # Version 5: event types are open (declared provisions), coded per frame like actors.
    # Version 6: events whose claims' dates dispute are flagged (`date_disputed`).
    # Version 7: the claims come in two files (the base and the tail appended since), and the
    # events' member rows count over both. Version 8: judged status answers are kept beside
    # the snapshot per chain head and instant (`storage.answers`). `rules`: the rules' source
    # (storage.rules_version), so a release that changes grouping or ranking never serves the
    # old rules' frames. Version 9: events carry their leading claim's sub-counts (`parts`).
    {
        "version": 9,
        "rules": rules_version.current(),
        "codes": [[t.value for t in group] for group in (STATUSES, PRECISIONS)],
    }
)
_NUMBERS = ("at", "known_at", "type", "actor", "subject", "categories", "quantity", "parts")
_FLAGS = ("has_quantity", "disputed", "date_disputed")
# After an append, regroup only the events the new claims touch; False regroups every claim
# (what the snapshot did before; bench/status_1m.py times both).
INCREMENTAL = True
COMPACT_ROWS = 100_000
# Per snapshot path, the last snapshot this process folded: read in place of the files while
# their writing is put off (`_newest`).
_LATEST: dict[Path, Stored] = {}
_LATEST_LOCK = threading.Lock()


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


@dataclass(frozen=True)
class Stored:
    head: Head
    base: str  # the claims file's id
    claims: pa.Table
    tail: pa.Table | None
    frame: EventFrame
    keys: pa.Array
    claims_head: Head  # the head the claims table reaches; the tail, if any, runs to `head`

    @property
    def parts(self) -> list[pa.Table]:
        return [self.claims] if self.tail is None else [self.claims, self.tail]


class Shared(Protocol):
    """A copy of the snapshot that every process on the ledger reads (`storage.kept_snapshot`:
    in the ledger's database), for a process whose cache folder holds none."""

    def read(self, conn: Connection) -> Stored | None:
        """The copy, if one is kept, good and in the chain `conn` reads."""

    def keep(self, stored: Stored, new_base: bool) -> None:
        """Keep `stored` (its claims too when `new_base`, else only its tail and frame, if the
        copy kept is of the same base). Best effort."""


def load_frame(
    engine: Engine, agreement: str, directory: Path | None, shared: Shared | None = None
) -> tuple[EventFrame, ClaimFetcher]:
    """The agreement's events as columns, from the snapshot where it is still good: this cache
    folder's, else the `shared` copy's (then written to the folder)."""
    frame, fetch, _ = load_frame_at(engine, agreement, directory, shared)
    return frame, fetch


def load_frame_at(
    engine: Engine, agreement: str, directory: Path | None, shared: Shared | None = None
) -> tuple[EventFrame, ClaimFetcher, Head]:
    """`load_frame`, and the chain head whose record the frame is (read in the same
    transaction as its rows)."""
    made = _load(engine, agreement, directory, shared, None)
    assert made is not None  # with no bound, every claim is read where nothing good is kept
    return made


def keep_at_head(
    engine: Engine, agreement: str, directory: Path | None, shared: Shared | None, whole_up_to: int
) -> bool:
    """What a writer no server's warm follows (`truce record`) leaves for the next reader: the
    snapshot folded to the head where one is good (this folder's or the `shared` copy), and
    kept; where none is, built from every claim only while the agreement has at most
    `whole_up_to` claims. Whether a snapshot at the head is kept now."""
    return _load(engine, agreement, directory, shared, whole_up_to) is not None


def _load(
    engine: Engine,
    agreement: str,
    directory: Path | None,
    shared: Shared | None,
    whole_up_to: int | None,
) -> tuple[EventFrame, ClaimFetcher, Head] | None:
    """`load_frame_at`; with `whole_up_to`, None instead of reading every claim of an agreement
    that has more than that many."""
    path = snapshot_path(directory, agreement) if directory is not None else None
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        entry = read_head(conn)
        head = Head(entry.seq, entry.hash) if entry else Head(0, "")
        stored = _read(path, agreement) if path is not None else None
        stored = _newest(conn, path, stored)
        if (stored is None or not still_in_chain(conn, stored.head)) and shared is not None:
            stored = shared.read(conn)
            if stored is not None and path is not None:
                _put_files(path, agreement, stored)
        if stored is not None and still_in_chain(conn, stored.head):
            new = read_rows(conn, agreement, stored.head.seq, head.seq)
            if new.num_rows == 0:
                return stored.frame, ClaimFetcher(*stored.parts), head
            if INCREMENTAL:
                return (*_fold(path, agreement, head, stored, new, shared), head)
            claims = pa.concat_tables([*stored.parts, new]).combine_chunks()
        elif whole_up_to is not None and _more_claims(conn, agreement, head, whole_up_to):
            return None
        else:
            claims = read_rows(conn, agreement, 0, head.seq)
    frame = reduce_columns(claim_columns(claims))
    _write_base(path, agreement, head, claims, frame, shared)
    return frame, ClaimFetcher(claims), head


def _more_claims(conn: Connection, agreement: str, head: Head, bound: int) -> bool:
    """Whether the agreement has more than `bound` claims: no more than the chain's entries,
    else counted over at most `bound + 1` rows of its index."""
    if head.seq <= bound:
        return False
    some = select(claim_rows.c.seq).where(claim_rows.c.agreement == agreement).limit(bound + 1)
    found = conn.execute(select(func.count()).select_from(some.subquery())).scalar_one()
    return int(found) > bound


def _fold(
    path: Path | None,
    agreement: str,
    head: Head,
    stored: Stored,
    new: pa.Table,
    shared: Shared | None,
) -> tuple[EventFrame, ClaimFetcher]:
    """The stored frame with `new` claims regrouped in; the tail written, or all compacted."""
    frame = regroup(stored.frame, stored.keys, stored.parts, new)
    tail = new if stored.tail is None else pa.concat_tables([stored.tail, new])
    tail = tail.combine_chunks()
    if tail.num_rows > max(COMPACT_ROWS, stored.claims.num_rows // 10):
        claims = pa.concat_tables([stored.claims, tail]).combine_chunks()
        _write_base(path, agreement, head, claims, frame, shared)
        return frame, ClaimFetcher(claims)
    folded = Stored(
        head, stored.base, stored.claims, tail, frame, event_keys(frame), stored.claims_head
    )
    if path is not None:
        with _LATEST_LOCK:
            _LATEST[path] = folded
    put_off.write(lambda: _keep_fold(path, agreement, folded, shared))
    return frame, ClaimFetcher(stored.claims, tail)


def _keep_fold(path: Path | None, agreement: str, folded: Stored, shared: Shared | None) -> None:
    """The folded snapshot's tail and frame written to the folder and kept in `shared`."""
    assert folded.tail is not None
    if path is not None:
        total = folded.claims.num_rows + folded.tail.num_rows
        try:
            meta = _meta(agreement, folded.head, folded.base)
            _save(path.with_suffix(".tail.arrow"), folded.tail, meta)
            _write_events(path, agreement, folded.head, folded.base, total, folded)
        except OSError:
            pass
    if shared is not None:
        shared.keep(folded, new_base=False)


def _newest(conn: Connection, path: Path | None, stored: Stored | None) -> Stored | None:
    """The snapshot this process last made at `path` when its files are not yet written (their
    writing is put off, `storage.put_off`) and it is still in the chain: a fold extending the
    files' base to a later head, or a whole new base (files absent, or older); else `stored`
    (files gone, damaged or rebuilt are read as before)."""
    if path is None:
        return stored
    with _LATEST_LOCK:
        latest = _LATEST.get(path)
    if latest is None or (stored is not None and latest.head.seq <= stored.head.seq):
        return stored
    new_base = latest.tail is None  # its files, once written, replace the folder's whole
    if stored is not None and latest.base != stored.base and not new_base:
        return stored
    return latest if still_in_chain(conn, latest.head) else stored


def event_keys(frame: EventFrame) -> pa.Array:
    """The frame's event ids as an Arrow array (as `regroup` takes them)."""
    keys = frame.keys
    return keys.array if isinstance(keys, ArrowStrings) else pa.array(list(keys), pa.string())


def default_directory(url: str, sqlite_file: Path | None) -> Path | None:
    """Beside a SQLite file; for a server, in the user's cache, one folder per database; none
    for a database in memory."""
    if sqlite_file is not None:
        return sqlite_file.with_name(sqlite_file.name + ".snapshots")
    if url.startswith("sqlite"):
        return None
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "truce" / "snapshots" / hashlib.sha256(url.encode()).hexdigest()[:24]


def snapshot_path(directory: Path, agreement: str) -> Path:
    """Where the agreement's snapshot files live, less their suffixes."""
    return directory / hashlib.sha256(agreement.encode()).hexdigest()[:24]


def still_in_chain(conn: Connection, head: Head) -> bool:
    """Whether the chain `conn` reads holds `head` (its seq, with that hash)."""
    if head.seq == 0:
        return True
    found = conn.execute(select(entries.c.hash).where(entries.c.seq == head.seq)).scalar()
    return found == head.hash


def _meta(
    agreement: str, head: Head, base: str, extra: dict[str, Any] | None = None
) -> dict[bytes, bytes]:
    data = {"format": FORMAT, "agreement": agreement, "seq": head.seq, "hash": head.hash}
    return {b"truce": json.dumps({**data, "base": base, **(extra or {})}).encode()}


def _read(path: Path, agreement: str) -> Stored | None:
    try:
        claims = _open(path.with_suffix(".claims.arrow"))
        events = _open(path.with_suffix(".events.arrow"))
        about = json.loads(claims.schema.metadata[b"truce"])
        told = json.loads(events.schema.metadata[b"truce"])
        head = Head(int(told["seq"]), str(told["hash"]))
        if about.get("format") != FORMAT or about.get("agreement") != agreement:
            return None
        if told.get("format") != FORMAT or told.get("base") != about.get("base"):
            return None
        tail = None
        if (about["seq"], about["hash"]) != (head.seq, head.hash):
            tail = _open(path.with_suffix(".tail.arrow"))
            said = json.loads(tail.schema.metadata[b"truce"])
            if {k: said.get(k) for k in ("base", "seq", "hash")} != {
                "base": about["base"], "seq": head.seq, "hash": head.hash
            }:  # fmt: skip
                return None
        rows = claims.num_rows + (tail.num_rows if tail is not None else 0)
        if told.get("rows") != rows or about.get("agreement") != told.get("agreement"):
            return None
        frame, keys = _frame(events, told)
        since = Head(int(about["seq"]), str(about["hash"]))
    except (OSError, pa.ArrowInvalid, KeyError, TypeError, ValueError):
        return None
    return Stored(head, str(about["base"]), claims, tail, frame, keys, since)


def _open(path: Path) -> pa.Table:
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


def _frame(events: pa.Table, told: dict[str, Any]) -> tuple[EventFrame, pa.Array]:
    events = events.combine_chunks()
    members = events["members"].chunk(0) if len(events) else pa.array([], pa.large_list(pa.int64()))
    arrays = {n: events[n].to_numpy() for n in (*_NUMBERS, *_FLAGS)}
    keys = events["key"].combine_chunks()
    frame = EventFrame(
        keys=ArrowStrings(keys),
        **arrays,
        starts=members.offsets.to_numpy().astype(np.int64),
        members=members.values.to_numpy(),
        actors=told["actors"],
        subjects=told["subjects"],
        category_sets=[tuple(s) for s in told["category_sets"]],
        part_sets=[tuple((str(c), int(n)) for c, n in s) for s in told["part_sets"]],
        types=told["types"],
        claims=told["claims"],
        superseded=told["superseded"],
        retracted=told["retracted"],
        out_of_range=tuple(told["out_of_range"]),
        unchecked=tuple(told["unchecked"]),
    )
    return frame, keys


def _write_base(
    path: Path | None,
    agreement: str,
    head: Head,
    claims: pa.Table,
    frame: EventFrame,
    shared: Shared | None,
) -> None:
    """A new base (all claims up to `head`) written to the folder and kept in `shared`: at once,
    or (`storage.put_off`) once the frame it was built for is out, read from memory meanwhile."""
    stored = Stored(head, uuid.uuid4().hex, claims, None, frame, event_keys(frame), head)
    if path is not None:
        with _LATEST_LOCK:  # read in place of the files until they are written
            _LATEST[path] = stored
    put_off.write(lambda: _keep_base(path, agreement, stored, shared))


def _keep_base(path: Path | None, agreement: str, stored: Stored, shared: Shared | None) -> None:
    if path is not None:
        _write_files(path, agreement, stored)
        with _LATEST_LOCK:  # the files hold it now (or a later fold of it is held instead)
            if _LATEST.get(path) is stored:
                del _LATEST[path]
    if shared is not None:
        shared.keep(stored, new_base=True)


def _put_files(path: Path, agreement: str, stored: Stored) -> None:
    """The kept copy's files written to this folder: at once, or once the frame is out
    (`storage.put_off`: the claims file alone is 150 MB at a million claims), read from memory
    meanwhile (`_newest`)."""
    with _LATEST_LOCK:
        _LATEST[path] = stored

    def write() -> None:
        _write_files(path, agreement, stored)
        with _LATEST_LOCK:
            if _LATEST.get(path) is stored:
                del _LATEST[path]

    put_off.write(write)


def _write_files(path: Path, agreement: str, stored: Stored) -> None:
    """Best effort: a snapshot that cannot be written only costs the next reader a rebuild."""
    head, base = stored.head, stored.base
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        claims_meta = _meta(agreement, stored.claims_head, base)
        _save(path.with_suffix(".claims.arrow"), stored.claims, claims_meta)
        rows = stored.claims.num_rows
        if stored.tail is not None:
            _save(path.with_suffix(".tail.arrow"), stored.tail, _meta(agreement, head, base))
            rows += stored.tail.num_rows
        else:
            path.with_suffix(".tail.arrow").unlink(missing_ok=True)
        _write_events(path, agreement, head, base, rows, stored)
    except OSError:
        return


def _write_events(
    path: Path, agreement: str, head: Head, base: str, rows: int, stored: Stored
) -> None:
    table, told = _events_table(stored.frame, stored.keys)
    _save(
        path.with_suffix(".events.arrow"),
        table,
        _meta(agreement, head, base, {"rows": rows, **told}),
    )


def _events_table(
    frame: EventFrame, keys: pa.Array | None = None
) -> tuple[pa.Table, dict[str, Any]]:
    """The frame as an Arrow table of its events, and the rest of it as plain data. `keys`, if
    given, are `event_keys(frame)` made before (a `Stored`'s): a frame grouped from the claims
    holds its ids as Python text, which Arrow takes 0.13 s to convert at a million claims."""
    members = pa.LargeListArray.from_arrays(
        pa.array(frame.starts, pa.int64()), pa.array(frame.members, pa.int64())
    )
    columns = {"key": event_keys(frame) if keys is None else keys, "members": members}
    columns |= {n: pa.array(getattr(frame, n)) for n in (*_NUMBERS, *_FLAGS)}
    told = {
        "actors": frame.actors,
        "subjects": frame.subjects,
        "category_sets": [list(s) for s in frame.category_sets],
        "part_sets": [[list(p) for p in s] for s in frame.part_sets],
        "types": frame.types,
        "claims": frame.claims,
        "superseded": frame.superseded,
        "retracted": frame.retracted,
        "out_of_range": list(frame.out_of_range),
        "unchecked": list(frame.unchecked),
    }
    return pa.table(columns), told


def frame_bytes(frame: EventFrame, keys: pa.Array | None = None) -> bytes:
    """The frame as Arrow IPC stream bytes (its plain parts in the schema's metadata), for
    `storage.kept_frame`; read back by `frame_of`. `keys` as `_events_table` takes them."""
    table, told = _events_table(frame, keys)
    return table_bytes(table.replace_schema_metadata({b"truce": json.dumps(told).encode()}))


def frame_of(data: bytes) -> EventFrame:
    """The frame `frame_bytes` wrote; raises ValueError (or an Arrow or key error) otherwise."""
    table = table_of(data)
    return _frame(table, json.loads(table.schema.metadata[b"truce"]))[0]


def table_bytes(table: pa.Table) -> bytes:
    """`table` as Arrow IPC stream bytes, its buffers compressed (zstd: a sixth of the size at
    a million claims, and quicker to write than the bytes it saves), for the database."""
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def table_of(data: bytes) -> pa.Table:
    """The table `table_bytes` wrote (compressed or not); raises an Arrow error otherwise."""
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def _save(path: Path, table: pa.Table, meta: dict[bytes, bytes]) -> None:
    # Unique per writer: threads of one server may rebuild the same snapshot at once.
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.partial")
    table = table.replace_schema_metadata(meta)
    with pa.OSFile(str(partial), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(partial, path)

"""Verifying one stretch of the chain: what `storage.verify` runs, in one process or several.

A stretch starts from the entry just before it (its seq and stored hash), so the checks made
stretch by stretch are exactly those of one pass over the whole chain: every hash recomputed,
every link held to the stored hash of the entry before, every seq held to the one before plus
one, every claim entry held to its projection row. Rows come through the driver's own cursor.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, select

from truce.domain.claim_fields import COUNTS, JSON_FIELDS, OPTIONAL_PAYLOAD_KEYS, PAYLOAD_KEYS
from truce.storage.chain import CLAIM_PAYLOAD, GENESIS, entry_hash
from truce.storage.db import make_engine
from truce.storage.rows import CLAIM_COLUMNS, RowChecker
from truce.storage.tables import claims, entries
from truce.storage.verify_compiled import check_ranges
from truce.storage.verify_server import RANGE, Passed, check_on_server

MAX_PROBLEMS = 50
FETCH_BATCH = 10_000
# Positions of the projection's columns (CLAIM_COLUMNS), and those of CLAIM_PAYLOAD's string
# values in slot order: every payload key's but the JSON ones, the count and the members
# present only when set.
_AT = {name: i for i, name in enumerate(CLAIM_COLUMNS)}
_STRING_KEYS = tuple(
    k
    for k in sorted(PAYLOAD_KEYS)
    if k not in JSON_FIELDS and k not in COUNTS and k not in OPTIONAL_PAYLOAD_KEYS
)
_STRING_COLUMNS = itemgetter(*(_AT[k] for k in _STRING_KEYS))
# A row's recorder and payload (its id and seq lead every row), and its columns read as they
# are (JSON, count, qualifier).
_BY, _PAYLOAD = _AT["recorded_by"], _AT["payload"]
_AS_STORED = itemgetter(
    *(_AT[k] for k in ("categories", "sources", "extra", "quantity", "qualifier", "parts"))
)


@dataclass
class Stretch:
    """Entries with `first <= seq <= last` (None: unbounded on that side)."""

    first: int | None
    last: int | None
    head_hash: str | None = None


OTHER_KINDS = frozenset({"user", "document", "review"})
_KINDS = OTHER_KINDS | {"agreement"}


@dataclass
class StretchReport:
    """What one stretch found, in seq order; merged in stretch order it is one pass's report."""

    entries: int = 0
    claim_entries: int = 0
    last_hash: str | None = None
    head_seq: int | None = None
    problems: list[str] = field(default_factory=list)
    dropped: int = 0
    agreements: dict[str, tuple[int, str]] = field(default_factory=dict)
    # Entries of the server's kinds (user, document, review), in seq order, held against their
    # tables once every stretch is in.
    others: list[tuple[int, str, str, str]] = field(default_factory=list)

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.dropped += 1


def check_stretch_at(url: str, stretch: Stretch) -> StretchReport:
    """`check_stretch` on a connection of its own: what a worker process runs."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return check_stretch(conn, stretch)
    finally:
        engine.dispose()


def check_stretch(conn: Connection, stretch: Stretch) -> StretchReport:
    report = StretchReport()
    start = _before(conn, stretch.first)
    checker = _FastChecker()
    if conn.dialect.name != "postgresql" or stretch.last is None:
        _entry_by_entry(conn, report, checker, stretch, start)
        return report
    # On PostgreSQL the server checks a range at a time (`verify_server`); a range that does
    # not pass is read and checked here entry by entry.
    for lo, hi in _ranges(stretch.first, stretch.last, start[0]):
        passed = check_on_server(conn, lo, hi, start, stretch.head_hash, _KINDS)
        if passed is None:
            start = _entry_by_entry(
                conn, report, checker, Stretch(lo, hi, stretch.head_hash), start
            )
        else:
            start = _tally(report, passed, hi, start)
    return report


def check_compiled_chain(
    conn: Connection, path: str, last: int, head_hash: str | None, processes: int
) -> StretchReport:
    """The chain up to seq `last` of the SQLite file `path` as one stretch, its ranges first
    checked by the compiled module in `processes` processes beside this one
    (`verify_compiled`), each range that does not pass read here entry by entry.

    Each range starts from the stored hash of the entry before it, as a stretch does, which is
    where the range before leaves the pass whether it passed or was read here."""
    report = StretchReport()
    checker = _FastChecker()
    bounds = list(_ranges(None, last, 1))
    starts = [_before(conn, lo) for lo, _ in bounds]
    asked = [(lo, hi, *start) for (lo, hi), start in zip(bounds, starts, strict=True)]
    found = check_ranges(path, asked, head_hash, processes)
    for (lo, hi), start, passed in zip(bounds, starts, found, strict=True):
        if passed is None:
            _entry_by_entry(conn, report, checker, Stretch(lo, hi, head_hash), start)
        else:
            _tally(report, Passed(*passed), hi, start)
    return report


def _ranges(first: int | None, last: int, expected: int) -> Iterator[tuple[int | None, int]]:
    """The stretch `first..last` in ranges of RANGE seqs; the first open below when `first`
    is, ending RANGE - 1 after the seq expected first."""
    lo = first
    while lo is None or lo <= last:
        hi = min((expected if lo is None else lo) + RANGE - 1, last)
        yield lo, hi
        lo = hi + 1


def _tally(
    report: StretchReport, passed: Passed, hi: int, start: tuple[int, str]
) -> tuple[int, str]:
    """`passed` counted in `report`; the seq expected after `hi` and the hash to link to."""
    report.entries += passed.entries
    report.claim_entries += passed.claim_entries
    for seq, kind, ref, payload in passed.others:
        if kind == "agreement":
            report.agreements[ref] = (seq, payload)
        else:
            report.others.append((seq, kind, ref, payload))
    if passed.head_seq is not None:
        report.head_seq = passed.head_seq
    if passed.last_hash is not None:
        report.last_hash = passed.last_hash
    return (hi + 1, passed.last_hash or start[1]) if passed.entries else start


def _entry_by_entry(
    conn: Connection,
    report: StretchReport,
    checker: _FastChecker,
    stretch: Stretch,
    start: tuple[int, str],
) -> tuple[int, str]:
    """Each entry of the stretch checked on its own, coming after seq `start[0] - 1` whose
    hash is `start[1]`; the seq expected next and the hash to link to after it."""
    projection = _Projection(conn, stretch)
    try:
        return _each_entry(conn, report, checker, stretch, projection, start)
    finally:
        projection.close()  # its cursor, before the connection goes


def _each_entry(
    conn: Connection,
    report: StretchReport,
    checker: _FastChecker,
    stretch: Stretch,
    projection: _Projection,
    start: tuple[int, str],
) -> tuple[int, str]:
    expected_seq, prev = start
    for seq, kind, ref, payload, by, at, prev_hash, digest in _stream(conn, entries, stretch):
        report.entries += 1
        if seq != expected_seq:
            report.add(f"seq gap at {expected_seq}: next entry is {seq} "
                       "(entries deleted or moved)")  # fmt: skip
        if prev_hash != prev:
            report.add(f"broken link at seq {seq}: prev_hash does not match the entry before it "
                       "(entries deleted, reordered or inserted)")  # fmt: skip
        if entry_hash(seq, kind, ref, payload, by, at, prev_hash) != digest:
            report.add(f"hash mismatch at seq {seq}: the entry was edited after it was recorded")
        if kind == "claim":
            report.claim_entries += 1
            problem = checker.check(seq, ref, payload, by, projection.row(seq, ref))
            if problem:
                report.add(problem)
        elif kind == "agreement":
            report.agreements[ref] = (seq, payload)
        elif kind in OTHER_KINDS:
            report.others.append((seq, kind, ref, payload))
        else:
            report.add(f"unknown kind {kind!r} at seq {seq}")
        if stretch.head_hash is not None and digest == stretch.head_hash:
            report.head_seq = seq
        expected_seq, prev, report.last_hash = seq + 1, digest, digest
    return expected_seq, prev


def _before(conn: Connection, first: int | None) -> tuple[int, str]:
    """The seq expected next and the hash to link to, as a pass arriving at `first` has them."""
    if first is None:
        return 1, GENESIS
    row = conn.execute(
        select(entries.c.seq, entries.c.hash)
        .where(entries.c.seq < first)
        .order_by(entries.c.seq.desc())
        .limit(1)
    ).first()
    return (1, GENESIS) if row is None else (row[0] + 1, row[1])


def _stream(
    conn: Connection, table: Table, stretch: Stretch
) -> Generator[tuple[Any, ...], None, None]:
    """`table`'s rows in the stretch, in seq order, straight from the driver."""
    query = select(*table.columns).order_by(table.c.seq)
    if stretch.first is not None:
        query = query.where(table.c.seq >= stretch.first)
    if stretch.last is not None:
        query = query.where(table.c.seq <= stretch.last)
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    driver: Any = conn.connection.driver_connection
    # A named cursor on PostgreSQL streams from the server instead of loading every row.
    postgres = conn.dialect.name == "postgresql"
    cursor = driver.cursor(name=f"truce_verify_{table.name}") if postgres else driver.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(FETCH_BATCH):
            yield from batch
    finally:
        cursor.close()


class _Projection:
    """The claims row whose id is an entry's ref, as a join would find it.

    Rows are read in seq order beside the entries, since a row normally sits at its entry's
    seq; one that does not (tampered, or out of the stretch) is looked up by id instead. That
    is cheaper than the join: a scan of each table instead of an index probe per entry.
    """

    def __init__(self, conn: Connection, stretch: Stretch) -> None:
        self._conn = conn
        self._rows = _stream(conn, claims, stretch)
        self._next: tuple[Any, ...] | None = next(self._rows, None)

    def row(self, seq: int, ref: str) -> tuple[Any, ...]:
        while self._next is not None and self._next[1] < seq:
            self._next = next(self._rows, None)
        found = self._next
        if found is not None and found[1] == seq and found[0] == ref:
            return found
        by_id = self._conn.execute(select(*claims.columns).where(claims.c.id == ref)).first()
        return tuple(by_id) if by_id is not None else (None,) * len(CLAIM_COLUMNS)

    def close(self) -> None:
        self._rows.close()


class _FastChecker:
    """`RowChecker`, with a shortcut for the usual case of a row that matches.

    A matching row re-encodes to exactly its entry's canonical payload; only a row that does
    not is decoded and compared column by column (which also names the columns that differ).
    """

    def __init__(self) -> None:
        self._slow = RowChecker()
        self._decoded: dict[str, Any] = {}

    def _json(self, text: str | None) -> Any:
        value = self._decoded.get(text or "")
        if value is None:
            if len(self._decoded) > 100_000:
                self._decoded.clear()
            value = self._decoded[text or ""] = json.loads(text) if text else None
        return value

    def check(
        self, seq: int, ref: str, payload: str, by: str | None, row: tuple[Any, ...]
    ) -> str | None:
        if row[0] is None:
            return f"claim {ref} (seq {seq}) is missing from the claims projection"
        if (
            row[1] == seq
            and row[_BY] == by
            and row[_PAYLOAD] == payload
            and self._same(row, payload)
        ):
            return None
        try:
            differ = self._slow.differences(row, seq, json.loads(payload), payload, by)
        except (ValueError, KeyError, TypeError, AttributeError):
            return f"seq {seq}: payload is not a readable claim"
        if differ:
            return f"claims row {ref} does not match entry {seq} in: {', '.join(differ)}"
        return None

    def _same(self, row: tuple[Any, ...], payload: str) -> bool:
        """Whether the row spells out exactly the entry's canonical payload.

        The row's values are written in the payload's sorted key order, each as one whole JSON
        value (JSON columns as stored, once they are known to hold a list or an object), so
        equal text means the payload holds exactly these values under these keys."""
        categories, sources, extra, quantity, how, parts = _AS_STORED(row)
        categories, sources = categories or "[]", sources or "[]"
        if not (self._holds(categories, list) and self._holds(sources, list)):
            return False
        if extra and not self._holds(extra, dict):
            return False
        if parts and not self._holds(parts, dict):
            return False
        try:
            strings = ["null" if v is None else encode_basestring(v) for v in _STRING_COLUMNS(row)]
        except TypeError:
            return False
        if quantity is not None and type(quantity) is not int:
            return False
        number = "null" if quantity is None else str(quantity)
        extra_member = f'"extra":{extra},' if extra else ""
        if how is not None and type(how) is not str:
            return False
        how_member = f'"qualifier":{encode_basestring(how)},' if how else ""
        s = strings
        parts_member = f'"parts":{parts},' if parts else ""
        text = CLAIM_PAYLOAD % (s[0], s[1], categories, s[2], s[3], s[4], extra_member, s[5], s[6],
                           parts_member, s[7], how_member, number, s[8], s[9], sources,
                           *s[10:])  # fmt: skip
        return text == payload

    def _holds(self, text: str, kind: type) -> bool:
        try:
            return isinstance(self._json(text), kind)
        except ValueError:
            return False

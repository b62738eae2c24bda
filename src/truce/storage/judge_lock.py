"""One judgment of a status per chain head across processes, not only within one.

`services.single_flight` makes the requests of one process share a judgment. Two `truce serve`
processes on one PostgreSQL database (or a server and a `truce status` on one SQLite file) would
still each judge the same new head: seconds of CPU each at a million claims. So whoever is about
to judge takes a lock named by the agreement, the head and the instant asked ("now" for the
present: every "now" on a head shares one), judges and keeps the answer (`storage.answers`,
`storage.held`) while holding it; whoever finds it taken waits, then reads what was kept.

- PostgreSQL: a transaction-scoped advisory lock, `pg_advisory_xact_lock(NAMESPACE, n)`, on a
  connection of its own; it goes with the transaction, so a process that dies lets it go.
- SQLite (and any database with a folder for kept answers): an exclusive `flock` on one of
  `SLOTS` small files in the agreement's answers folder; the kernel drops it with the process.

Within a process, the threads about to judge the same thing queue on a `threading.Lock` first,
so at most one of them holds a database connection for the lock while the others wait. Keys are
folded into `SLOTS` locks: two different judgments that fall on one slot wait for each other
(correct, only slower). Nothing is ever taken while holding one, so they cannot deadlock.
Best effort like the kept answers: a lock that cannot be taken (no folder, a read-only one)
judges unlocked, as before.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import text

from truce.storage.answers import AnswerStore
from truce.storage.snapshot import Head

SLOTS = 16
NAMESPACE = 0x74727563  # "truc": the advisory locks of judging, apart from the append lock's
_LOCAL = [threading.Lock() for _ in range(SLOTS)]


def slot(store: AnswerStore, head: Head, asked: str) -> int:
    """Which of the `SLOTS` locks judging `asked` on `head` takes."""
    key = "\0".join((store.agreement, str(head.seq), head.hash, asked)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % SLOTS


@contextmanager
def holding(store: AnswerStore, head: Head, asked: str) -> Iterator[bool]:
    """Hold the lock of judging `asked` ("now", or the instant as written) on `head`; yields
    whether another thread or process held it first (then it may have kept the answer)."""
    if not store.usable:
        yield False
        return
    n = slot(store, head, asked)
    local = _LOCAL[n]
    waited = not local.acquire(blocking=False)
    if waited:
        local.acquire()
    try:
        if store.engine.dialect.name == "postgresql":
            with _advisory(store, n) as other:
                yield waited or other
        else:
            with _flocked(store, n) as other:
                yield waited or other
    finally:
        local.release()


@contextmanager
def _advisory(store: AnswerStore, n: int) -> Iterator[bool]:
    with store.engine.begin() as conn:
        args = {"space": NAMESPACE, "n": n}
        free = conn.execute(text("SELECT pg_try_advisory_xact_lock(:space, :n)"), args).scalar()
        if not free:
            conn.execute(text("SELECT pg_advisory_xact_lock(:space, :n)"), args)
        yield not free  # the commit as the block ends lets the lock go


@contextmanager
def _flocked(store: AnswerStore, n: int) -> Iterator[bool]:
    folder = store.folder()
    fd = None
    if folder is not None:
        with suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder / f"judging-{n:02d}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    if fd is None:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            other = False
        except BlockingIOError:
            fcntl.flock(fd, fcntl.LOCK_EX)
            other = True
        yield other
    finally:
        os.close(fd)  # closing the last descriptor lets the lock go

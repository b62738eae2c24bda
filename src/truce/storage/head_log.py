"""The head log: an append-only file beside a SQLite ledger naming each head it committed.

What is left of a chain after its tail is cut (an older copy of the file restored, the last rows
deleted, a WAL lost) is a valid chain; nothing inside the file can tell. `<file>.heads` is a
witness outside it: after each write transaction commits, the writer appends `SEQ HASH` of the
head it committed, and `truce verify` checks that every head the log names is still in the chain
with that hash. Lines only grow in seq: two writers committing one after the other may append
out of order, so a writer whose head is already covered by a later line writes nothing (a later
head implies its predecessors through the chain).

The log is written after the commit, so it never names a head the ledger did not commit; it is
not fsynced, so a power loss may cost it its last lines (a witness missed, never a false
alarm). It guards against accidents and clumsy edits: whoever can rewrite the ledger file can
rewrite this one too. Against that, publish a checkpoint (`storage.checkpoint`).
"""

from __future__ import annotations

import fcntl
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select

from truce.errors import TruceError
from truce.storage.tables import entries

SUFFIX = ".heads"
_LINE = re.compile(r"(\d+) ([0-9a-f]{64})")
# Enough of the file's end to hold its last line (a seq and a 64-digit hash).
_TAIL_BYTES = 256
# Seqs per `IN (...)` lookup when checking.
_LOOKUP = 1_000


class HeadLogMismatch(TruceError):
    code = "L201"
    default_hint = (
        "restore the ledger from a copy that holds every noted head (a backup, another "
        "replica); if you replaced the ledger on purpose, move its .heads file away with it"
    )


@dataclass(frozen=True, slots=True)
class Noted:
    line: int
    seq: int
    hash: str


def log_path(ledger_file: Path) -> Path:
    return ledger_file.with_name(ledger_file.name + SUFFIX)


def set_aside(path: Path) -> None:
    """Keep the log of a ledger that is gone under another name, before a new ledger is created
    at the same path: it witnessed the old one, and would fail every verify of the new one."""
    if path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path.rename(path.with_name(f"{path.name}.before-{stamp}"))


def note_head(path: Path, seq: int, digest: str) -> None:
    """Append `seq digest` unless the log already names this seq or a later one.

    Best effort: the write it witnesses has committed, so a log that cannot be written must not
    turn it into an error; verify then simply has one witness fewer.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError:
        return
    try:
        # flock, not fcntl locks: this is another file than the ledger, and flock locks are
        # separate from the POSIX locks SQLite keeps, whatever this descriptor does.
        fcntl.flock(fd, fcntl.LOCK_EX)
        last = _last_seq(fd)
        if last is None or seq > last:
            os.write(fd, f"{seq} {digest}\n".encode("ascii"))
    except OSError:
        pass
    finally:
        os.close(fd)


def _last_seq(fd: int) -> int | None:
    size = os.fstat(fd).st_size
    tail = os.pread(fd, _TAIL_BYTES, max(0, size - _TAIL_BYTES)).decode("ascii", "replace")
    for line in reversed(tail.splitlines()):
        found = _LINE.fullmatch(line.strip())
        if found:
            return int(found.group(1))
    return None


def read_log(path: Path) -> tuple[list[Noted], list[str]]:
    """The heads a log names, and a problem for each line that is not `SEQ HASH`."""
    noted: list[Noted] = []
    problems: list[str] = []
    with path.open("rb") as source:
        for number, raw in enumerate(source, 1):
            text = raw.decode("ascii", "replace").strip()
            found = _LINE.fullmatch(text)
            if found:
                noted.append(Noted(number, int(found.group(1)), found.group(2)))
            elif text:
                problems.append(f"{path.name} line {number} is not `SEQ HASH`: {text[:80]!r}")
    return noted, problems


def check_log(conn: Connection, path: Path) -> list[str]:
    """Problems with the ledger as its head log witnessed it; empty when every noted head is
    still in the chain with the hash noted."""
    noted, problems = read_log(path)
    missing: list[Noted] = []
    changed: list[tuple[Noted, str]] = []
    for start in range(0, len(noted), _LOOKUP):
        chunk = noted[start : start + _LOOKUP]
        query = select(entries.c.seq, entries.c.hash).where(
            entries.c.seq.in_({n.seq for n in chunk})
        )
        found: dict[int, str] = {seq: digest for seq, digest in conn.execute(query)}
        for head in chunk:
            stored = found.get(head.seq)
            if stored is None:
                missing.append(head)
            elif stored != head.hash:
                changed.append((head, stored))
    if changed:
        head, stored = changed[0]
        others = f" (and {len(changed) - 1} later noted heads)" if len(changed) > 1 else ""
        problems.append(
            f"entry {head.seq} is {stored[:12]}…, but {path.name} line {head.line} noted "
            f"{head.hash[:12]}… when it was written{others}: the history was rewritten"
        )
    if missing:
        first, last = missing[0], missing[-1]
        problems.append(
            f"{path.name} noted heads up to entry {last.seq} ({last.hash[:12]}…), but the chain "
            f"has no entry {first.seq}: the ledger lost its tail (an older copy restored, or "
            "entries deleted)"
        )
    return problems

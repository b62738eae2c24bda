"""Judged status answers, kept per chain head and instant asked about (`storage.kept_place`: in
the ledger's database, shared by every process and host on it).

A status at a million claims judges tens of thousands of events and prints tens of megabytes;
asked again about the same instant on the same ledger, the answer cannot differ. So the answer
to `status --at T` is kept as JSON text under `answer/<digest of T>`: the text
`truce status --json` prints (`printed`), or, when the answer was asked for as data, the
compact text of the standard library (written in a third of the time; the next `--json` prints
it out once and keeps that instead). Its header says what it holds for:

- the chain head (seq and hash) it was judged at: any append (claims, corrections, retractions,
  supersessions) or new spec version moves the head, and the row is no longer used;
- the instant, as written with its offset (the answer echoes it);
- the snapshot `FORMAT` and `rules()`, a digest of the source of the code that judges (the
  domain core, the storage layer that builds its frame, and the services that compose them):
  an engine whose rules changed never reads an answer the old rules gave;
- the length and SHA-256 of the text, so a damaged or edited row is never believed.

Like the snapshot, this is a cache and never a source: anything that does not match is judged
again. A status "now" is kept apart, with the span of instants it holds for (`storage.held`).
At most `KEEP` answers per agreement are kept; a write prunes the oldest and those of another
head.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from truce.storage import kept_place, rules_version
from truce.storage.snapshot import FORMAT, Head, snapshot_path
from truce.storage.writes import read_head

KEEP = 8
# False judges every status afresh (bench/status_1m.py times the engine alone that way).
ENABLED = True


def rules() -> str:
    """The judging rules' version (`storage.rules_version`): a change to any rule is a new one.
    Empty when the source cannot be read (then nothing is kept or read)."""
    return rules_version.current()


@dataclass(frozen=True)
class Kept:
    text: str
    printed: bool  # the text `truce status --json` prints, not the compact form
    about: dict[str, Any] | None = field(default=None, compare=False)  # the header, when read


@dataclass(frozen=True)
class AnswerStore:
    """The kept answers of one agreement on one ledger."""

    engine: Engine
    directory: Path | None
    agreement: str

    @property
    def usable(self) -> bool:
        """Whether answers can be kept at all (a ledger not in memory, the judging code's
        source)."""
        return self._folder() is not None and ENABLED and bool(rules())

    def head(self) -> Head:
        with self.engine.connect() as conn:
            entry = read_head(conn)
        return Head(entry.seq, entry.hash) if entry else Head(0, "")

    def read(self, head: Head, at: str) -> Kept | None:
        """The answer kept for `at` at `head`, or None."""
        if not self.usable:
            return None
        found = self.get(_name(at))
        if found is None:
            return None
        about, body = found
        assert body is not None
        printed = about.get("printed") is True
        if about != self._header(head, at, body, printed):
            return None
        try:
            return Kept(body.decode("utf-8"), printed, about)
        except UnicodeDecodeError:
            return None

    def header(self, head: Head, at: str) -> dict[str, Any] | None:
        """The header of the answer kept for `at` at `head`, or None; its text unread and
        unchecked (the header's SHA-256 names the text it was kept with: a reader that holds
        that text, or what it says, need not read it again)."""
        if not self.usable:
            return None
        found = self.get(_name(at), body=False)
        if found is None:
            return None
        return found[0] if self.made_with(found[0], head, at=at) else None

    def keep(self, head: Head, at: str, text: str, printed: bool) -> dict[str, Any] | None:
        """Keep `text` as the answer for `at`, if the chain is still at `head` (an append while
        it was judged would make it the answer of neither head). Best effort, as the snapshot:
        the header it was kept under, or None when it was not kept."""
        if not self.usable or self.head() != head:
            return None
        body = text.encode("utf-8")
        about = self._header(head, at, body, printed)
        if not self.put(_name(at), about, body, head):
            return None
        self.prune(PREFIX, head, KEEP)
        return about

    def get(self, name: str, body: bool = True) -> tuple[dict[str, Any], bytes | None] | None:
        """The header and (if `body`) the body kept for the agreement as `name`, or None."""
        return kept_place.read(self.engine, self.agreement, name, body)

    def put(self, name: str, header: dict[str, Any], body: bytes, head: Head | None) -> bool:
        """Keep `body` as `name` for the agreement (`storage.kept_place`). Best effort."""
        at = (head.seq, head.hash) if head is not None else (0, "")
        return kept_place.write(self.engine, self.agreement, name, header, body, at)

    def prune(self, prefix: str, head: Head, keep: int) -> None:
        """Drop the agreement's kept things named `prefix…` of another head than `head`, then all
        but the newest `keep` (`storage.kept_place`). Best effort."""
        kept_place.prune(self.engine, self.agreement, prefix, (head.seq, head.hash), keep)

    def folder(self) -> Path | None:
        """The agreement's folder in the cache (None: none), where judging's locks live on a
        SQLite file (`storage.judge_lock`)."""
        return self._folder()

    def _folder(self) -> Path | None:
        if self.directory is None:
            return None
        return snapshot_path(self.directory, self.agreement).with_suffix(".answers")

    def judged_with(self, head: Head) -> dict[str, Any]:
        """What anything kept for this agreement was made with, in its header: the snapshot
        format, the judging rules, the agreement and the chain head. Any change, and it is
        made again."""
        return {
            "format": FORMAT,
            "rules": rules(),
            "agreement": self.agreement,
            "seq": head.seq,
            "hash": head.hash,
        }

    def made_with(self, about: dict[str, Any], head: Head, **said: Any) -> bool:
        """Whether the header `about` says it was made with these rules at `head`
        (`judged_with`) and says each of `said` too."""
        same = self.judged_with(head) | said
        return {k: about.get(k) for k in same} == same

    def _header(self, head: Head, at: str, body: bytes, printed: bool) -> dict[str, object]:
        return self.judged_with(head) | {"at": at, "printed": printed} | sized(body)


def sized(body: bytes) -> dict[str, Any]:
    """The length and SHA-256 of a kept body, for its header: a damaged body is never read."""
    return {"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}


PREFIX = "answer/"


def _name(at: str) -> str:
    return PREFIX + hashlib.sha256(at.encode()).hexdigest()[:24]

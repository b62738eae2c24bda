"""Judged status answers kept beside the snapshot, one file per instant asked about.

A status at a million claims judges tens of thousands of events and prints tens of megabytes;
asked again about the same instant on the same ledger, the answer cannot differ. So the answer
to `status --at T` is kept as JSON text in `<key>.answers/<digest of T>.json`: the text
`truce status --json` prints (`printed`), or, when the answer was asked for as data, the
compact text of the standard library (written in a third of the time; the next `--json` prints
it out once and keeps that instead). A header line says what the file holds for:

- the chain head (seq and hash) it was judged at: any append (claims, corrections, retractions,
  supersessions) or new spec version moves the head, and the file is no longer used;
- the instant, as written with its offset (the answer echoes it);
- the snapshot `FORMAT` and `rules()`, a digest of the source of the code that judges (the
  domain core, the storage layer that builds its frame, and the services that compose them):
  an engine whose rules changed never reads an answer the old rules gave;
- the length and SHA-256 of the text, so a damaged or edited file is never believed.

Like the snapshot, this is a cache and never a source: anything that does not match is judged
again. A status "now" is kept apart, with the span of instants it holds for (`storage.held`).
At most `KEEP` files per agreement are kept; a write prunes the oldest and those of another
head.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from truce.storage import rules_version
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


@dataclass(frozen=True)
class AnswerStore:
    """The kept answers of one agreement on one ledger."""

    engine: Engine
    directory: Path | None
    agreement: str

    @property
    def usable(self) -> bool:
        """Whether answers can be kept at all (a folder for them, the judging code's source)."""
        return self._folder() is not None and ENABLED and bool(rules())

    def head(self) -> Head:
        with self.engine.connect() as conn:
            entry = read_head(conn)
        return Head(entry.seq, entry.hash) if entry else Head(0, "")

    def read(self, head: Head, at: str) -> Kept | None:
        """The answer kept for `at` at `head`, or None."""
        folder = self._folder()
        if folder is None or not self.usable:
            return None
        try:
            with open(folder / _name(at), "rb") as kept:
                about = json.loads(kept.readline())
                body = kept.read()
        except (OSError, ValueError):
            return None
        printed = about.get("printed") is True if isinstance(about, dict) else False
        if about != self._header(head, at, body, printed):
            return None
        try:
            return Kept(body.decode("utf-8"), printed)
        except UnicodeDecodeError:
            return None

    def keep(self, head: Head, at: str, text: str, printed: bool) -> None:
        """Keep `text` as the answer for `at`, if the chain is still at `head` (an append while
        it was judged would make it the answer of neither head). Best effort, as the snapshot."""
        folder = self._folder()
        if folder is None or not self.usable or self.head() != head:
            return
        body = text.encode("utf-8")
        target = folder / _name(at)
        if write_headed(target, self._header(head, at, body, printed), body):
            self._prune(folder, head, target)

    def folder(self) -> Path | None:
        """Where the agreement's answers are kept (None: nowhere)."""
        return self._folder()

    def _folder(self) -> Path | None:
        if self.directory is None:
            return None
        return snapshot_path(self.directory, self.agreement).with_suffix(".answers")

    def _header(self, head: Head, at: str, body: bytes, printed: bool) -> dict[str, object]:
        return {
            "format": FORMAT,
            "rules": rules(),
            "agreement": self.agreement,
            "seq": head.seq,
            "hash": head.hash,
            "at": at,
            "printed": printed,
            "bytes": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
        }

    def _prune(self, folder: Path, head: Head, written: Path) -> None:
        """Drop the files of another head, then all but the newest `KEEP`."""
        kept: list[tuple[float, Path]] = []
        with suppress(OSError):
            for path in folder.glob("*.json"):
                if path == written:
                    continue
                try:
                    with open(path, "rb") as other:
                        about = json.loads(other.readline())
                    current = (about.get("seq"), about.get("hash")) == (head.seq, head.hash)
                    if current:
                        kept.append((path.stat().st_mtime, path))
                        continue
                except (OSError, ValueError, AttributeError):
                    pass
                path.unlink(missing_ok=True)
            kept.sort(reverse=True)
            for _, path in kept[KEEP - 1 :]:
                path.unlink(missing_ok=True)


def _name(at: str) -> str:
    return hashlib.sha256(at.encode()).hexdigest()[:24] + ".json"


def write_headed(path: Path, header: dict[str, Any], body: bytes) -> bool:
    """Write `header` (one JSON line) and `body` to `path` whole or not at all: through a
    partial file of its own, renamed over `path`, so a reader never sees half a file and two
    writers never mix. Best effort: False (and nothing left behind) when the disk refuses."""
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as out:
            out.write(json.dumps(header).encode() + b"\n")
            out.write(body)
        os.replace(partial, path)
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True

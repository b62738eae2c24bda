"""The previous judgment's prohibition verdicts and breach rows (`domain.engine.kept`), kept in
the agreement's answers folder as `breaches.kept` for the next judgment to reuse.

Two files per agreement: `breaches.kept` for judgments at an explicit instant, and
`breaches-now.kept` for a status "now" (`NOW`), so that the two kinds of question, asked in turn
(a monitor's `--at` and the pages' "now"), do not replace each other's block; each replaced by
the next judgment of its kind that leaves a different block. Its header
holds the snapshot format, the judging rules' version (`answers.rules`), the agreement, and the
length and SHA-256 of the body (the block as JSON). Unlike a kept answer it is not tied to a
chain head: the block says itself what it was read from (its `key` and windows), and the engine
uses a part of it only where that agrees with the record it judges. A cache, never a source:
anything that does not match is judged afresh.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from truce.domain.engine.kept import Block, Memory
from truce.storage.answers import AnswerStore, rules, write_headed
from truce.storage.snapshot import FORMAT

NAME = "breaches.kept"
NOW = "breaches-now.kept"


def memory(store: AnswerStore, now: bool = False) -> Memory | None:
    """A memory for the next judgment (`now`: of a status "now"), holding the kept block of
    its kind if any; None when nothing can be kept for this agreement (then the engine judges
    everything, as without one)."""
    if _path(store, now) is None or not store.usable:
        return None
    return Memory(prior=read(store, now))


def read(store: AnswerStore, now: bool = False) -> Block | None:
    path = _path(store, now)
    if path is None or not store.usable:
        return None
    try:
        with open(path, "rb") as kept:
            about = json.loads(kept.readline())
            body = kept.read()
        if about != _header(store, body):
            return None
        return Block.of(json.loads(body))
    except (OSError, ValueError, AttributeError):
        return None


def keep(store: AnswerStore, memory: Memory, now: bool = False) -> None:
    """Keep the block the judgment left (`now`: a status "now"), unless it is the one it
    read. Best effort."""
    path = _path(store, now)
    block = memory.now
    if path is None or block is None or not store.usable:
        return
    prior = memory.prior
    if prior is not None and prior.encoded is None and block == prior:  # reused whole
        return
    body = json.dumps(block.as_data()).encode("utf-8")
    write_headed(path, _header(store, body), body)


def _path(store: AnswerStore, now: bool) -> Path | None:
    folder = store.folder()
    return None if folder is None else folder / (NOW if now else NAME)


def _header(store: AnswerStore, body: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "rules": rules(),
        "agreement": store.agreement,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }

"""The previous judgment's prohibition verdicts and breach rows (`domain.engine.kept`), kept as
`breaches.kept` (`storage.kept_place`: in the ledger's database) for the next judgment to reuse.

Two per agreement: `breaches.kept` for judgments at an explicit instant, and
`breaches-now.kept` for a status "now" (`NOW`), so that the two kinds of question, asked in turn
(a monitor's `--at` and the pages' "now"), do not replace each other's block; each replaced by
the next judgment of its kind that leaves a different block. Its header
holds the snapshot format, the judging rules' version (`answers.rules`), the agreement, and the
length and SHA-256 of the body (the block as JSON). Unlike a kept answer it is not tied to a
chain head: the block says itself what it was read from (its `key` and windows), and the engine
uses a part of it only where that agrees with the record it judges. A cache, never a source:
anything that does not match is judged afresh.

Each process also holds the last block of each kind it read or kept (`_LAST`), by the header
it was kept under: the header holds the body's SHA-256, so a body read again whose header is
that one is that block, and is neither parsed nor decoded again (at a million claims its JSON
and its 28,729 rows cost more than the rest of reading it). The engine decodes a block's rows in
place (`kept.Block.decoded`) and puts them in its answer as they are: the answers of two
judgments may then share those rows, which nothing changes (an answer is read, not edited).
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

from truce.domain.engine.kept import Block, Memory
from truce.storage.answers import AnswerStore, rules
from truce.storage.snapshot import FORMAT

NAME = "breaches.kept"
NOW = "breaches-now.kept"
# The last block of each kind this process read or kept, by (database, agreement, name): its
# header and the block.
_LAST: dict[tuple[str, str, str], tuple[dict[str, Any], Block]] = {}
_LOCK = threading.Lock()


def memory(store: AnswerStore, now: bool = False) -> Memory | None:
    """A memory for the next judgment (`now`: of a status "now"), holding the kept block of
    its kind if any; None when nothing can be kept for this agreement (then the engine judges
    everything, as without one)."""
    if not store.usable:
        return None
    return Memory(prior=read(store, now))


def read(store: AnswerStore, now: bool = False) -> Block | None:
    if not store.usable:
        return None
    name = NOW if now else NAME
    found = store.get(name)
    if found is None:
        return None
    about, body = found
    assert body is not None
    try:
        if about != _header(store, body):
            return None
        with _LOCK:
            last = _LAST.get(_where(store, name))
        if last is not None and last[0] == about:
            return last[1]
        block = Block.of(json.loads(body))
    except (ValueError, AttributeError):
        return None
    _remember(store, name, about, block)
    return block


def keep(store: AnswerStore, memory: Memory, now: bool = False) -> None:
    """Keep the block the judgment left (`now`: a status "now"), unless it is the one it
    read. Best effort."""
    block = memory.now
    if block is None or not store.usable:
        return
    prior = memory.prior
    if prior is not None and prior.encoded is None and block == prior:  # reused whole
        return
    name = NOW if now else NAME
    body = json.dumps(block.as_data()).encode("utf-8")
    about = _header(store, body)
    if store.put(name, about, body, None):
        _remember(store, name, about, block)


def _where(store: AnswerStore, name: str) -> tuple[str, str, str]:
    return (repr(store.engine.url), store.agreement, name)


def _remember(store: AnswerStore, name: str, about: dict[str, Any], block: Block | None) -> None:
    with _LOCK:
        if block is None:
            _LAST.pop(_where(store, name), None)
        else:
            _LAST[_where(store, name)] = (about, block)


def _header(store: AnswerStore, body: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "rules": rules(),
        "agreement": store.agreement,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }

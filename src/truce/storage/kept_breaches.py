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
A status "now" that holds the "now" block's very rows and explanations is written as JSON with
their text written once per block (`answer_json`): the same text as `json.dumps`, for the rest's
cost.
"""

from __future__ import annotations

import hashlib
import json
import operator
import threading
from dataclasses import dataclass
from typing import Any

from truce.domain.engine.events import Event
from truce.domain.engine.kept import Block, Memory
from truce.storage import put_off
from truce.storage.answers import AnswerStore, rules
from truce.storage.snapshot import FORMAT, Head

NAME = "breaches.kept"
NOW = "breaches-now.kept"


@dataclass
class _Last:
    """A block this process read or kept, the header it was kept under, and once written in an
    answer its rows and explanations as JSON (`answer_json`)."""

    about: dict[str, Any] | None  # None: not written yet (`keep`)
    block: Block
    texts: tuple[str, str] | None = None


# The last block of each kind this process read or kept, by (database, agreement, name).
_LAST: dict[tuple[str, str, str], _Last] = {}
_LOCK = threading.Lock()
# Per (database, agreement): the chain head of the last record judged, its breach events'
# fingerprints by the types read (`Memory.fingerprints`), and the events built (`Memory.events`).
_PRINTS: dict[tuple[str, str], tuple[Head, dict[tuple[str, ...], str], dict[str, Event]]] = {}
# Stand-ins for the rows and the explanations in an answer written by `answer_json`.
_ROWS, _TOLD = "\0truce: kept breach rows\0", "\0truce: kept explanations\0"


def memory(store: AnswerStore, now: bool = False, head: Head | None = None) -> Memory | None:
    """A memory for the next judgment (`now`: of a status "now"), holding the kept block of
    its kind if any, and the breach events' fingerprints of the record at `head` this process
    worked out (the same at every instant: a new instant on a head judged before does not hash
    its breach events' claims again); None when nothing can be kept for this agreement (then
    the engine judges everything, as without one)."""
    if not store.usable:
        return None
    found = Memory(prior=read(store, now))
    if head is not None:
        found.fingerprints, found.events = _of_record(store, head)
    if not now:  # the rows of the last "now" serve the events listed alike (`engine.shared_rows`)
        found.other = held(store, now=True)
    return found


def held(store: AnswerStore, now: bool = False) -> Block | None:
    """The last block of its kind this process holds (kept, or written still), else the kept
    one: which judgment left it does not matter to a reader that checks its key."""
    with _LOCK:
        last = _LAST.get(_where(store, NOW if now else NAME))
    return last.block if last is not None else read(store, now)


def _of_record(
    store: AnswerStore, head: Head
) -> tuple[dict[tuple[str, ...], str], dict[str, Event]]:
    """The fingerprints and the events held for the agreement's record at `head` (filled by the
    judgments that use them); those of any other head are let go."""
    where = (repr(store.engine.url), store.agreement)
    with _LOCK:
        held = _PRINTS.get(where)
        if held is None or held[0] != head:
            held = _PRINTS[where] = (head, {}, {})
        return held[1], held[2]


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
        if last is not None and last.about == about:
            return last.block
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
    # Held at once (the answer's JSON reuses its rows' text, `answer_json`); written for the next
    # judgment once the answer is out (`storage.put_off`: 0.4 s at a million claims, a third of
    # judging a new instant): a judgment before that reads the block kept before, as it would.
    _remember(store, name, None, block)
    put_off.write(lambda: _write(store, name, block))


def _write(store: AnswerStore, name: str, block: Block) -> None:
    body = json.dumps(block.as_data()).encode("utf-8")
    about = _header(store, body)
    if store.put(name, about, body, None):
        with _LOCK:
            last = _LAST.get(_where(store, name))
            if last is not None and last.block is block:  # its rows' text stays
                last.about = about
                return
        _remember(store, name, about, block)


def answer_json(store: AnswerStore, data: dict[str, Any]) -> str:
    """`json.dumps(data)`, the very same text; when `data`, a status "now", holds the breach rows
    and their explanations of the last "now" block as the very same objects, their text is
    written once per block, and only the rest of the answer after. (An answer at an instant is
    kept as the status API's bytes, `services.answer_bytes`, and never comes here.)"""
    with _LOCK:
        last = _LAST.get(_where(store, NOW))
    if last is None:
        return json.dumps(data)
    block = last.block
    rows, told = data.get("breaches"), data.get("explanations")
    if block.encoded is not None or not block.rows:
        return json.dumps(data)
    if rows is not block.rows or not isinstance(told, list):
        return json.dumps(data)
    at = _segment(told, block.explanations)
    if at is None:
        return json.dumps(data)
    texts = last.texts
    if texts is None:
        texts = last.texts = (json.dumps(block.rows), json.dumps(block.explanations)[1:-1])
    rest = [*told[:at], _TOLD, *told[at + len(block.explanations) :]]
    text = json.dumps({**data, "breaches": _ROWS, "explanations": rest})
    marks = json.dumps(_ROWS), json.dumps(_TOLD)
    if text.count(marks[0]) != 1 or text.count(marks[1]) != 1:
        return json.dumps(data)
    return text.replace(marks[0], texts[0]).replace(marks[1], texts[1])


def _segment(items: list[Any], part: list[Any]) -> int | None:
    """Where `part` (not empty) lies in `items` as the very same objects, or None."""
    if not part:
        return None
    first = part[0]
    for at, item in enumerate(items):
        if item is first:
            here = items[at : at + len(part)]
            return at if len(here) == len(part) and all(map(operator.is_, here, part)) else None
    return None


def _where(store: AnswerStore, name: str) -> tuple[str, str, str]:
    return (repr(store.engine.url), store.agreement, name)


def _remember(
    store: AnswerStore, name: str, about: dict[str, Any] | None, block: Block | None
) -> None:
    with _LOCK:
        if block is None:
            _LAST.pop(_where(store, name), None)
        else:
            _LAST[_where(store, name)] = _Last(about, block)


def _header(store: AnswerStore, body: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "rules": rules(),
        "agreement": store.agreement,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }

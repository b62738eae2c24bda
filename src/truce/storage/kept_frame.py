"""The agreement's event frame at the chain head, kept as `frame` (`storage.kept_place`: in the
ledger's database) for the pages that draw from it (the day table, the charts).

A page that reads a kept answer (`storage.answers`, `storage.held`) needs no judgment, but its day
table is grouped from the event frame, and a process with no snapshot of its own (a fresh server,
a second host, another user's cache folder) would build that from the whole projection: seconds
at a million claims. So the frame is kept too, as Arrow IPC bytes (`snapshot.frame_bytes`), with a
header of the snapshot format, the rules' version, the agreement, the chain head, and the length
and SHA-256 of the body. A cache, never a source: a row of another head or rules, or damaged, is
built again from the projection (through the snapshot) and kept anew.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from truce.domain.engine.frame import EventFrame
from truce.storage import put_off
from truce.storage.answers import AnswerStore, sized
from truce.storage.snapshot import Head, frame_bytes, frame_of

NAME = "frame"
log = logging.getLogger("truce.kept")


def events(store: AnswerStore, build: Callable[[], EventFrame]) -> EventFrame:
    """The agreement's frame at the current head: the kept one if it is good, else `build()`
    (kept for the next reader, if the head did not move meanwhile: at once, or once the page
    it was built for is out, `storage.put_off`)."""
    if not store.usable:
        return build()
    head = store.head()
    found = store.get(NAME) if _of_head(store, head) else None
    if found is not None:
        about, body = found
        assert body is not None
        if about == _header(store, head, body):
            try:
                return frame_of(body)
            except (pa.ArrowInvalid, KeyError, TypeError, ValueError) as exc:
                log.warning("kept frame of %s unreadable: %s", store.agreement, exc)
    frame = build()
    put_off.write(lambda: _keep(store, head, frame))
    return frame


def _keep(store: AnswerStore, head: Head, frame: EventFrame) -> None:
    """Keep `frame` as the one of `head`, if the chain is still there (an append since would
    make it another head's)."""
    if store.head() == head:
        body = frame_bytes(frame)
        store.put(NAME, _header(store, head, body), body, head)


def _of_head(store: AnswerStore, head: Head) -> bool:
    """Whether the frame kept is of `head` and these rules, by its header alone: right after
    an append it is the previous head's, and its body (megabytes at a million claims, compressed)
    is not read."""
    found = store.get(NAME, body=False)
    return found is not None and store.made_with(found[0], head)


def _header(store: AnswerStore, head: Head, body: bytes) -> dict[str, Any]:
    return store.judged_with(head) | sized(body)

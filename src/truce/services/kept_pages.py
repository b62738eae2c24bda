"""An agreement page's data kept in the ledger's database (`storage.kept_place`), per chain head
and instant asked, so a server that did not build it (a fresh `truce serve`, another host, another
user's cache folder) shows the page without reading the whole status answer (19 MB at a million
claims) and the event frame again.

The page "now" is kept as `page/now` with the start of the span of the kept "now" answer it was
built from (`storage.held`): it is read back only while that answer still holds (the same head,
the same span) and then shown at the instant asked (`server.views.shown_at`). A page at an
instant is kept per instant as asked (`page/<digest>`). The header says what the data was built
from (format, rules, agreement, head, instant, span, length and SHA-256 of the text), and
anything that does not match is built again: a cache, never a source. At most `KEEP` pages per
agreement are kept; a write prunes the oldest and those of another head. Data that would not read
back equal as JSON is not kept.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from truce.services.held_now import now_span
from truce.storage.answers import AnswerStore, rules
from truce.storage.ledger import Ledger
from truce.storage.snapshot import FORMAT, Head

PREFIX = "page/"
KEEP = 8
NOW = "now"


def page(
    ledger: Ledger,
    agreement: str,
    asked: str,
    since: float | None,
    build: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """The page's data for `asked` (`NOW`, or the instant as asked): kept, or `build()` and kept.
    `since`: for `NOW`, the start of the span of the kept "now" answer holding now (None: none
    holds, so nothing kept can be read; what is built is kept with the span of the answer it
    was built from, if that holds once it is built)."""
    store = ledger.answers(agreement)
    if not store.usable:
        return build()
    head = store.head()
    name = _name(asked)
    if asked != NOW or since is not None:
        found = store.get(name)
        if found is not None:
            about, body = found
            assert body is not None
            if about == _header(store, head, asked, since, body):
                try:
                    data = json.loads(body)
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    return data
    data = build()
    if store.head() != head:  # an append while it was built: the page of neither head
        return data
    if asked == NOW:
        span = now_span(ledger, agreement, time.time())
        if span is None or (span.seq, span.hash) != (head.seq, head.hash):
            return data
        since = span.since
    body = json.dumps(data).encode("utf-8")
    if json.loads(body) != data:  # a shape JSON would change (a tuple, a number as a key)
        return data
    if store.put(name, _header(store, head, asked, since, body), body, head):
        store.prune(PREFIX, head, KEEP)
    return data


def _name(asked: str) -> str:
    return PREFIX + (NOW if asked == NOW else hashlib.sha256(asked.encode()).hexdigest()[:24])


def _header(
    store: AnswerStore, head: Head, asked: str, since: float | None, body: bytes
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "rules": rules(),
        "agreement": store.agreement,
        "seq": head.seq,
        "hash": head.hash,
        "asked": asked,
        "since": since,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }

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
back equal as JSON is not kept. The status API's bytes (19 MB of compact JSON at a million
claims, `server.now_status.dumped`) are kept the same way, as `api/…` (`kept_digested`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from truce.services import instants
from truce.services.held_now import now_span
from truce.storage import put_off
from truce.storage.answers import AnswerStore, sized
from truce.storage.ledger import Ledger
from truce.storage.snapshot import Head

PREFIX = "page/"
API = "api/"  # the status API's bytes (`server.now_status`, `server.api.agreements`)
KEEP = 8
NOW = "now"
T = TypeVar("T")


def writes_after(job: Callable[[], T]) -> T:
    """`job()`, with the writes of what it keeps for other readers (the page's data, the status
    API's bytes, the event frame) put off until it has returned, and what it computed is with
    whoever waited for it (`storage.put_off`); then made, before this returns."""
    value, writes = sent_first(job)
    writes()
    return value


def sent_first(job: Callable[[], T]) -> tuple[T, Callable[[], object]]:
    """`job()`, and the writes of what it keeps for other readers put off (as `writes_after`
    does), to run once its answer is sent (the status API at a new instant: the breach block and
    the API's bytes kept for others, 0.4 s at a million claims, after the 8.9 MB are out); run
    before this raises, if `job` does."""
    with put_off.putting_off() as queued:
        try:
            value = job()
        except BaseException:
            put_off.run(queued)
            raise
    return value, lambda: put_off.run(queued)


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
    built: list[dict[str, Any]] = []

    def make() -> bytes | None:
        data = build()
        built.append(data)
        body = json.dumps(data).encode("utf-8")
        # Not kept: a shape JSON would change (a tuple, a number as a key).
        return body if json.loads(body) == data else None

    body = kept_digested(ledger, agreement, PREFIX, asked, since, make)[0]
    if built:
        return built[0]
    try:
        data = json.loads(body) if body is not None else None
    except ValueError:
        data = None
    return data if isinstance(data, dict) else build()


def kept_digested(
    ledger: Ledger,
    agreement: str,
    prefix: str,
    asked: str,
    since: float | None,
    build: Callable[[], bytes | None],
) -> tuple[bytes | None, str | None]:
    """Bytes made for `asked` at the current head (and for `NOW`, the span starting at
    `since`), kept as `prefix…`: the kept ones, else `build()` (None: not to be kept), kept; with
    the SHA-256 of the bytes when it was computed on the way (checking the kept ones, keeping
    the built ones), else None."""
    store = ledger.answers(agreement)
    if not store.usable:
        return build(), None
    head = store.head()
    name = _name(prefix, asked)
    if asked != NOW or since is not None:
        found = store.get(name)
        if found is not None:
            about, body = found
            assert body is not None
            if about == _header(store, head, asked, since, body):
                return body, about["sha256"]
    body = build()
    if body is None or store.head() != head:  # an append while it was built: neither head's
        return body, None
    if asked == NOW:
        span = now_span(ledger, agreement, instants.now_s())
        if span is None or (span.seq, span.hash) != (head.seq, head.hash):
            return body, None
        since = span.since
    header = _header(store, head, asked, since, body)
    put_off.write(lambda: _keep(store, head, prefix, asked, header, body))
    return body, header["sha256"]


def kept_sha(ledger: Ledger, agreement: str, prefix: str, asked: str) -> tuple[str, int] | None:
    """The SHA-256 and length of the bytes kept as `prefix…` for `asked` (an instant, not
    `NOW`) at the current head by this code, read from their header alone: a conditional
    request names them without reading them (19 MB at a million claims). None when none are
    kept so."""
    store = ledger.answers(agreement)
    if asked == NOW or not store.usable:
        return None
    found = store.get(_name(prefix, asked), body=False)
    if found is None or not store.made_with(found[0], store.head(), asked=asked, since=None):
        return None
    sha, size = found[0].get("sha256"), found[0].get("bytes")
    return (sha, size) if isinstance(sha, str) and isinstance(size, int) else None


def _keep(
    store: AnswerStore, head: Head, prefix: str, asked: str, header: dict[str, Any], body: bytes
) -> None:
    """Keep `body` for `asked` at `head`, if the chain is still there (when the write was put off
    until a page was out, `storage.put_off`, an append may have come since)."""
    if store.head() == head and store.put(_name(prefix, asked), header, body, head):
        store.prune(prefix, head, KEEP)


def _name(prefix: str, asked: str) -> str:
    return prefix + (NOW if asked == NOW else hashlib.sha256(asked.encode()).hexdigest()[:24])


def _header(
    store: AnswerStore, head: Head, asked: str, since: float | None, body: bytes
) -> dict[str, Any]:
    return store.judged_with(head) | {"asked": asked, "since": since} | sized(body)

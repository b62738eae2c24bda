"""`GET /api/agreements/{id}/status` with no instant: its bytes made once per span.

The answer "now" is kept with the span of instants [T, U) it holds for (`storage.held`): asked
again at any instant of the span on the same chain head, it reads the same but for the instant
it shows. Reading it back still parsed, checked and serialised the whole answer (19 MB, about
2 s at a million claims) per second asked. So the server keeps the answer's bytes per (chain
head, span, format), cut in two where the instant goes, and a read inside the span costs the
head's query, the kept file's first line and a join. A read past the span's end finds no span
that holds and is judged again (or read from what another request or process kept); an append
moves the head, and nothing kept for the old one is used (`HeadCache`, and the head in the key).
The two large pieces are compressed once per span and process, when a client first accepts it
(`server.compress`): a read compresses only the instant.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from truce import services
from truce.domain.engine.answer import shown_instant
from truce.server.cache import HeadCache
from truce.server.compress import Packed, Piece
from truce.services import instants, kept_pages
from truce.services.agreement_status import answer_bytes
from truce.services.held_now import NowSpan, keeps_answers, now_span
from truce.services.ledger import Ledger

FORMAT = "json"  # the API's compact JSON (the only form this route answers in)


@dataclass(frozen=True)
class NowBody:
    """An answer's bytes less its instant: `before` + the instant shown + `after`."""

    before: Piece
    after: Piece
    zone: ZoneInfo

    def at(self, instant: float) -> Packed:
        return self.showing(shown_instant(instant, self.zone))

    def showing(self, shown: str) -> Packed:
        """The answer with `shown` as its instant."""
        text = json.dumps(shown, ensure_ascii=False)
        return Packed([self.before, Piece(text.encode("utf-8")), self.after])


def dumped(answer: dict[str, Any]) -> bytes:
    """The route's JSON of a status answer as the engine made it: compact, UTF-8, key for key
    and figure for figure what `StatusAnswer.of(answer).as_data()` gives (the contract is
    checked by the tests on every answer the engine makes there, not here: 0.6 s at a million
    claims), written by orjson unless a float or a value asks for the standard library."""
    return answer_bytes(answer)


def now_body(ledger: Ledger, cache: HeadCache, seq: int, agreement: str) -> Packed | None:
    """The answer "now" as the route sends it, from the bytes kept for the span that holds at
    this instant; None when answers cannot be kept (a database in memory: no span is ever
    known, and the caller keeps its own)."""
    if not keeps_answers(ledger, agreement):
        return None
    instant = instants.now_s()
    span = now_span(ledger, agreement, instant)
    if span is None:  # judged here, or by whoever is judging it (`services.single_flight`)
        data = services.status(ledger, agreement, None)
        span = now_span(ledger, agreement, instants.now_s())
        if span is None:  # judged, but not kept (the head moved meanwhile)
            return Packed.of(dumped(data))
        # Its bytes kept for the span, here and in the database: a server that did not judge
        # it reads them instead of reading the kept answer back (`_built`); sent from them, with
        # the instant it was judged at, rather than written out a second time.
        since = span.since
        body = cache.get(
            _key(agreement, span), seq, lambda: _kept_cut(ledger, agreement, since, lambda: data)
        )
        return body.showing(data["at"])
    body = cache.get(_key(agreement, span), seq, lambda: _built(ledger, agreement, span.since))
    return body.at(instant)


def _key(agreement: str, span: NowSpan) -> tuple[object, ...]:
    return ("status-now", agreement, span.seq, span.hash, span.since, span.until, FORMAT)


def _built(ledger: Ledger, agreement: str, since: float) -> NowBody:
    """The kept answer's bytes for its span: as another server on the ledger kept them
    (`services.kept_pages`), else read back and kept."""
    return _kept_cut(ledger, agreement, since, lambda: services.status(ledger, agreement, None))


def _kept_cut(
    ledger: Ledger, agreement: str, since: float, answer: Callable[[], dict[str, Any]]
) -> NowBody:
    """The bytes kept for the span, else `answer()`'s, kept; cut where the instant goes (a mark
    no answer can hold stands in for it)."""

    def made() -> bytes:
        data = answer()
        mark = f"\0{uuid.uuid4().hex}\0"
        return json.dumps(mark).encode("utf-8") + b"\n" + dumped({**data, "at": mark})

    zone = ledger.agreement(agreement)[0].zone
    kept, digest = kept_pages.kept_digested(
        ledger, agreement, kept_pages.API, kept_pages.NOW, since, made
    )
    body = kept if kept is not None else made()
    first, rest = body.split(b"\n", 1)
    marked = json.dumps(json.loads(first), ensure_ascii=False).encode("utf-8")
    before, after = rest.split(marked)
    if kept is None or digest is None:
        return NowBody(Piece(before), Piece(after), zone)
    # The kept bytes' SHA-256 names both pieces (cut from them): no 19 MB hashed again.
    return NowBody(Piece(before, f"{digest}/before"), Piece(after, f"{digest}/after"), zone)

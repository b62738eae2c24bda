"""A conditional GET answered 304 before its page or list is made.

A page's tag names its bytes (`server.conditional`), so knowing it meant rendering the page: the
304 saved the wire and the compression, not the work. Here a route names, before it makes
anything, what decides its bytes: the chain head it reads at, the path and query, who asks (name
and role), the form token of their session, and whatever else the route reads outside the chain
(the review queue's count). The `Compress` middleware, as it tags the bytes it sends, keeps the
tag under that key (`Rendered`, per process); a request whose `If-None-Match` names the tag kept
for its key is answered 304 at once (`NotModified`), with the headers the page's 304 had.

A tag is still only ever the name of bytes this process sent for the same key, so a 304 here is
one the page itself would have answered, as long as the key holds everything the bytes depend
on: keys are built by `page_key`, which takes the per-request parts from the request itself,
and each route adds what it reads beyond the chain. What is kept is at most `KEPT` short tags;
the first request for a key after a start renders the page, as before. Pages "now" show the
instant asked at, so every request is another page: they are not keyed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from fastapi import Request
from starlette.responses import Response

from truce.server import conditional
from truce.server.compress import chosen
from truce.services.access import Principal
from truce.services.sessions import csrf_token

KEPT = 4096  # keys kept per process, the least recently used dropped first


@dataclass(frozen=True)
class Sent:
    tag: str  # of the bytes as they are
    compressible: bool  # sent compressed to a client that accepts it (the tag then says how)


class Rendered:
    """The tag last sent for each key (module doc), per process."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._sent: OrderedDict[Hashable, Sent] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Sent | None:
        with self._lock:
            found = self._sent.get(key)
            if found is not None:
                self._sent.move_to_end(key)
            return found

    def put(self, key: Hashable, tag: str, compressible: bool) -> None:
        """Called by `Compress` as it tags a 200 whose route noted `key` (`check`)."""
        with self._lock:
            self._sent[key] = Sent(tag, compressible)
            self._sent.move_to_end(key)
            while len(self._sent) > self._size:
                self._sent.popitem(last=False)


class NotModified(Exception):
    """Answered as a 304 with `headers` (`response`), before the route makes its answer."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


def response(request: Request, exc: Exception) -> Response:
    headers = exc.headers if isinstance(exc, NotModified) else {}
    return Response(status_code=304, headers=headers)


def page_key(request: Request, who: Principal, seq: int, *more: Hashable) -> tuple[Hashable, ...]:
    """What decides a page's bytes: the head, the path and query, who asks, their session's
    form token, and `more` (what the route reads beyond the chain)."""
    session_id = getattr(request.state, "session_id", None)
    token = None if session_id is None else csrf_token(session_id)
    role = (who.role.kind, who.role.party)
    return (seq, request.url.path, request.url.query, who.name, role, token, *more)


def check(request: Request, key: tuple[Hashable, ...]) -> None:
    """Raise `NotModified` when the request's `If-None-Match` names the tag kept for `key`;
    else note the key, for the middleware to keep the tag of what the route sends."""
    rendered: Rendered = request.app.state.rendered
    asked = request.headers.get("if-none-match")
    found = rendered.get(key) if asked else None
    if found is not None and conditional.matches(asked, found.tag):
        encoding = chosen(request.headers.get("accept-encoding")) if found.compressible else None
        headers = conditional.tag_headers(found.tag) | {
            "etag": conditional.etag(found.tag, encoding)
        }
        if found.compressible:
            headers["vary"] = "Accept-Encoding"
        raise NotModified(headers)
    request.state.rendered = (rendered, key)

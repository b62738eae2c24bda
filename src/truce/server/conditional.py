"""Conditional requests: an answer's ETag named from its own bytes, and `If-None-Match` answered
304 with no body.

A page's bytes depend on more than the chain head: who asks (the role decides the links and
forms; the name is shown), the form token of their session (in every form), the query (`at=`,
filters, paging), the instant a page "now" shows, the review queue's count (candidates are
queued without a chain entry), the code that rendered it. A tag derived from a list of those
would be wrong the day one is forgotten; a tag named from the bytes sent (SHA-256 of them as
they are, `"tag"`, and `"tag-gzip"`/`"tag-zstd"` for a compressed form, as the status API's
`Packed` does) covers all of them, the CSRF token included: a browser holding a page rendered
for another session or role sends a tag no current page has, and gets the page anew. What it
saves is the body on the wire and its compression; the page is still rendered (`Compress` tags
what a route answered whole). Downloads, streamed, are tagged from what decides them instead
(`derived_tag`).

Every tagged answer says `Cache-Control: private, no-cache` unless its route said otherwise: a
browser may keep it but must ask again before showing it, and no cache between (a proxy) keeps
one user's page for another. An answer that sets a cookie or says `no-store` (the sign-in form,
the previous head's page while the new one is judged) is not tagged.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response

from truce import __version__
from truce.server.limits import Message, Scope

CACHE_CONTROL = "private, no-cache"  # kept by the browser, asked again before it is shown
ENCODED = ("zstd", "gzip")  # what a tag may name; `server.compress` prefers them in this order
KEPT_ON_304 = ("etag", "cache-control", "vary", "content-location", "expires", "date")


def tag_of(body: bytes) -> str:
    """Names these bytes (as they are, before any compression)."""
    return hashlib.sha256(body).hexdigest()[:32]


def etag(tag: str, encoding: str | None) -> str:
    """The strong tag of the bytes sent: as they are, or compressed in `encoding`."""
    return f'"{tag}"' if encoding is None else f'"{tag}-{encoding}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether `If-None-Match` names the answer `tag` in any encoding (weak comparison, as for
    GET: the client holds the same content, whichever encoding carried it)."""
    if not if_none_match:
        return False
    forms = {tag, *(f"{tag}-{e}" for e in ENCODED)}
    for item in if_none_match.split(","):
        item = item.strip().removeprefix("W/").strip('"')
        if item == "*" or item in forms:
            return True
    return False


def taggable(scope: Scope, status: int, headers: Headers | MutableHeaders) -> bool:
    """Whether the middleware names this answer from its bytes: a GET answered 200 that names
    no tag of its own, sets no cookie and may be kept."""
    return (
        scope.get("method") == "GET"
        and status == 200
        and "etag" not in headers
        and "set-cookie" not in headers
        and "no-store" not in headers.get("cache-control", "").lower()
    )


def mark(headers: MutableHeaders, tag: str, encoding: str | None) -> None:
    """The tag of what is sent, and the default `Cache-Control` (module doc)."""
    headers["etag"] = etag(tag, encoding)
    if "cache-control" not in headers:
        headers["cache-control"] = CACHE_CONTROL


def not_modified(start: Message) -> Message:
    """The start of a 304 for the answer `start` begins: its tag and caching headers, no body
    (nor any header describing one)."""
    kept = [(n, v) for n, v in start.get("headers", []) if n.decode("latin-1") in KEPT_ON_304]
    return {**start, "status": 304, "headers": kept}


def derived_tag(parts: Iterable[object]) -> str:
    """A tag for an answer streamed as it is read (not hashed from its bytes), from what decides
    them, named by the caller (the chain head, the query, the format), and the code."""
    return tag_of("\0".join([code_version(), *(str(p) for p in parts)]).encode("utf-8"))


@functools.cache
def code_version() -> str:
    """Names the code serving: its version and the SHA-256 of its source and templates (the
    version alone does not move with every change that may change a download's bytes)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".html", ".css") and path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def not_modified_response(headers: Headers, tag: str) -> Response | None:
    """A 304 for a request whose `If-None-Match` names `tag`, else None (the caller answers)."""
    if not matches(headers.get("if-none-match"), tag):
        return None
    return Response(status_code=304, headers=tag_headers(tag))


def tag_headers(tag: str) -> dict[str, str]:
    """The headers that name an answer sent as it is, and say how it may be kept."""
    return {"etag": etag(tag, None), "cache-control": CACHE_CONTROL}

"""A cap on request bodies, enforced before a route reads them, and only for known callers.

A write to the API must show a known bearer token before any of its body is read: FastAPI
reads a form upload (up to 20 MB) before the route's dependencies check the caller, so without
this a stranger could make the server buffer uploads. Declared lengths over the cap are refused
at once, before a byte of the body is read; bodies sent without a length (chunked) are read up
to the cap and refused as soon as they pass it, so no request can make the server hold more
than the cap.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool

from truce.errors import TruceError
from truce.server.errors import TooLarge, Unauthenticated, error_body, truce_error_body
from truce.server.throttle import FailureThrottle

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_SUFFIXES = ("/import", "/ingest")
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyLimit:
    def __init__(
        self,
        app: ASGIApp,
        max_body: int,
        max_upload: int,
        known: Callable[[str], bool] | None = None,
        throttle: FailureThrottle | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.known = known
        self.throttle = throttle or FailureThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if self.known is not None and path.startswith("/api/") and scope["method"] in WRITES:
            refusal = await self._stranger(scope)
            if refusal is not None:
                await _send_error(send, refusal)
                return
        limit = self.max_upload if path.endswith(UPLOAD_SUFFIXES) else self.max_body
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        # No declared length (chunked): take the body up to the cap, then hand it on whole.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body.extend(message.get("body", b""))
            if len(body) > limit:
                await _refuse(send, limit)
                return
            more = bool(message.get("more_body", False))
        await self.app(scope, replaying(body, receive), send)

    async def _stranger(self, scope: Scope) -> TruceError | None:
        """Why this write is refused before its body is read, or None for a known caller."""
        address = (scope.get("client") or ("unknown", 0))[0]
        token = _bearer(scope)
        if token is None:
            return Unauthenticated("this route needs a token")
        try:
            self.throttle.check(address)
        except TruceError as exc:
            return exc
        assert self.known is not None
        if not await run_in_threadpool(self.known, token):
            self.throttle.failed(address)
            return Unauthenticated("the token is unknown or was revoked")
        return None


def replaying(body: bytes | bytearray, receive: Receive) -> Receive:
    """A `receive` that gives the app the body a middleware already read, then the rest."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}
        return await receive()

    return replay


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = bytes(value).decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return str(token.strip())
    return None


async def _send_error(send: Send, error: TruceError) -> None:
    status, body = truce_error_body(error)
    headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    for name, value in (getattr(error, "headers", None) or {}).items():
        headers.append((name.lower().encode(), value.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, limit: int) -> None:
    error = TooLarge(_too_large(limit))
    body = json.dumps(error_body(413, error.code, error.message, error.hint)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _too_large(limit: int) -> str:
    return f"the request body is larger than this server accepts ({limit:,} bytes)"

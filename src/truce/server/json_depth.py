"""JSON request bodies nested beyond any real request are refused before a route parses them.

FastAPI parses bodies with `json.loads`, which recurses per level: 2,000 levels fail as a parse
error, but 900 load and then break validation or serialisation with a 500. This middleware sits
inside the body cap (so it never holds more than the cap) and checks JSON bodies with the same
bound the files use (`truce.io.json_text`). It refuses as the files do `NaN`, `Infinity`,
`-Infinity` and numbers past a float's range, which `json.loads` reads as floats that are not
finite: JSON has no such numbers, and truce writes none (docs/server.md, "Numbers").
"""

from __future__ import annotations

import json

from truce.errors import TruceError
from truce.io import json_text
from truce.server.errors import error_body
from truce.server.limits import ASGIApp, Receive, Scope, Send, replaying


class JsonTooDeep(TruceError):
    code = "X608"
    default_hint = f"send JSON nested at most {json_text.MAX_DEPTH} levels deep"


class NotJsonNumberBody(TruceError):
    code = "I430"
    default_hint = (
        "send JSON (RFC 8259) numbers only: a finite number, or null where there is no figure "
        "(JavaScript's JSON.stringify writes NaN and Infinity as null; Python's json.dumps "
        "needs allow_nan=False)"
    )


class JsonDepthLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body.extend(message.get("body", b""))
            more = bool(message.get("more_body", False))
        try:
            json_text.loads(bytes(body))
        except json_text.NotJsonNumber as exc:
            await _refuse(send, NotJsonNumberBody(f"the JSON body: {exc.msg}, at {_where(exc)}"))
            return
        except json.JSONDecodeError as exc:
            if exc.msg.startswith("nested deeper"):
                await _refuse(send, JsonTooDeep(f"the JSON body is {exc.msg}"))
                return
        except ValueError:
            pass  # not UTF-8 or not JSON: the route's own parsing reports it
        await self.app(scope, replaying(body, receive), send)


def _where(exc: json.JSONDecodeError) -> str:
    return f"line {exc.lineno} column {exc.colno}"


def _is_json(scope: Scope) -> bool:
    """A body FastAPI parses as JSON: one said to be JSON, or a body sent with no type at all
    (FastAPI reads that as JSON too); not a GET, HEAD or OPTIONS, which send none."""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return scope.get("method") not in ("GET", "HEAD", "OPTIONS")


async def _refuse(send: Send, error: TruceError) -> None:
    body = json.dumps(error_body(400, error.code, error.message, error.hint)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})

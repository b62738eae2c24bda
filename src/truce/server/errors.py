"""One JSON shape for every error the API returns, whatever raised it.

    {"error": {"status": 404, "code": "L101", "message": "...", "hint": "...", "details": [...]}}

Core errors keep their catalogue codes; HTTP-level failures get A-codes. The dashboard renders
the same object as a page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from truce.errors import (
    ClaimError,
    InputFileError,
    LedgerError,
    SpecError,
    SpecErrors,
    TruceError,
    UnknownAgreement,
    UnknownClaim,
)
from truce.server.docview import UnknownDocument
from truce.server.mapdata import BadMapFilter
from truce.server.throttle import TooManyFailures
from truce.services import BadInstant
from truce.services.access import Forbidden, RoleError
from truce.services.admission import range_error
from truce.services.review_queue import CandidateDecided, UnknownCandidate
from truce.services.users import UnknownUser, UserExists

log = logging.getLogger("truce.server")


class CsrfRefused(TruceError):
    code = "A430"
    default_hint = "reload the page from this server and submit the form again"


class Unauthenticated(TruceError):
    code = "A401"
    default_hint = (
        "send `Authorization: Bearer TOKEN` (tokens come from `truce user add`), "
        "or sign in at /login"
    )


class TooLarge(TruceError):
    code = "A413"
    default_hint = "send a smaller body, or raise TRUCE_MAX_BODY_BYTES / TRUCE_MAX_UPLOAD_BYTES"


class UnknownWebhook(TruceError):
    code = "A450"
    default_hint = "list the webhooks with GET /api/webhooks"


_STATUS: list[tuple[type[TruceError], int]] = [
    (UnknownWebhook, 404),
    (UnknownDocument, 404),
    (Unauthenticated, 401),
    (Forbidden, 403),
    (CsrfRefused, 403),
    (TooManyFailures, 429),
    (UnknownAgreement, 404),
    (UnknownClaim, 404),
    (UnknownCandidate, 404),
    (UnknownUser, 404),
    (CandidateDecided, 409),
    (UserExists, 409),
    (TooLarge, 413),
    (SpecError, 422),
    (SpecErrors, 422),
    (ClaimError, 422),
    (InputFileError, 422),
    (RoleError, 422),
    (BadInstant, 422),
    (BadMapFilter, 422),
    (LedgerError, 503),
]

_HTTP_CODES = {
    400: ("A400", "check the request against the API reference at /docs"),
    401: ("A401", Unauthenticated.default_hint),
    403: ("A403", Forbidden.default_hint),
    404: ("A404", "check the path against the API reference at /docs"),
    405: ("A405", "check the method against the API reference at /docs"),
    413: ("A413", TooLarge.default_hint),
    415: ("A415", "send the content type the API reference at /docs gives for this route"),
}


def status_for(exc: TruceError) -> int:
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return status
    return 400


def error_body(
    status: int, code: str, message: str, hint: str, details: list[Any] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "hint": hint,
            "details": details or [],
        }
    }


def truce_error_body(exc: TruceError) -> tuple[int, dict[str, Any]]:
    status = status_for(exc)
    details: list[Any] = [str(exc.location)] if exc.location else []
    code = exc.code
    if isinstance(exc, SpecErrors):  # the first problem's code; every problem in details
        details = [e.render() for e in exc.errors]
        code = exc.errors[0].code
    elif isinstance(getattr(exc, "details", None), list):
        details = list(exc.details)  # type: ignore[attr-defined]
    return status, error_body(status, code, exc.message, exc.hint, details)


Renderer = Callable[[Request, dict[str, Any]], Response]


def wants_page(request: Request) -> bool:
    """Dashboard pages get their errors as pages; the API and every .json twin get JSON."""
    path = request.url.path
    return not (path.startswith("/api") or path.endswith(".json") or path.startswith("/docs"))


def install(app: FastAPI, page: Renderer | None = None) -> None:
    def respond(
        request: Request, body: dict[str, Any], headers: Mapping[str, str] | None
    ) -> Response:
        status = int(body["error"]["status"])
        if page is not None and wants_page(request):
            response = page(request, body)
            response.status_code = status
            response.headers.update(headers or {})
            return response
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(TruceError)
    async def _truce(request: Request, exc: TruceError) -> Response:
        status, body = truce_error_body(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if isinstance(exc, TooManyFailures):
            headers = exc.headers
        return respond(request, body, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"]) or "request"
        # A claim's date or figure out of range keeps the code the CLI and importer give it.
        known = range_error(exc.errors())
        body = error_body(
            422,
            known.code if known else "A422",
            f"{where}: {first['msg']}",
            known.hint if known else "fix the fields listed in details",
            details,
        )
        return respond(request, body, None)  # a form's box too long: a page, for a browser

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        code, hint = _HTTP_CODES.get(exc.status_code, (f"A{exc.status_code}", "see /docs"))
        body = error_body(exc.status_code, code, str(exc.detail), hint)
        return respond(request, body, exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        body = error_body(
            500, "A500", "the server failed on this request; nothing was written",
            "report it with the time of the request; the server log has the traceback",
        )  # fmt: skip
        return JSONResponse(body, status_code=500)

"""Logging in and out of the dashboard: a token typed once opens a session held in a cookie."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from truce.server import csrf
from truce.server.deps import (
    LedgerDep,
    SettingsDep,
    client_address,
    get_throttle,
    session_cookie,
    session_principal,
)
from truce.server.pages import FormToken, check_posted_form, page_response
from truce.server.settings import ServerSettings
from truce.services.sessions import close_session, open_session
from truce.services.users import user_by_token

router = APIRouter(include_in_schema=False)


def _login_page(
    request: Request, settings: ServerSettings, next: str, error: str | None, status: int = 200
) -> Response:
    given = request.cookies.get(csrf.LOGIN_COOKIE)
    token = given if given and len(given) == 43 else secrets.token_urlsafe(32)
    data = {"next": _local(next), "error": error, "login_csrf": token}
    response = page_response(request, "login.html", None, data)
    response.status_code = status
    response.set_cookie(csrf.LOGIN_COOKIE, token, httponly=True, samesite="strict",
                        secure=settings.secure_cookies, path="/login", max_age=3600)  # fmt: skip
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> Response:
    return _login_page(request, settings, next, None)


@router.post("/login")
def login(
    request: Request,
    ledger: LedgerDep,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=200)],
    given: FormToken = None,
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    csrf.check_form(request, given, request.cookies.get(csrf.LOGIN_COOKIE))
    throttle, address = get_throttle(request), client_address(request)
    throttle.check(address)
    user = user_by_token(ledger, token.strip())
    if user is None:
        throttle.failed(address)
        return _login_page(request, settings, next, "That token is unknown or was revoked.", 401)
    session_id = open_session(ledger, user.name, settings.session_seconds)
    response = RedirectResponse(_local(next), status_code=303)
    secure = settings.secure_cookies or request.url.scheme == "https"
    response.set_cookie(session_cookie(settings), session_id, httponly=True, samesite="strict",
                        secure=secure, path="/", max_age=settings.session_seconds)  # fmt: skip
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(
    request: Request, ledger: LedgerDep, settings: SettingsDep, given: FormToken = None
) -> Response:
    response = RedirectResponse("/login", status_code=303)
    if session_principal(request) is not None:
        check_posted_form(request, given)
        close_session(ledger, request.state.session_id, settings.session_seconds)
    response.delete_cookie(session_cookie(settings), path="/")
    return response


def _local(path: str) -> str:
    """Only paths on this server, so a crafted link cannot bounce a login elsewhere."""
    return path if path.startswith("/") and not path.startswith("//") else "/"

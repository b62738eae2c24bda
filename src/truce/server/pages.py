"""The dashboard: server-rendered pages, each with a .json twin that returns the same data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from truce import review
from truce.access import Action, Principal
from truce.server import views
from truce.server.chart import bar_chart
from truce.server.deps import COOKIE, LedgerDep, SettingsDep, presented_token, principal_for
from truce.storage.users import UserStore

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["bar_chart"] = bar_chart


class LoginRequired(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


def page_principal(request: Request) -> Principal:
    who = principal_for(request, presented_token(request))
    if who is None:
        query = request.url.query
        raise LoginRequired(request.url.path + (f"?{query}" if query else ""))
    return who


Viewer = Annotated[Principal, Depends(page_principal)]


def login_redirect(request: Request, exc: Exception) -> Response:
    path = exc.path if isinstance(exc, LoginRequired) else "/"
    return RedirectResponse(f"/login?next={quote(path)}", status_code=303)


def _page(request: Request, name: str, who: Principal | None, data: dict[str, Any]) -> Response:
    context = {"who": who, "data": data, "may_review": bool(who and who.role.may(Action.REVIEW))}
    return templates.TemplateResponse(request, name, context)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return _page(request, "login.html", None, {"next": _local(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    ledger: LedgerDep,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    if UserStore(ledger.engine).by_token(token.strip()) is None:
        data = {"next": _local(next), "error": "That token is unknown or was revoked."}
        response = _page(request, "login.html", None, data)
        response.status_code = 401
        return response
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict",
                        secure=settings.secure_cookies, max_age=12 * 3600)  # fmt: skip
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/index.json")
def index_json(ledger: LedgerDep, who: Viewer) -> dict[str, Any]:
    return views.agreements_view(ledger)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, ledger: LedgerDep, who: Viewer) -> Response:
    return _page(request, "index.html", who, views.agreements_view(ledger))


@router.get("/agreements/{agreement}.json")
def agreement_json(
    agreement: str, ledger: LedgerDep, who: Viewer, at: str | None = None
) -> dict[str, Any]:
    return views.agreement_view(ledger, agreement, at or None)


@router.get("/agreements/{agreement}", response_class=HTMLResponse)
def agreement_page(
    request: Request, agreement: str, ledger: LedgerDep, who: Viewer, at: str | None = None
) -> Response:
    return _page(
        request, "agreement.html", who, views.agreement_view(ledger, agreement, at or None)
    )


@router.get("/agreements/{agreement}/claims.json")
def claims_json(agreement: str, ledger: LedgerDep, who: Viewer) -> dict[str, Any]:
    return views.claims_view(ledger, agreement)


@router.get("/agreements/{agreement}/claims", response_class=HTMLResponse)
def claims_page(request: Request, agreement: str, ledger: LedgerDep, who: Viewer) -> Response:
    return _page(request, "claims.html", who, views.claims_view(ledger, agreement))


@router.get("/review.json")
def review_json(
    ledger: LedgerDep,
    who: Viewer,
    agreement: str | None = None,
    status: str | None = Query("pending"),
) -> dict[str, Any]:
    return views.review_view(ledger, agreement or None, status or None)


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    ledger: LedgerDep,
    who: Viewer,
    agreement: str | None = None,
    status: str | None = Query("pending"),
) -> Response:
    return _page(
        request, "review.html", who, views.review_view(ledger, agreement or None, status or None)
    )


@router.post("/review/{candidate_id}/accept")
def accept(
    candidate_id: str,
    ledger: LedgerDep,
    who: Viewer,
    date: Annotated[str | None, Form(max_length=40)] = None,
    quantity: Annotated[str | None, Form(max_length=20)] = None,
) -> Response:
    who.require(Action.REVIEW)
    edits: dict[str, Any] = {}
    if date:
        edits["date"] = date
    if quantity:
        edits["quantity"] = int(quantity) if quantity.isdigit() else quantity
    decided = review.accept(ledger, candidate_id, edits, who.name)
    return RedirectResponse(f"/review?agreement={quote(decided.agreement)}", status_code=303)


@router.post("/review/{candidate_id}/reject")
def reject(
    candidate_id: str,
    ledger: LedgerDep,
    who: Viewer,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    who.require(Action.REVIEW)
    decided = review.reject(ledger, candidate_id, reason, who.name)
    return RedirectResponse(f"/review?agreement={quote(decided.agreement)}", status_code=303)


def _local(path: str) -> str:
    """Only paths on this server, so a crafted link cannot bounce a login elsewhere."""
    return path if path.startswith("/") and not path.startswith("//") else "/"

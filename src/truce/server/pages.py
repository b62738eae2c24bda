"""The dashboard: server-rendered pages, each with a .json twin that returns the same data."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote
from urllib.parse import quote as quote_url

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from truce import services
from truce.domain.claim_input import is_web_address
from truce.errors import TruceError
from truce.server import csrf, views
from truce.server.chart import bar_chart, stacked_chart
from truce.server.deps import (
    CacheDep,
    HeadSeq,
    LedgerDep,
    SettingsDep,
    authenticate,
    bearer_token,
    client_address,
    get_settings,
    get_throttle,
    session_cookie,
    session_principal,
)
from truce.server.docview import document_link
from truce.server.glance import moment
from truce.server.ranges import reading_range
from truce.server.settings import ServerSettings
from truce.services import review_queue
from truce.services.access import PUBLIC, Action, Principal
from truce.services.review_edits import form_edits
from truce.services.review_queue import MAX_PAGE, PAGE
from truce.services.sessions import close_session, csrf_token, open_session
from truce.services.users import user_by_token

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["bar_chart"] = bar_chart
templates.env.globals["stacked_chart"] = stacked_chart
templates.env.globals["reading_range"] = reading_range
templates.env.filters["moment"] = moment
templates.env.globals["document_link"] = document_link
# Only http(s) source URLs become links: a script URL stored before the check stays text.
templates.env.tests["web_address"] = is_web_address


class LoginRequired(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


def page_principal(request: Request) -> Principal:
    token = bearer_token(request)
    who = authenticate(request, token) if token else session_principal(request)
    if who is None and get_settings(request).public_read:
        who = PUBLIC
    if who is None:
        query = request.url.query
        raise LoginRequired(request.url.path + (f"?{query}" if query else ""))
    return who


Viewer = Annotated[Principal, Depends(page_principal)]


def queue_viewer(request: Request) -> Principal:
    """The review queue is the team's work, not the published record: sign in to see it."""
    who = page_principal(request)
    if not who.role.may(Action.READ_QUEUE):
        query = request.url.query
        raise LoginRequired(request.url.path + (f"?{query}" if query else ""))
    return who


QueueViewer = Annotated[Principal, Depends(queue_viewer)]
FormToken = Annotated[str | None, Form(alias=csrf.FIELD, max_length=200)]


def login_redirect(request: Request, exc: Exception) -> Response:
    path = exc.path if isinstance(exc, LoginRequired) else "/"
    return RedirectResponse(f"/login?next={quote(path)}", status_code=303)


_SET = re.compile(
    r"(?:accept it |fix it )?with --set (\w+)=\S+(?: \(and (\w+)\))?|e\.g\. --set (\w+)=\S+"
)


_ALLOW = re.compile(r"pass --allow-unknown|--allow-unknown")
_ALLOWED = 'accept it through the API with "allow_unknown": true'
EDIT_BOXES = ("event_id", "actor", "target", "categories", "place")


def browser_hint(hint: str) -> str:
    """A hint written for the CLI (`--set FIELD=VALUE`, `--allow-unknown`) told as the review
    page's boxes, or the API's field where the page has none."""

    def told(found: re.Match[str]) -> str:
        field = found[1] or found[3]
        box = {"quantity": "figure", "date": "date"}.get(field)
        if box is not None:
            return f"type the {box} in the box beside Accept, then Accept again"
        if field in EDIT_BOXES:
            return (f"correct the {field.replace('_', ' ')} under “Edit before accepting”, "
                    "then Accept again")  # fmt: skip
        return ("correct it through the API (POST /api/review/{id}/accept with \"set\"), "
                "or correct the figure or the date in the boxes beside Accept")  # fmt: skip

    return _ALLOW.sub(_ALLOWED, _SET.sub(told, hint))


def _form_token(request: Request) -> str | None:
    session_id = getattr(request.state, "session_id", None)
    return None if session_id is None else csrf_token(session_id)


def check_posted_form(request: Request, given: str | None) -> None:
    """A form posted under a session must carry its token; one sent with a bearer token is
    not a browser's ambient credential and needs none."""
    if getattr(request.state, "session_id", None) is not None:
        csrf.check_form(request, given, _form_token(request))


def _page(request: Request, name: str, who: Principal | None, data: dict[str, Any]) -> Response:
    context = {"who": who, "data": data, "may_review": bool(who and who.role.may(Action.REVIEW)),
               "may_submit": bool(who and who.role.may(Action.SUBMIT_CLAIM)),
               "csrf": _form_token(request)}  # fmt: skip
    return templates.TemplateResponse(request, name, context)


page_response = _page  # for the pages other modules serve (the map, the document view)


def _login_page(
    request: Request, settings: ServerSettings, next: str, error: str | None, status: int = 200
) -> Response:
    given = request.cookies.get(csrf.LOGIN_COOKIE)
    token = given if given and len(given) == 43 else secrets.token_urlsafe(32)
    data = {"next": _local(next), "error": error, "login_csrf": token}
    response = _page(request, "login.html", None, data)
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


def _agreements(ledger: LedgerDep, cache: CacheDep, seq: HeadSeq) -> dict[str, Any]:
    # Counting versions reads the chain: once per head.
    return cache.get(("agreements",), seq, lambda: views.agreements_view(ledger))


Agreements = Annotated[dict[str, Any], Depends(_agreements)]


@router.get("/index.json")
def index_json(who: Viewer, data: Agreements) -> dict[str, Any]:
    return data


@router.get("/", response_class=HTMLResponse)
def index(request: Request, who: Viewer, data: Agreements) -> Response:
    return _page(request, "index.html", who, data)


@router.get("/agreements/{agreement}.json")
def agreement_json(
    agreement: str,
    ledger: LedgerDep,
    who: Viewer,
    cache: CacheDep,
    seq: HeadSeq,
    at: str | None = Query(None, max_length=100),
) -> dict[str, Any]:
    return views.cached_agreement_view(ledger, cache, seq, agreement, at or None)


@router.get("/agreements/{agreement}", response_class=HTMLResponse)
def agreement_page(
    request: Request,
    agreement: str,
    ledger: LedgerDep,
    who: Viewer,
    cache: CacheDep,
    seq: HeadSeq,
    at: str | None = Query(None, max_length=100),
) -> Response:
    data = views.cached_agreement_view(ledger, cache, seq, agreement, at or None)
    return _page(request, "agreement.html", who, data)


Field = Annotated[str | None, Form(max_length=2_000)]


@router.post("/agreements/{agreement}/claims")
def record_from_page(
    agreement: str,
    ledger: LedgerDep,
    who: Viewer,
    request: Request,
    given: FormToken = None,
    type: Field = None,
    date: Field = None,
    actor: Field = None,
    target: Field = None,
    quantity: Field = None,
    subject: Field = None,
    categories: Field = None,
    status: Field = None,
    outlet: Field = None,
    url: Field = None,
    quote: Field = None,
) -> Response:
    """A claim typed in on the claims page: the API's rules for who may say what."""
    check_posted_form(request, given)
    who.require(Action.SUBMIT_CLAIM)
    given_fields = {"type": type, "date": date, "actor": actor, "target": target,
                    "subject": subject, "status": status, "quote": quote}  # fmt: skip
    fields = form_edits({**given_fields, "quantity": quantity, "categories": categories})
    fields["agreement"] = agreement
    source = {k: v.strip() for k, v in (("outlet", outlet), ("url", url)) if v and v.strip()}
    if source:
        fields["sources"] = [source]
    fields = services.submission(ledger, who, fields)
    result = services.record_claim(ledger, fields, who.name, who)
    made = (result.added or result.skipped or [""])[0]
    return RedirectResponse(
        f"/agreements/{quote_url(agreement)}/claims?recorded={quote_url(made)}#claim-{made}",
        status_code=303,
    )


Offset = Annotated[int, Query(ge=0, le=10_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE)]
DocumentHash = Annotated[str | None, Query(max_length=64, pattern="^[0-9a-f]*$")]


@router.get("/review.json")
def review_json(
    ledger: LedgerDep,
    who: QueueViewer,
    agreement: str | None = None,
    status: str | None = Query("pending"),
    document: DocumentHash = None,
    offset: Offset = 0,
    limit: PageSize = PAGE,
) -> dict[str, Any]:
    return views.review_view(ledger, agreement or None, status or None, document or None,
                             offset, limit)  # fmt: skip


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    ledger: LedgerDep,
    who: QueueViewer,
    agreement: str | None = None,
    status: str | None = Query("pending"),
    document: DocumentHash = None,
    offset: Offset = 0,
    limit: PageSize = PAGE,
    accepted: str | None = Query(None, max_length=200),
) -> Response:
    data = views.review_view(ledger, agreement or None, status or None, document or None,
                             offset, limit)  # fmt: skip
    if accepted:  # after an Accept: say what it made, and where it is
        data["accepted"] = views.accepted_notice(ledger, accepted)
    return _page(request, "review.html", who, data)


Box = Annotated[str | None, Form(max_length=200)]


@router.post("/review/{candidate_id}/accept")
def accept(
    candidate_id: str,
    ledger: LedgerDep,
    who: Viewer,
    request: Request,
    given: FormToken = None,
    date: Annotated[str | None, Form(max_length=40)] = None,
    quantity: Annotated[str | None, Form(max_length=20)] = None,
    event_id: Box = None,
    attach: Box = None,
    actor: Box = None,
    target: Box = None,
    categories: Annotated[str | None, Form(max_length=2_000)] = None,
    place_name: Box = None,
    place_country: Box = None,
    place_lat: Box = None,
    place_lon: Box = None,
) -> Response:
    """Accept with the page's boxes: the same edits, checked by the same rules, as the API's
    `set` and the CLI's `--set`; `attach` (a suggestion's button) files it under that event."""
    check_posted_form(request, given)
    who.require(Action.REVIEW)
    edits = form_edits({"date": date, "quantity": quantity, "event_id": attach or event_id,
                        "actor": actor, "target": target, "categories": categories,
                        "place_name": place_name, "place_country": place_country,
                        "place_lat": place_lat, "place_lon": place_lon})  # fmt: skip
    try:
        decided = review_queue.accept(ledger, candidate_id, edits, who.name)
    except TruceError as exc:
        exc.hint = browser_hint(exc.hint)  # a browser has boxes, not --set
        raise
    return RedirectResponse(
        f"/review?agreement={quote(decided.agreement)}&accepted={quote(candidate_id)}",
        status_code=303,
    )


@router.post("/review/{candidate_id}/reject")
def reject(
    candidate_id: str,
    ledger: LedgerDep,
    who: Viewer,
    request: Request,
    given: FormToken = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    check_posted_form(request, given)
    who.require(Action.REVIEW)
    decided = review_queue.reject(ledger, candidate_id, reason, who.name)
    return RedirectResponse(f"/review?agreement={quote(decided.agreement)}", status_code=303)


def _local(path: str) -> str:
    """Only paths on this server, so a crafted link cannot bounce a login elsewhere."""
    return path if path.startswith("/") and not path.startswith("//") else "/"

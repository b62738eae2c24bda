"""What every dashboard page shares: the templates, who may see a page (or is sent to log in),
the page response with its form token, and the check of a posted form.

The pages themselves live beside it, one module per part of the dashboard: `login_pages`,
`agreement_pages`, `review_pages`, `list_pages`, `map_pages`, `document_pages`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from truce.domain.claim_input import is_web_address
from truce.server import csrf
from truce.server.chart import bar_chart, stacked_chart
from truce.server.deps import authenticate, bearer_token, get_settings, session_principal
from truce.server.docview import document_link
from truce.server.glance import moment
from truce.server.ranges import reading_range
from truce.services.access import PUBLIC, Action, Principal
from truce.services.sessions import csrf_token

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


def _form_token(request: Request) -> str | None:
    session_id = getattr(request.state, "session_id", None)
    return None if session_id is None else csrf_token(session_id)


def check_posted_form(request: Request, given: str | None) -> None:
    """A form posted under a session must carry its token; one sent with a bearer token is
    not a browser's ambient credential and needs none."""
    if getattr(request.state, "session_id", None) is not None:
        csrf.check_form(request, given, _form_token(request))


def page_response(
    request: Request, name: str, who: Principal | None, data: dict[str, Any]
) -> Response:
    context = {"who": who, "data": data, "may_review": bool(who and who.role.may(Action.REVIEW)),
               "may_submit": bool(who and who.role.may(Action.SUBMIT_CLAIM)),
               "csrf": _form_token(request)}  # fmt: skip
    return templates.TemplateResponse(request, name, context)

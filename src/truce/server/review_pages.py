"""The review queue's page (and its .json twin), and Accept and Reject from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from truce.domain.claim_fields import BY_NAME, HELP, LABEL
from truce.errors import TruceError
from truce.server import views
from truce.server.deps import LedgerDep
from truce.server.pages import (
    FormToken,
    QueueViewer,
    Viewer,
    check_posted_form,
    page_response,
    templates,
)
from truce.services import review_queue
from truce.services.access import Action
from truce.services.ledger import Ledger
from truce.services.review_edits import form_edits
from truce.services.review_queue import MAX_PAGE, PAGE

router = APIRouter(include_in_schema=False)


_SET = re.compile(
    r"(?:accept it |fix it )?with --set (\w+)=\S+(?: \(and (\w+)\))?|e\.g\. --set (\w+)=\S+"
)


_ALLOW = re.compile(r"pass --allow-unknown|--allow-unknown")
_ALLOWED = 'accept it through the API with "allow_unknown": true'


@dataclass(frozen=True)
class EditBox:
    """A box under "Edit before accepting" for one claim field: its label, help and longest
    text are the field's own (`domain.claim_fields`), so the form says what the CLI says."""

    name: str
    label: str
    help: str
    length: int | None
    several: bool  # a list: the box takes several, comma-separated
    parties: bool  # offers the agreement's parties as it is typed

    def shown(self, candidate: dict[str, Any]) -> str:
        """The candidate's value as the box shows it, as it is typed back."""
        value = candidate.get(self.name)
        if isinstance(value, dict):
            return ", ".join(f"{k}={v}" for k, v in value.items())
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "" if value is None else str(value)


_PARTIES = {"actor", "target"}
# How a box's text is typed, beyond the field's help: a list's items, the sub-counts' pairs.
_TYPED = {"list": "; several separated by commas", "object": "; typed women=15, minors=15"}
CLAIM_BOXES = tuple(
    EditBox(name, LABEL[name], HELP[name] + _TYPED.get(BY_NAME[name].kind, ""),
            BY_NAME[name].length, BY_NAME[name].kind == "list", name in _PARTIES)
    for name in ("event_id", "actor", "target", "categories", "parts")
)  # fmt: skip
# The form's edit boxes: the claim fields', then the place (the candidate's, kept in `extra`).
EDIT_BOXES = (*(box.name for box in CLAIM_BOXES), "place")
templates.env.globals["edit_boxes"] = CLAIM_BOXES


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


Offset = Annotated[int, Query(ge=0, le=10_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE)]
DocumentHash = Annotated[str | None, Query(max_length=64, pattern="^[0-9a-f]*$")]


@dataclass(frozen=True)
class QueueAsked:
    """The part of the queue a page asks for: the filters (blank means any) and the page."""

    agreement: str | None
    status: str | None
    document: str | None
    offset: int
    limit: int


def queue_asked(
    agreement: str | None = None,
    status: str | None = Query("pending"),
    document: DocumentHash = None,
    offset: Offset = 0,
    limit: PageSize = PAGE,
) -> QueueAsked:
    """The queue's query parameters, read once for the page and its .json twin."""
    return QueueAsked(agreement or None, status or None, document or None, offset, limit)


Asked = Annotated[QueueAsked, Depends(queue_asked)]


def _review_view(ledger: Ledger, asked: QueueAsked) -> dict[str, Any]:
    return views.review_view(ledger, asked.agreement, asked.status, asked.document,
                             asked.offset, asked.limit)  # fmt: skip


@router.get("/review.json")
def review_json(ledger: LedgerDep, who: QueueViewer, asked: Asked) -> dict[str, Any]:
    return _review_view(ledger, asked)


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    ledger: LedgerDep,
    who: QueueViewer,
    asked: Asked,
    accepted: str | None = Query(None, max_length=200),
) -> Response:
    data = _review_view(ledger, asked)
    if accepted:  # after an Accept: say what it made, and where it is
        data["accepted"] = views.accepted_notice(ledger, accepted)
    return page_response(request, "review.html", who, data)


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
    parts: Annotated[str | None, Form(max_length=2_000)] = None,
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
                        "parts": parts, "place_name": place_name, "place_country": place_country,
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

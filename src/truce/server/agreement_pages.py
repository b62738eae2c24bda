"""The index of agreements, an agreement's page (and their .json twins), and a claim typed in on
the claims page."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote as quote_url

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from truce import services
from truce.server import unchanged, views
from truce.server.cache import HeadCache
from truce.server.deps import CacheDep, HeadSeq, LedgerDep, WarmerDep
from truce.server.pages import FormToken, Viewer, check_posted_form, page_response
from truce.server.previous_view import while_judging
from truce.server.warm import Warmer
from truce.services.access import Action
from truce.services.ledger import Ledger
from truce.services.review_edits import form_edits
from truce.services.review_queue import pending_count

router = APIRouter(include_in_schema=False)


def _agreements(ledger: LedgerDep, cache: CacheDep, seq: HeadSeq) -> dict[str, Any]:
    # Counting versions reads the chain: once per head.
    return cache.get(("agreements",), seq, lambda: views.agreements_view(ledger))


Agreements = Annotated[dict[str, Any], Depends(_agreements)]


@router.get("/index.json")
def index_json(who: Viewer, data: Agreements) -> dict[str, Any]:
    return data


@router.get("/", response_class=HTMLResponse)
def index(request: Request, who: Viewer, data: Agreements) -> Response:
    return page_response(request, "index.html", who, data)


def agreement_view(
    request: Request,
    agreement: str,
    ledger: LedgerDep,
    cache: CacheDep,
    seq: HeadSeq,
    warmer: WarmerDep,
    at: str | None = Query(None, max_length=100),
) -> dict[str, Any]:
    """The agreement's page data at `at` (default now), read once for the page and its .json
    twin; remembered, so that after an append it is judged again before anyone asks."""
    instant = at or None
    data = views.cached_agreement_view(ledger, cache, seq, agreement, instant)
    _remember(warmer, ledger, cache, agreement, instant)
    if instant is None:
        request.app.state.previous.keep(agreement, seq, data)
    return data


def _remember(
    warmer: Warmer, ledger: Ledger, cache: HeadCache, agreement: str, instant: str | None
) -> None:
    warmer.asked(
        ("agreement-view", agreement, instant),
        instant is None,
        lambda moved: views.cached_agreement_view(ledger, cache, moved, agreement, instant),
        page=True,
    )


# After the viewer in a route's parameters: who may see the page is checked first.
AgreementView = Annotated[dict[str, Any], Depends(agreement_view)]


def unchanged_at(
    request: Request,
    agreement: str,
    who: Viewer,
    ledger: LedgerDep,
    cache: CacheDep,
    seq: HeadSeq,
    warmer: WarmerDep,
    at: str | None = Query(None, max_length=100),
) -> None:
    """A 304 before the page at an instant is made, when the tag asked for is the one sent for
    this head, query, viewer, form token and review queue count (`server.unchanged`); a page
    "now" shows the instant it is asked at, another page every time. Asked, it is remembered
    for the warm (`agreement_view`) all the same."""
    if at:
        pending = pending_count(ledger, agreement)
        key = unchanged.page_key(request, who, seq, "pending", pending)
        if request.headers.get("if-none-match"):
            _remember(warmer, ledger, cache, agreement, at)
        unchanged.check(request, key)


# Before the page's data: a 304 is decided first.
UnchangedAt = Annotated[None, Depends(unchanged_at)]


@router.get("/agreements/{agreement}.json")
def agreement_json(
    agreement: str, who: Viewer, asked: UnchangedAt, data: AgreementView
) -> dict[str, Any]:
    return data


@router.get("/agreements/{agreement}", response_class=HTMLResponse)
def agreement_page(
    request: Request,
    agreement: str,
    who: Viewer,
    ledger: LedgerDep,
    cache: CacheDep,
    seq: HeadSeq,
    warmer: WarmerDep,
    asked: UnchangedAt,
    at: str | None = Query(None, max_length=100),
) -> Response:
    if not at and request.app.state.settings.previous_while_judging:
        found = while_judging(request.app.state.previous, ledger, cache, agreement, seq)
        if found is not None:  # labelled as the previous head's, reloading until current
            shown = page_response(request, "agreement.html", who, found)
            shown.headers["Refresh"] = str(found["previous"]["refresh_s"])
            shown.headers["Cache-Control"] = "no-store"
            return shown
    data = agreement_view(request, agreement, ledger, cache, seq, warmer, at)
    return page_response(request, "agreement.html", who, data)


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

"""The claims page of an agreement, its .json twin and its downloads: one list, filtered, sorted
and paged by the database, the filters kept in the URL."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.datastructures import Headers

from truce.errors import UnknownClaim
from truce.server import conditional, downloads, unchanged
from truce.server.claim_list import claims_view, list_query
from truce.server.deps import CacheDep, HeadSeq, LedgerDep
from truce.server.listing import FILTER_KEYS, ListQuery
from truce.server.pages import Viewer, page_response
from truce.services.claim_lists import stream_claims
from truce.services.ledger import Ledger

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=400)]


def given(request: Request) -> dict[str, str | None]:
    """The list's parameters from the query string; anything else in it is ignored."""
    keys = (*FILTER_KEYS, "sort", "page", "per_page")
    return {k: request.query_params.get(k) for k in keys}


def asked_list(request: Request, agreement: str, ledger: LedgerDep) -> ListQuery:
    """The list the query string asks for (filters, sort, page), read once for the page, its
    .json twin and its downloads; an unknown agreement is refused here."""
    return list_query(ledger, agreement, given(request))


# After the viewer in a route's parameters: who may see the list is checked first.
AskedList = Annotated[ListQuery, Depends(asked_list)]


def asked_view(
    agreement: str,
    ledger: LedgerDep,
    who: Viewer,
    query: AskedList,
    cache: CacheDep,
    seq: HeadSeq,
) -> dict[str, Any]:
    """The list as the page and its .json twin both show it, from one set of parameters."""
    spec, _ = ledger.agreement(agreement)
    return claims_view(ledger, cache, seq, query, spec)


AskedView = Annotated[dict[str, Any], Depends(asked_view)]


def unchanged_list(request: Request, who: Viewer, query: AskedList, seq: HeadSeq) -> None:
    """A 304 before the list is read, when the tag asked for is the one sent for this head,
    query, viewer and form token (`server.unchanged`)."""
    unchanged.check(request, unchanged.page_key(request, who, seq))


# After the list's query (an unknown agreement is refused first), before its rows are read.
UnchangedList = Annotated[None, Depends(unchanged_list)]


@router.get("/agreements/{agreement}/claims.json")
def claims_json(asked: UnchangedList, data: AskedView) -> dict[str, Any]:
    return data


@router.get("/agreements/{agreement}/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    agreement: str,
    ledger: LedgerDep,
    who: Viewer,
    asked: UnchangedList,
    data: AskedView,
    recorded: Text = None,
) -> Response:
    data["recorded"] = _recorded(ledger, agreement, recorded)
    data["recorded_here"] = any(c["id"] == recorded for c in data["claims"])
    return page_response(request, "claims.html", who, data)


def _recorded(ledger: Ledger, agreement: str, claim_id: str | None) -> str | None:
    """The claim just recorded from this page, when it is one of this agreement's."""
    if not claim_id:
        return None
    try:
        return claim_id if ledger.claim(claim_id).agreement == agreement else None
    except UnknownClaim:
        return None


@router.get("/agreements/{agreement}/claims/download.{fmt}")
def download(
    request: Request, fmt: str, ledger: LedgerDep, who: Viewer, query: AskedList
) -> Response:
    """Every claim of the list the page shows (its filters and order, all pages), as a file."""
    return download_response(ledger, query, fmt, request.headers)


def download_response(ledger: Ledger, query: ListQuery, fmt: str, asked: Headers) -> Response:
    """The file, streamed as it is read; tagged from the chain head, the list and the format
    (the same for every reader), so a client that holds it gets a 304 without a claim read."""
    media_type = downloads.check_format(fmt)
    head = ledger.head()
    tag = conditional.derived_tag(
        ["download", fmt, head and head.seq, head and head.hash, query.where, query.order]
    )
    unchanged = conditional.not_modified_response(asked, tag)
    if unchanged is not None:
        return unchanged
    # GeoJSON draws only claims with a place: the database skips the others.
    where = replace(query.where, placed=True) if fmt == "geojson" else query.where
    claims = stream_claims(ledger, where, query.order)
    name = quote(f"{query.where.agreement}-claims.{fmt}")
    return StreamingResponse(
        downloads.chunks(claims, fmt),
        media_type=media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
        | conditional.tag_headers(tag),
    )

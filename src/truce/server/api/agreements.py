"""Agreements: list, show, validate, add; and their state at an instant and timeline."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTasks

from truce import services
from truce.domain.engine.answer_model import StatusAnswer
from truce.server import conditional, unchanged
from truce.server.cache import HeadCache
from truce.server.compress import Packed, early_encoding, tag_of_digests
from truce.server.deps import AgreementManager, CacheDep, HeadSeq, LedgerDep, Reader, WarmerDep
from truce.server.now_status import dumped, now_body
from truce.server.timeline_page import timeline_page
from truce.server.warm import Warmer
from truce.services import kept_pages
from truce.services.ledger import Ledger
from truce.spec_yaml import load_spec

router = APIRouter(prefix="/api/agreements", tags=["agreements"])


class SpecText(BaseModel):
    yaml: str = Field(..., description="the agreement spec, as written in YAML", max_length=500_000)
    name: str = Field("<request>", description="a name for the spec in error locations")


@router.get("", summary="Every agreement in the ledger")
def list_agreements(ledger: LedgerDep, who: Reader) -> list[dict[str, Any]]:
    return [
        {"id": a.id, "title": a.title, "seq": a.seq, "versions": a.versions}
        for a in ledger.agreements()
    ]


@router.post("/validate", summary="Check a spec without storing it")
def validate(body: SpecText, who: Reader) -> dict[str, Any]:
    spec = load_spec(body.yaml, body.name)
    return {"ok": True, "id": spec.id, "title": spec.title}


@router.post("", status_code=201, summary="Add an agreement, or a new version of one")
def add(body: SpecText, ledger: LedgerDep, who: AgreementManager) -> dict[str, Any]:
    spec, entry = services.add_agreement_text(ledger, body.yaml, body.name, who.name)
    return {"id": spec.id, "title": spec.title, "seq": entry.seq, "hash": entry.hash}


@router.get("/{agreement}", summary="An agreement's spec")
def show(agreement: str, ledger: LedgerDep, who: Reader) -> dict[str, Any]:
    spec, text = ledger.agreement(agreement)
    return {"id": spec.id, "spec": spec.model_dump(mode="json"), "yaml": text}


@router.get(
    "/{agreement}/status",
    summary="The agreement's state at an instant",
    response_class=JSONResponse,
    response_model=StatusAnswer,
)
def status(
    request: Request,
    agreement: str,
    ledger: LedgerDep,
    who: Reader,
    cache: CacheDep,
    seq: HeadSeq,
    warmer: WarmerDep,
    at: str | None = Query(None, description="ISO 8601 instant or date; default now"),
) -> Response:
    instant = at or None
    if instant is not None:
        early = _unchanged(request, ledger, cache, seq, agreement, instant)
        if early is not None:
            _remember(warmer, ledger, cache, agreement, instant)
            return early
    # What the answer keeps for the next judgment and other servers is written once it is sent.
    body, writes = kept_pages.sent_first(
        lambda: _status_body(ledger, cache, seq, agreement, instant)
    )
    _remember(warmer, ledger, cache, agreement, instant)
    # 19 MB at a million claims: sent compressed, made so once per head (`server.compress`).
    response = body.response(request.headers)
    after = BackgroundTasks()
    if response.background is not None:  # its compressed form, made once it is sent
        after.add_task(response.background)
    after.add_task(writes)
    response.background = after
    return response


def _remember(
    warmer: Warmer, ledger: Ledger, cache: HeadCache, agreement: str, instant: str | None
) -> None:
    """After an append the warm judges it again and makes its bytes (for "now": the answer is
    kept with its span, `storage.held`, and its bytes per span, `server.now_status`)."""
    warmer.asked(
        ("status", agreement, instant),
        instant is None,
        lambda moved: _status_body(ledger, cache, moved, agreement, instant),
    )


def _unchanged(
    request: Request, ledger: Ledger, cache: HeadCache, seq: int, agreement: str, at: str
) -> Response | None:
    """A 304 for the answer at `at` without reading it, when `If-None-Match` names the bytes
    kept for it at this head (their SHA-256 from the kept header: no judgment, no 19 MB read
    and hashed in a process that has not sent them yet). None: the answer's own `response`
    decides (in memory here, or to be made)."""
    asked = request.headers.get("if-none-match")
    if not asked or cache.holds(("status", agreement, at), seq):
        return None
    found = kept_pages.kept_sha(ledger, agreement, kept_pages.API, at)
    if found is None:
        return None
    sha, size = found
    tag = tag_of_digests([sha])
    if not conditional.matches(asked, tag):
        return None
    encoding = early_encoding(request.headers.get("accept-encoding"), size)
    sent = {"etag": conditional.etag(tag, encoding), "vary": "Accept-Encoding",
            "cache-control": conditional.CACHE_CONTROL}  # fmt: skip
    return Response(status_code=304, headers=sent)


def _status_body(
    ledger: Ledger, cache: HeadCache, seq: int, agreement: str, at: str | None
) -> Packed:
    # Serialised once per head and instant: a dashboard polling a truce costs one query. "Now":
    # once per span its kept answer holds for (`server.now_status`), else once a second.
    if at is None:
        body = now_body(ledger, cache, seq, agreement)
        if body is not None:
            return body
    key = ("status", agreement, at or f"now@{int(time.time())}")

    if at is None:  # no span known (a database in memory): nothing is kept
        return cache.get(key, seq, lambda: Packed.of(dumped(services.status(ledger, agreement))))
    asked = at

    def made() -> bytes:
        return services.status_json(ledger, agreement, asked)

    def kept() -> Packed:
        """Kept in the database for every server on the ledger (`services.kept_pages`), with
        its SHA-256 checked as it is read: the answer's tag without hashing it again."""
        found, digest = kept_pages.kept_digested(
            ledger, agreement, kept_pages.API, asked, None, made
        )
        return Packed.of(found, digest) if found is not None else Packed.of(made())

    return cache.get(key, seq, kept)


@router.get("/{agreement}/timeline", summary="Every live event, with its agreement day")
def timeline(
    request: Request,
    agreement: str,
    ledger: LedgerDep,
    who: Reader,
    seq: HeadSeq,
    at: str | None = None,
    offset: int = Query(0, ge=0, le=10**9),
    limit: int | None = Query(None, ge=1, le=1_000, description="a page of rows; none: all"),
) -> list[dict[str, Any]]:
    """`at`: only the events that had surely happened by that instant (as `status?at=`).
    `offset` and `limit`: a page of the same rows, built from the event frame (a long record's
    whole timeline is every event). The rows are the head's alone (no instant "now" in them):
    a 304 is decided before they are read (`server.unchanged`)."""
    unchanged.check(request, unchanged.page_key(request, who, seq))
    if limit is None and not offset:
        return services.agreement_timeline(ledger, agreement, at or None)
    return timeline_page(ledger, agreement, at or None, offset, limit or 1_000)

"""Claims: list with filters, show, record, import a file, supersede, and mediators' verdicts."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from truce import services
from truce.domain.claim_input import ClaimInput
from truce.server import unchanged
from truce.server.claim_list import claims_page, list_query
from truce.server.deps import CacheDep, HeadSeq, LedgerDep, Reader, Submitter, Verdicter
from truce.server.list_pages import download_response
from truce.server.listing import ListQuery
from truce.services.access import Principal
from truce.services.claim_imports import import_claims
from truce.services.ledger import AppendResult, Ledger

router = APIRouter(prefix="/api/claims", tags=["claims"])
MAX_LIMIT = 1_000
SORT_HELP = "recorded (default), date, type, actor, quantity, status; -date sorts descending"


class Verdict(BaseModel):
    status: Literal["confirmed", "disputed", "retracted", "under_investigation"]
    note: str | None = Field(None, max_length=5_000)


def text(description: str | None = None, alias: str | None = None) -> Any:
    """An optional text filter, bounded."""
    return Query(None, max_length=400, description=description, alias=alias)


def _list_query(
    ledger: Ledger, agreement: str, filters: dict[str, str | None], sort: str | None
) -> ListQuery:
    return list_query(ledger, agreement, {**filters, "sort": sort})


@router.get("", summary="Claims of an agreement, filtered, sorted and paged by the database")
def list_claims(
    request: Request,
    ledger: LedgerDep,
    who: Reader,
    cache: CacheDep,
    seq: HeadSeq,
    agreement: str = Query(..., description="agreement id", max_length=400),
    type: str | None = text("event type (one the agreement knows)"),
    actor: str | None = text(),
    status: str | None = text("alleged, reported, confirmed, disputed, ..."),
    recorded_by: str | None = text(),
    place: str | None = text("text in the location or the gazetteer place"),
    source: str | None = text("an outlet, speaker or via, named exactly"),
    from_: str | None = text("first day (YYYY-MM-DD), as written", alias="from"),
    to: str | None = text("last day (YYYY-MM-DD), inclusive"),
    sort: str | None = text(SORT_HELP),
    offset: int = Query(0, ge=0, le=10**9),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    filters = {"type": type, "actor": actor, "status": status, "recorded_by": recorded_by,
               "place": place, "source": source, "from": from_, "to": to}  # fmt: skip
    query = replace(_list_query(ledger, agreement, filters, sort), per_page=limit)
    # A 304 before the rows are read, for a tag sent for this head, query and caller.
    unchanged.check(request, unchanged.page_key(request, who, seq))
    return claims_page(ledger, cache, seq, query, offset)


@router.get("/download", summary="Every claim of a filtered list, as CSV, Parquet or GeoJSON")
def download(
    request: Request,
    ledger: LedgerDep,
    who: Reader,
    agreement: str = Query(..., description="agreement id", max_length=400),
    format: str = Query(..., description="csv, parquet or geojson", max_length=20),
    type: str | None = text(),
    actor: str | None = text(),
    status: str | None = text(),
    recorded_by: str | None = text(),
    place: str | None = text(),
    source: str | None = text(),
    from_: str | None = text(alias="from"),
    to: str | None = text(),
    sort: str | None = text(),
) -> Response:
    """Streamed as it is read: the same filters and order as `GET /api/claims`, every page."""
    filters = {"type": type, "actor": actor, "status": status, "recorded_by": recorded_by,
               "place": place, "source": source, "from": from_, "to": to}  # fmt: skip
    return download_response(
        ledger, _list_query(ledger, agreement, filters, sort), format, request.headers
    )


@router.get("/{claim_id}", summary="One claim")
def show(claim_id: str, ledger: LedgerDep, who: Reader) -> dict[str, Any]:
    return ledger.claim(claim_id).as_dict()


@router.post("", status_code=201, summary="Record one claim")
def record(
    body: ClaimInput,
    ledger: LedgerDep,
    who: Submitter,
    allow_unknown: bool = Query(
        False, description="keep a claim naming ids the agreement does not declare, flagged"
    ),
) -> dict[str, Any]:
    fields = _submission(ledger, who, body)
    return _appended(services.record_claim(ledger, fields, who.name, who, allow_unknown))


@router.post("/import", status_code=201, summary="Import a JSON Lines or CSV file of claims")
def import_file(
    ledger: LedgerDep,
    who: Submitter,
    file: UploadFile = File(..., description=".jsonl, .ndjson or .csv"),
    skip_bad: bool = Query(False, description="import the good lines, report the bad"),
    allow_unknown: bool = Query(
        False, description="keep claims naming ids the agreement does not declare, flagged"
    ),
) -> dict[str, Any]:
    suffix = Path(file.filename or "claims.jsonl").suffix.lower() or ".jsonl"
    with tempfile.TemporaryDirectory(prefix="truce-import-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out)
        outcome = import_claims(
            ledger,
            path,
            who,
            who.name,
            skip_bad=skip_bad,
            shown_as=file.filename or "upload",
            allow_unknown=allow_unknown,
        )
    return {
        **_appended(outcome.result),
        "errors": outcome.errors,
        # The first hundred say what to check; the total says how much.
        "warnings": [w.as_dict() for w in outcome.warnings[:100]],
        "warnings_total": len(outcome.warnings),
    }


@router.post("/{claim_id}/supersede", status_code=201, summary="Correct a claim with a new one")
def supersede(claim_id: str, body: ClaimInput, ledger: LedgerDep, who: Submitter) -> dict[str, Any]:
    fields = _submission(ledger, who, body)
    return _appended(services.supersede(ledger, claim_id, fields, who.name, who))


@router.post("/{claim_id}/status", status_code=201, summary="Confirm, dispute or retract a claim")
def verdict(claim_id: str, body: Verdict, ledger: LedgerDep, who: Verdicter) -> dict[str, Any]:
    return _appended(services.change_status(ledger, claim_id, body.status, who.name, body.note))


def _submission(ledger: Ledger, who: Principal, body: ClaimInput) -> dict[str, Any]:
    return services.submission(ledger, who, body.model_dump(mode="json", exclude_none=True))


def _appended(result: AppendResult) -> dict[str, Any]:
    return {
        "added": result.added,
        "skipped": result.skipped,
        "head": result.head.hash if result.head else None,
        "seq": result.head.seq if result.head else None,
        "warnings": [w.as_dict() for w in result.warnings],
    }

"""The review queue: candidates extracted from news reports, accepted, edited or rejected."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field

from truce.server.deps import LedgerDep, QueueReader, Reviewer
from truce.services import review_queue
from truce.services.auto_accept import auto_accept
from truce.services.review_suggestions import suggested_for

router = APIRouter(prefix="/api/review", tags=["review"])
MAX_LIMIT = 1_000

# A place is an object: {"name", "country", "lat", "lon"} (docs/server.md).
Place = dict[str, str | int | float | bool | None]
Edits = dict[str, str | int | float | bool | list[str] | Place | None]


class Decision(BaseModel):
    set: Edits = Field(default_factory=dict, description="fields to change, e.g. {'quantity': 13}")


class Acceptance(Decision):
    allow_unknown: bool = Field(
        False, description="keep the claim, flagged, if the agreement does not declare its ids"
    )


class Rejection(BaseModel):
    reason: str | None = Field(None, max_length=5_000)


@router.get("", summary="Candidates in the queue, most confident first, a page at a time")
def list_candidates(
    ledger: LedgerDep,
    who: QueueReader,
    agreement: str | None = Query(None, max_length=400),
    status: Literal["pending", "accepted", "rejected"] | None = Query(None),
    offset: int = Query(0, ge=0, le=10**9),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    """`candidates` holds at most `limit` candidates from position `offset`; `total` counts
    every candidate the filters keep, and `next_offset` is where the next page starts (null
    on the last)."""
    found = review_queue.confident_page(ledger, agreement, status, offset, limit)
    after = offset + len(found.candidates)
    return {
        "agreement": agreement,
        "status": status,
        "total": found.total,
        "offset": offset,
        "limit": limit,
        "next_offset": after if after < found.total else None,
        "candidates": [q.as_dict() for q in found.candidates],
    }


@router.post("/auto-accept", summary="Accept pending candidates at or above a confidence")
def auto_accept_candidates(
    ledger: LedgerDep,
    who: Reviewer,
    above: float = Query(..., description="0 < above <= 1"),
    agreement: str | None = Query(None),
) -> dict[str, Any]:
    return auto_accept(ledger, above, who.name, agreement=agreement).as_dict()


@router.post("/ingest", status_code=201, summary="Extract a news report and queue its candidates")
def ingest(
    ledger: LedgerDep,
    who: Reviewer,
    file: UploadFile = File(..., description="a report: .txt, .html, .xml (feed), .jsonl, .warc"),
    agreement: str = Query(...),
    published: date | None = Query(None, description="for documents without a date"),
) -> dict[str, Any]:
    name = Path(file.filename or "report.txt").name or "report.txt"
    with tempfile.TemporaryDirectory(prefix="truce-ingest-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out)
        report = review_queue.ingest(ledger, [path], agreement, published, who.name)
    return {
        "documents": report.documents,
        "skipped": report.skipped,
        "queued": report.queued,
        "errors": [
            {"document": Path(d).name, "code": c, "message": m} for d, c, m in report.errors
        ],
    }


@router.get("/{candidate_id}", summary="One candidate")
def show(candidate_id: str, ledger: LedgerDep, who: QueueReader) -> dict[str, Any]:
    return review_queue.candidate(ledger, candidate_id).as_dict()


@router.get(
    "/{candidate_id}/suggestions",
    summary="Recorded events the candidate may belong to, best first, each with why it matched",
)
def suggestions(candidate_id: str, ledger: LedgerDep, who: QueueReader) -> list[dict[str, Any]]:
    """At most five events of the candidate's agreement: the same type, and the same actor,
    local day (or the day either side) and figure (or one within a factor of two) where the
    candidate gives them. Accept with `{"set": {"event_id": ...}}` to file it under one."""
    return suggested_for(ledger, candidate_id)


@router.post("/{candidate_id}/accept", summary="Accept a candidate; it becomes a ledger claim")
def accept(candidate_id: str, body: Acceptance, ledger: LedgerDep, who: Reviewer) -> dict[str, Any]:
    return review_queue.accept(
        ledger, candidate_id, dict(body.set), who.name, body.allow_unknown
    ).as_dict()


@router.post("/{candidate_id}/edit", summary="Edit a pending candidate")
def edit(candidate_id: str, body: Decision, ledger: LedgerDep, who: Reviewer) -> dict[str, Any]:
    return review_queue.edit(ledger, candidate_id, dict(body.set), who.name).as_dict()


@router.post("/{candidate_id}/reject", summary="Reject a candidate")
def reject(candidate_id: str, body: Rejection, ledger: LedgerDep, who: Reviewer) -> dict[str, Any]:
    return review_queue.reject(ledger, candidate_id, body.reason, who.name).as_dict()

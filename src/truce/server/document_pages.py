"""The document view: a source report with each candidate's and claim's span marked in place,
and the list of an agreement's ingested documents. Both are the team's: reports are third-party
text, so a published (anonymous) record does not show them."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from truce.server.deps import LedgerDep
from truce.server.docview import Span, UnknownDocument, page_count, page_of, pieces, spans_of
from truce.server.pages import QueueViewer, page_response
from truce.services import documents as docs
from truce.services.ledger import Ledger

router = APIRouter(include_in_schema=False)


def documents_view(ledger: Ledger, agreement: str) -> dict[str, Any]:
    ledger.agreement(agreement)  # an unknown agreement is a 404, not an empty list
    return {"agreement": agreement, "documents": docs.documents(ledger, agreement)}


def document_view(ledger: Ledger, agreement: str, digest: str, page: int) -> dict[str, Any]:
    ledger.agreement(agreement)
    entry = docs.document(ledger, agreement, digest)
    if entry is None:
        raise UnknownDocument(
            f"no document {digest[:80]!r} was ingested for {agreement}",
            hint=f"pick one from /agreements/{agreement}/documents",
        )
    stored = docs.stored_text(ledger, digest)
    text = stored.text if stored else ""
    items = _items(ledger, agreement, digest)
    spans = [
        Span(item["anchor"] + (f"-{i + 1}" if i else ""), item["number"], start, end)
        for item in items
        for i, (start, end) in enumerate(spans_of(item["spans"], len(text)))
    ]
    for item in items:  # a span past the kept text (a cut report) is said to be so, not lost
        item["shown"] = any(s.number == item["number"] for s in spans)
        item["page"] = min((page_of(s.start) for s in spans if s.number == item["number"]),
                           default=None)  # fmt: skip
    pages = page_count(len(text))
    page = min(max(page, 1), pages)
    return {
        "agreement": agreement,
        "document": entry,
        "kept": stored is not None,
        "chars": stored.chars if stored else None,
        "truncated": bool(stored and stored.truncated),
        "kept_chars": len(text),
        "page": page,
        "pages": pages,
        "pieces": [vars(p) for p in pieces(text, spans, page)] if text else [],
        "items": items,
    }


def _items(ledger: Ledger, agreement: str, digest: str) -> list[dict[str, Any]]:
    """Each candidate and claim read from the document, numbered as the page shows them."""
    items: list[dict[str, Any]] = []
    where = quote(agreement, safe="")
    for row in docs.candidates_of(ledger, agreement, digest):
        c = row["candidate"]
        figure: dict[str, Any] = next(iter(c.get("quantities") or []), {})
        items.append({
            "kind": "candidate", "id": row["id"], "anchor": f"candidate-{row['id']}",
            "status": row["status"], "type": c.get("type"), "actor": c.get("actor"),
            "target": c.get("target"), "figure": figure.get("value"), "unit": figure.get("unit"),
            "quote": c.get("evidence") or c.get("quote"),
            "href": f"/review?agreement={where}&status={row['status']}#candidate-{row['id']}",
            "spans": c.get("mentions") or [c.get("span")],
        })  # fmt: skip
    for claim in docs.claims_of(ledger, agreement, digest):
        items.append({
            "kind": "claim", "id": claim.id, "anchor": f"claim-{claim.id}",
            "status": claim.status.value, "type": str(claim.type), "actor": claim.actor,
            "target": claim.target, "figure": claim.quantity, "unit": claim.subject,
            "quote": claim.quote, "href": f"/agreements/{where}/claims#claim-{claim.id}",
            "spans": [claim.extra.get("span")],
        })  # fmt: skip
    for number, item in enumerate(items, 1):
        item["number"] = number
    return items


@router.get("/agreements/{agreement}/documents.json")
def documents_json(agreement: str, ledger: LedgerDep, who: QueueViewer) -> dict[str, Any]:
    return documents_view(ledger, agreement)


@router.get("/agreements/{agreement}/documents", response_class=HTMLResponse)
def documents_page(
    request: Request, agreement: str, ledger: LedgerDep, who: QueueViewer
) -> Response:
    return page_response(request, "documents.html", who, documents_view(ledger, agreement))


@router.get("/agreements/{agreement}/documents/{digest}.json")
def document_json(
    agreement: str, digest: str, ledger: LedgerDep, who: QueueViewer, page: int = Query(1, ge=1)
) -> dict[str, Any]:
    return document_view(ledger, agreement, digest, page)


@router.get("/agreements/{agreement}/documents/{digest}", response_class=HTMLResponse)
def document_page(
    request: Request,
    agreement: str,
    digest: str,
    ledger: LedgerDep,
    who: QueueViewer,
    page: int = Query(1, ge=1, le=1_000_000),
) -> Response:
    data = document_view(ledger, agreement, digest, page)
    return page_response(request, "document.html", who, data)

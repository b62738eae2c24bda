"""Ingest and review: extracted candidates queue up, and a reviewer's acceptance makes a claim.

Library functions the CLI (and later the API) call; they compose extraction, the review queue
and the ledger's one write path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.spec import AgreementSpec
from truce.errors import ClaimError
from truce.storage.ledger import Ledger
from truce.storage.review import QueuedCandidate, ReviewQueue

EDITABLE = {
    "type",
    "date",
    "date_precision",
    "actor",
    "target",
    "quantity",
    "subject",
    "categories",
    "quote",
    "location",
    "modality",
    "notes",
}


@dataclass
class IngestReport:
    documents: int = 0
    skipped: int = 0  # already ingested for this agreement
    queued: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # document, code, message


def ingest(
    ledger: Ledger,
    paths: Iterable[str | Path],
    agreement: str,
    published: date | None = None,
    by: str | None = None,
) -> IngestReport:
    """Extract every document and queue its candidates; a document is ingested only once."""
    from truce.extract.service import extract_paths, spec_aliases

    spec, _ = ledger.agreement(agreement)
    queue = ReviewQueue(ledger.engine)
    report = IngestReport()
    for result in extract_paths(paths, published, spec_aliases([spec])):
        article = result.article
        if result.error:
            report.errors.append((article.document, result.code or "X100", result.error))
            continue
        document = {
            "hash": article.content_hash,
            "name": article.document,
            "url": article.url,
            "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
        }
        found = [_with_evidence(c.as_dict(), article.text) for c in result.candidates]
        queued = queue.add_document(document, agreement, found, by)
        if queued is None:
            report.skipped += 1
        else:
            report.documents += 1
            report.queued += len(queued)
    return report


def _with_evidence(candidate: dict[str, Any], text: str) -> dict[str, Any]:
    """The words a candidate came from, so a reviewer can judge it without opening the file."""
    span = candidate.get("span")
    if isinstance(span, list | tuple) and len(span) == 2:
        candidate["evidence"] = text[int(span[0]) : int(span[1])]
    return candidate


def claim_fields(candidate: dict[str, Any], spec: AgreementSpec) -> dict[str, Any]:
    """The claim a candidate becomes: its source is the outlet and the speaker it quotes."""
    meta = candidate.get("document_meta", {})
    subjects = {s.id for s in spec.subjects}
    quantities = candidate.get("quantities") or []
    subject = candidate.get("subject")
    quantity = candidate.get("quantity")
    if subject is None:
        for q in quantities:
            unit = q.get("unit")
            match = (
                unit
                if unit in subjects
                else next((s for s in subjects if unit and unit in s), None)
            )
            if match:
                subject, quantity = match, quantity if quantity is not None else q.get("value")
                break
    if quantity is None and candidate.get("type") == "ceasefire_extension" and quantities:
        quantity = quantities[0].get("value")
    source = candidate.get("source") or {}
    when = candidate.get("date") or meta.get("published")
    modality = candidate.get("modality", "occurred")
    return {
        "agreement": spec.id,
        "type": candidate["type"],
        "date": when,
        "date_precision": candidate.get("date_precision") if candidate.get("date") else None,
        "actor": candidate.get("actor"),
        "target": candidate.get("target"),
        "quantity": int(quantity) if quantity is not None else None,
        "subject": subject,
        "categories": [c for c in candidate.get("categories", []) if isinstance(c, str)],
        "status": "alleged" if candidate["type"] == "breach" else "reported",
        # A merged batch event carries all its sources and the event they report.
        "event_id": candidate.get("event_id"),
        "sources": candidate.get("sources")
        or [
            {
                "outlet": meta.get("outlet"),
                "url": meta.get("url"),
                "speaker": source.get("speaker"),
                "role": source.get("role"),
                "anonymous": bool(source.get("anonymous")),
                "via": source.get("via"),
            }
        ],
        "quote": candidate.get("quote"),
        "location": candidate.get("location"),
        "notes": candidate.get("notes") or f"extracted from {meta.get('name')} ({modality})",
        "extra": {
            "candidate": candidate.get("id"),
            "span": candidate.get("span"),
            "document_hash": meta.get("hash"),
            "modality": modality,
            "confidence": candidate.get("confidence"),
        },
    }


def accept(
    ledger: Ledger, candidate_id: str, edits: dict[str, Any], by: str | None
) -> QueuedCandidate:
    """Turn a pending candidate (with the reviewer's edits) into a ledger claim, in one unit of
    work: a candidate already decided, or decided by another reviewer meanwhile, appends nothing."""
    queue = ReviewQueue(ledger.engine)
    spec, _ = ledger.agreement(queue.get(candidate_id).agreement)
    checked = _checked(edits)

    def make_claim(queued: QueuedCandidate) -> tuple[Claim, dict[str, Any]]:
        payload = {**queued.payload, **checked}
        fields = claim_fields(payload, spec)
        if fields["date"] is None:
            raise ClaimError(
                "the candidate has no date and its document no publication date",
                hint="accept it with --set date=YYYY-MM-DD",
            )
        try:
            claim = ClaimInput.model_validate(fields).to_claim(spec.zone, by)
        except ValidationError as exc:
            raise ClaimError(
                str(exc.errors()[0]["msg"]), hint="fix it with --set FIELD=VALUE"
            ) from None
        return claim, payload

    return queue.accept(candidate_id, make_claim, by)


def edit(
    ledger: Ledger, candidate_id: str, edits: dict[str, Any], by: str | None
) -> QueuedCandidate:
    queue = ReviewQueue(ledger.engine)
    payload = {**queue.get(candidate_id).payload, **_checked(edits)}
    return queue.decide(candidate_id, "pending", by, payload=payload)


def reject(
    ledger: Ledger, candidate_id: str, reason: str | None, by: str | None
) -> QueuedCandidate:
    return ReviewQueue(ledger.engine).decide(candidate_id, "rejected", by, reason=reason)


def _checked(edits: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(edits) - EDITABLE)
    if unknown:
        raise ClaimError(
            f"cannot edit {', '.join(unknown)}",
            hint=f"editable fields: {', '.join(sorted(EDITABLE))}",
        )
    return edits

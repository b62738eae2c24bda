"""Ingest and review: extracted candidates queue up, and a reviewer's acceptance makes a claim.

The review service every edge calls (CLI, API, pages): it composes extraction, the queue's rows
(`storage.review_rows`, `storage.review_page`) and the ledger's one write path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from truce.domain.candidate import CandidateRecord, FigureNotWhole, claim_input, subject_of
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.mention import payload_mention
from truce.domain.spec import AgreementSpec
from truce.errors import ClaimError
from truce.extract.limits import extract_limits
from truce.services.admission import admit, input_error
from truce.services.review_edits import check_event, checked_edits
from truce.storage.ledger import Ledger
from truce.storage.review_page import MAX_PAGE, PAGE, ConfidentPage, QueuePage
from truce.storage.review_page import confident_page as _confident_page
from truce.storage.review_page import pending_count as _pending_count
from truce.storage.review_page import queue_page as _queue_page
from truce.storage.review_rows import (
    CandidateDecided,
    QueuedCandidate,
    ReviewQueue,
    UnknownCandidate,
    confidence_of,
)
from truce.storage.texts import DocumentTexts

__all__ = [
    "MAX_PAGE",
    "PAGE",
    "CandidateDecided",
    "FigureNotAWholeNumber",
    "IngestReport",
    "QueuePage",
    "QueuedCandidate",
    "UnknownCandidate",
    "accept",
    "candidate",
    "claim_fields",
    "confidence_of",
    "edit",
    "ingest",
    "listed",
    "pending_count",
    "queue_page",
    "reject",
]


class FigureNotAWholeNumber(ClaimError):
    code = "R301"
    default_hint = "a claim counts whole things: accept it with --set quantity=N (and qualifier)"


@dataclass
class IngestReport:
    documents: int = 0
    skipped: int = 0  # already ingested for this agreement
    queued: int = 0
    ids: list[str] = field(default_factory=list)  # the candidates queued, in order
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # document, code, message


def ingest(
    ledger: Ledger,
    paths: Iterable[str | Path],
    agreement: str,
    published: date | None = None,
    by: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Extract every document and queue its candidates; a document is ingested only once.

    `progress(n)` is called as the n-th document comes out of extraction."""
    from truce.extract.from_paths import extract_paths, spec_aliases

    spec, _ = ledger.agreement(agreement)
    queue = ReviewQueue(ledger.engine)
    texts = DocumentTexts(ledger.engine)
    report = IngestReport()
    for n, result in enumerate(extract_paths(paths, published, spec_aliases([spec])), 1):
        if progress is not None:
            progress(n)
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
            **({"title": article.title} if article.title else {}),
        }
        found = [_with_evidence(c.record(), article.text) for c in result.candidates]
        mentions = [[(article.content_hash, payload_mention(c))] for c in found]
        found = _with_events(ledger, spec, found, mentions, document["published"])
        queued = queue.add_document(document, agreement, found, by, mentions)
        texts.keep(article.text)  # the document view shows the spans in it
        if queued is None:
            report.skipped += 1
        else:
            report.documents += 1
            report.queued += len(queued)
            report.ids += queued
    return report


def _with_events(
    ledger: Ledger,
    spec: AgreementSpec,
    found: list[dict[str, Any]],
    mentions: list[list[tuple[str, str]]],
    published: str | None,
) -> list[dict[str, Any]]:
    """Each candidate under the id of the event already queued or recorded that it is one with
    (by the batch merge's rule, `batch.known`), with that event's readings; else under an id of
    its own, so a later report of the same event can join it."""
    from truce.batch.known import match_record, payload_shape
    from truce.services.known_events import load_known

    shapes = [payload_shape(c, published) for c in found]
    known = load_known(ledger, spec.id, spec.zone, shapes)
    out = []
    for candidate, shape, keys in zip(found, shapes, mentions, strict=True):
        matched = known.match(shape)
        figure = (candidate.get("quantities") or [{}])[0]
        match = match_record(matched, [(figure.get("value"), figure.get("qualifier"))])
        own = "ev-" + hashlib.sha1("\x1f".join(keys[0]).encode("utf-8")).hexdigest()[:16]
        extra = {"match": match} if match is not None else {}
        out.append({**candidate, "event_id": matched.event_id if matched else own, **extra})
    return out


def _with_evidence(candidate: CandidateRecord, text: str) -> dict[str, Any]:
    """The words a candidate came from, so a reviewer can judge it without opening the file."""
    sentence = candidate.sentence() or candidate.span
    if sentence is not None:
        # Its whole sentence (its `span` is its own words in it), which extraction keeps under
        # its cap; the cap here too keeps a candidate's size bounded whatever produced it.
        start = sentence[0]
        end = min(sentence[1], start + extract_limits().max_sentence_chars)
        candidate = replace(candidate, evidence=text[start:end])
    return candidate.payload()


def claim_fields(
    candidate: CandidateRecord, spec: AgreementSpec, by: str | None = None
) -> tuple[Claim, dict[str, Any]]:
    """The claim a candidate becomes (see `domain.candidate.claim_input`), validated."""
    try:
        fields = claim_input(
            candidate, spec.id, {s.id for s in spec.subjects}, provisions=spec.provision_table()
        )
    except FigureNotWhole as exc:
        raise FigureNotAWholeNumber(str(exc)) from None
    if fields["date"] is None:
        raise ClaimError(
            "the candidate has no date and its document no publication date",
            hint="accept it with --set date=YYYY-MM-DD",
        )
    try:
        return ClaimInput.model_validate(fields).to_claim(spec.zone, by), fields
    except ValidationError as exc:
        fallback = ClaimError(str(exc.errors()[0]["msg"]), hint="fix it with --set FIELD=VALUE")
        raise input_error(exc, fallback) from None


def declared_parts(record: CandidateRecord, spec: AgreementSpec) -> CandidateRecord:
    """The record with only the sub-counts extraction read whose categories the agreement
    declares (where it declares any): a text's "15 minors" is no reason to refuse a release an
    agreement counting `children` would take. A reviewer's own parts are held to it in full."""
    if not record.parts:
        return record
    subjects = {s.id: s.categories for s in spec.subjects}
    subject = subject_of(record, set(subjects))
    if subject is not None:
        declared = set(subjects.get(subject) or ())
    else:
        declared = {c for categories in subjects.values() for c in categories}
    if not declared:  # the same rule `Vocabulary.parts_problem` holds a claim to
        return record
    return replace(record, parts={k: v for k, v in record.parts.items() if k in declared})


def accept(
    ledger: Ledger,
    candidate_id: str,
    edits: dict[str, Any],
    by: str | None,
    allow_unknown: bool = False,
    reason: str | None = None,
) -> QueuedCandidate:
    """Turn a pending candidate (with the reviewer's edits) into a ledger claim, in one unit of
    work: a candidate already decided, or decided by another reviewer meanwhile, appends nothing."""
    queue = ReviewQueue(ledger.engine)
    queued = queue.get(candidate_id)
    spec, _ = ledger.agreement(queued.agreement)
    checked = checked_edits(edits, queued.payload.get("place"))
    if checked.get("event_id") not in (None, queued.payload.get("event_id")):
        check_event(ledger.engine, spec.id, str(checked["event_id"]))

    def make_claim(queued: QueuedCandidate) -> tuple[Claim, dict[str, Any]]:
        record = queued.record.edited(checked)
        if "parts" not in checked:
            record = declared_parts(record, spec)
        claim, _ = claim_fields(record, spec, by)
        return admit(spec, claim, allow_unknown), record.payload()

    return queue.accept(candidate_id, make_claim, by, reason)


def listed(
    ledger: Ledger, agreement: str | None = None, status: str | None = None
) -> list[QueuedCandidate]:
    """The queue as a reviewer works through it: most confident first, ties (and candidates
    without a confidence, last) in the queue's own order."""
    rows = ReviewQueue(ledger.engine).list(agreement, status)
    return sorted(rows, key=lambda q: -confidence_of(q.payload))


def edit(
    ledger: Ledger, candidate_id: str, edits: dict[str, Any], by: str | None
) -> QueuedCandidate:
    queue = ReviewQueue(ledger.engine)
    record = queue.get(candidate_id).record
    record = record.edited(checked_edits(edits, record.more.get("place")))
    return queue.decide(candidate_id, "pending", by, payload=record.payload())


def reject(
    ledger: Ledger, candidate_id: str, reason: str | None, by: str | None
) -> QueuedCandidate:
    return ReviewQueue(ledger.engine).decide(candidate_id, "rejected", by, reason=reason)


def candidate(ledger: Ledger, candidate_id: str) -> QueuedCandidate:
    """One queued candidate as it stands (R-code `UnknownCandidate` when there is none)."""
    return ReviewQueue(ledger.engine).get(candidate_id)


def pending_count(ledger: Ledger, agreement: str) -> int:
    """How many of the agreement's candidates wait for a reviewer (one indexed count)."""
    return _pending_count(ledger.engine, agreement)


def confident_page(
    ledger: Ledger, agreement: str | None, status: str | None, offset: int, limit: int
) -> ConfidentPage:
    """A page of the filtered queue, most confident first, read from the database."""
    return _confident_page(ledger.engine, agreement, status, offset, limit)


def queue_page(
    ledger: Ledger,
    agreement: str | None,
    status: str | None,
    document: str | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> QueuePage:
    """One page of the filtered queue, with the documents its candidates came from."""
    return _queue_page(ledger.engine, agreement, status, document, offset, limit)

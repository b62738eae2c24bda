"""The review queue's storage: which documents were ingested, and each candidate's fate.

Candidates are not claims, but every write here is still an entry in the chain: a `document`
entry when a report is ingested (with a hash of each candidate it gave), a `review` entry for
each decision or edit. Verify holds the candidates table against the latest of those.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, update

from truce.domain.candidate import CandidateRecord
from truce.domain.claims import Claim
from truce.errors import TruceError
from truce.storage.appends import write_claims
from truce.storage.chain import canonical
from truce.storage.queued import Mention, mention_rows, queued_already
from truce.storage.tables import candidates, documents, queued_mentions
from truce.storage.writes import Pending, append_entry, now_utc, write_transaction

STATUSES = ("pending", "accepted", "rejected")


def confidence_of(payload: dict[str, Any]) -> float:
    """A queued candidate's confidence; -1 when it has none (a reviewer's or batch's)."""
    value = payload.get("confidence")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return -1.0


class UnknownCandidate(TruceError):
    code = "R101"
    default_hint = "list candidates with `truce review list`"


class CandidateDecided(TruceError):
    code = "R102"
    default_hint = "only pending candidates can be accepted, edited or rejected"


@dataclass(frozen=True)
class QueuedCandidate:
    id: str
    agreement: str
    document_hash: str
    payload: dict[str, Any]
    status: str
    claim_id: str | None
    decided_by: str | None
    reason: str | None

    @property
    def record(self) -> CandidateRecord:
        return CandidateRecord.from_payload(self.payload)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agreement": self.agreement,
            "status": self.status,
            "claim_id": self.claim_id,
            "decided_by": self.decided_by,
            "reason": self.reason,
            "candidate": self.payload,
        }


class ReviewQueue:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_document(
        self,
        document: dict[str, Any],
        agreement: str,
        found: list[dict[str, Any]],
        by: str | None,
        mentions: list[list[Mention]] | None = None,
    ) -> list[str] | None:
        """Queue a document's candidates; None when that document was already ingested, or when
        every candidate's mentions (`mentions[n]` for `found[n]`: document content hash and
        candidate fingerprint, `domain.mention`) are already queued, by either ingest path.
        A candidate with a mention not yet queued is queued, and its new mentions recorded."""
        return self.add_documents([(document, found, mentions)], agreement, by)[0]

    def add_documents(
        self,
        items: Sequence[tuple[dict[str, Any], list[dict[str, Any]], list[list[Mention]] | None]],
        agreement: str,
        by: str | None,
    ) -> list[list[str] | None]:
        """`add_document` for each (document, found, mentions) in turn, in one transaction: a
        batch queues many events for one commit."""
        with write_transaction(self._engine) as conn:
            return [_add(conn, d, agreement, f, by, m) for d, f, m in items]

    def list(
        self, agreement: str | None = None, status: str | None = None
    ) -> list[QueuedCandidate]:
        query = select(candidates).order_by(candidates.c.agreement, candidates.c.id)
        if agreement is not None:
            query = query.where(candidates.c.agreement == agreement)
        if status is not None:
            query = query.where(candidates.c.status == status)
        with self._engine.connect() as conn:
            return [queued_of(row) for row in conn.execute(query)]

    def get(self, candidate_id: str) -> QueuedCandidate:
        with self._engine.connect() as conn:
            row = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).first()
        if row is None:
            raise UnknownCandidate(f"no candidate {candidate_id!r} in the review queue")
        return queued_of(row)

    def accept(
        self,
        candidate_id: str,
        make_claim: Callable[[QueuedCandidate], tuple[Claim, dict[str, Any]]],
        by: str | None,
        reason: str | None = None,
    ) -> QueuedCandidate:
        """Accept a pending candidate as one unit of work: under the write lock and in one
        transaction, check it is still pending, append the claim `make_claim` builds from it,
        and record the decision. Two reviewers racing get one claim and one decision."""
        with write_transaction(self._engine) as conn:
            row = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).first()
            queued = _pending(row, candidate_id)
            claim, payload = make_claim(queued)
            write_claims(conn, [claim], by)
            text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
            values = {"status": "accepted", "decided_by": by, "decided_at": now_utc(),
                      "claim_id": claim.id, "payload": text, "reason": reason,
                      "confidence": confidence_of(payload)}  # fmt: skip
            conn.execute(update(candidates).where(candidates.c.id == candidate_id).values(**values))
            current = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).one()
            _chain(conn, "review", candidate_id, decision_record(current), by)
        return self.get(candidate_id)

    def decide(
        self,
        candidate_id: str,
        status: str,
        by: str | None,
        *,
        claim_id: str | None = None,
        reason: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> QueuedCandidate:
        """Record a decision (or an edit, with status `pending`) on a pending candidate."""
        values: dict[str, Any] = {"status": status, "decided_by": by, "decided_at": now_utc()}
        if claim_id is not None:
            values["claim_id"] = claim_id
        if reason is not None:
            values["reason"] = reason
        if payload is not None:
            values["payload"] = json.dumps(payload, sort_keys=True, ensure_ascii=False)
            values["confidence"] = confidence_of(payload)
        with write_transaction(self._engine) as conn:
            # Checked under the write lock, so two reviewers cannot both decide one candidate.
            row = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).first()
            _pending(row, candidate_id)
            conn.execute(update(candidates).where(candidates.c.id == candidate_id).values(**values))
            current = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).one()
            _chain(conn, "review", candidate_id, decision_record(current), by)
        return self.get(candidate_id)


def _add(
    conn: Any,
    document: dict[str, Any],
    agreement: str,
    found: list[dict[str, Any]],
    by: str | None,
    mentions: list[list[Mention]] | None,
) -> list[str] | None:
    """`ReviewQueue.add_document` in the caller's transaction. A document that gave no candidate
    is recorded as ingested, as before mentions were kept."""
    seen = conn.execute(
        select(documents.c.hash).where(
            documents.c.hash == document["hash"], documents.c.agreement == agreement
        )
    ).first()
    if seen is not None:
        return None
    fresh: list[list[Mention]] = []
    if mentions:
        known = queued_already(conn, agreement, (k for m in mentions for k in m))
        kept = []
        for candidate, keys in zip(found, mentions, strict=True):
            new = list(dict.fromkeys(k for k in keys if k not in known))
            known.update(new)  # a mention twice (an identical repost) is recorded once
            if new:
                kept.append((candidate, new))
        if not kept:
            return None
        found, fresh = [c for c, _ in kept], [m for _, m in kept]
    conn.execute(documents.insert(), [{
        "hash": document["hash"], "agreement": agreement, "name": document["name"],
        "url": document.get("url"), "outlet": document.get("outlet"),
        "published": document.get("published"), "ingested_at": now_utc(),
        "ingested_by": by,
    }])  # fmt: skip
    rows = [
        {
            "id": f"{agreement}:{document['hash'][:12]}:{n}",
            "agreement": agreement,
            "document_hash": document["hash"],
            "payload": json.dumps(
                {**candidate, "document_meta": document}, sort_keys=True, ensure_ascii=False
            ),
            "status": "pending",
            "confidence": confidence_of(candidate),
        }
        for n, candidate in enumerate(found, 1)
    ]
    if rows:
        conn.execute(candidates.insert(), rows)
    marks = [mark for row, candidate, keys in zip(rows, found, fresh, strict=False)
             for mark in mention_rows(agreement, row["id"], candidate,
                                      document.get("published"), keys)]  # fmt: skip
    if marks:
        conn.execute(queued_mentions.insert(), marks)
    ids = [r["id"] for r in rows]
    record = {"agreement": agreement, "hash": document["hash"], "name": document["name"],
              "candidates": {r["id"]: _digest(r["payload"]) for r in rows}}  # fmt: skip
    _chain(conn, "document", f"{agreement}:{document['hash']}", record, by)
    return ids


def _pending(row: Any, candidate_id: str) -> QueuedCandidate:
    if row is None:
        raise UnknownCandidate(f"no candidate {candidate_id!r} in the review queue")
    if row.status != "pending":
        raise CandidateDecided(
            f"candidate {candidate_id} is already {row.status}"
            + (f" (as claim {row.claim_id})" if row.claim_id else "")
        )
    return queued_of(row)


def decision_record(row: Any) -> dict[str, Any]:
    """What the chain keeps of a decision: enough for verify to hold the row against it."""
    return {
        "candidate": row.id,
        "status": row.status,
        "claim_id": row.claim_id,
        "decided_by": row.decided_by,
        "reason": row.reason,
        "payload_sha256": _digest(row.payload),
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chain(conn: Any, kind: str, ref: str, record: dict[str, Any], by: str | None) -> None:
    """Append the review queue's write to the chain, in the same transaction as the write."""
    append_entry(conn, Pending(kind, ref, canonical(record), by))


def queued_of(row: Any) -> QueuedCandidate:
    return QueuedCandidate(
        row.id,
        row.agreement,
        row.document_hash,
        json.loads(row.payload),
        row.status,
        row.claim_id,
        row.decided_by,
        row.reason,
    )

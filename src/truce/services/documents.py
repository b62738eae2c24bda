"""The documents an agreement's candidates and claims came from: listed, shown, traced."""

from __future__ import annotations

from typing import Any

from truce.domain.claims import Claim
from truce.storage.ledger import Ledger
from truce.storage.texts import (
    DocumentTexts,
    StoredText,
    agreement_documents,
    document_candidates,
    document_claims,
    document_entry,
)

__all__ = ["StoredText", "candidates_of", "claims_of", "document", "documents", "stored_text"]


def documents(ledger: Ledger, agreement: str) -> list[dict[str, Any]]:
    return agreement_documents(ledger.engine, agreement)


def document(ledger: Ledger, agreement: str, digest: str) -> dict[str, Any] | None:
    """The document's row for this agreement, or None when the agreement has no such one."""
    return document_entry(ledger.engine, agreement, digest)


def stored_text(ledger: Ledger, digest: str) -> StoredText | None:
    return DocumentTexts(ledger.engine).get(digest)


def candidates_of(ledger: Ledger, agreement: str, digest: str) -> list[dict[str, Any]]:
    return document_candidates(ledger.engine, agreement, digest)


def claims_of(ledger: Ledger, agreement: str, digest: str) -> list[Claim]:
    return document_claims(ledger.engine, agreement, digest)

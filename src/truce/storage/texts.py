"""The texts ingested documents were read from, kept by content hash for the document view.

Append-only: a text is written once, the first time its document is ingested, and never changed
(the same hash is the same text). At most `MAX_CHARS` characters are kept; a longer text is
cut there and marked, so a hostile or runaway report cannot fill the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from truce.domain.claims import Claim
from truce.storage.rows import LOAD_COLUMNS, ClaimLoader
from truce.storage.tables import candidates, claims, document_texts, documents

MAX_CHARS = 1_000_000  # about 300 printed pages: every real report, and a bound on the rest


@dataclass(frozen=True)
class StoredText:
    hash: str
    text: str  # the first `MAX_CHARS` characters when `truncated`
    chars: int  # the whole text's length
    truncated: bool


class DocumentTexts:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def keep(self, text: str) -> str:
        """Store `text` under its content hash (unless already stored); return the hash."""
        digest = content_hash(text)
        # PostgreSQL's text holds no NUL: one character for another, so every span still fits.
        kept = text[:MAX_CHARS].replace("\x00", "\ufffd")
        row = {"hash": digest, "text": kept, "chars": len(text),
               "truncated": len(text) > MAX_CHARS}  # fmt: skip
        with self._engine.connect() as conn:
            query = select(document_texts.c.hash).where(document_texts.c.hash == digest)
            if conn.execute(query).first():
                return digest
        try:
            with self._engine.begin() as conn:
                conn.execute(document_texts.insert(), [row])
        except IntegrityError:
            pass  # another process stored the same text first: the same hash is the same text
        return digest

    def get(self, digest: str) -> StoredText | None:
        c = document_texts.c
        with self._engine.connect() as conn:
            row = conn.execute(
                select(c.hash, c.text, c.chars, c.truncated).where(c.hash == digest)
            ).first()
        return None if row is None else StoredText(row.hash, row.text, row.chars, row.truncated)


def content_hash(text: str) -> str:
    """As `extract.model.Article.content_hash`: the SHA-256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_entry(engine: Engine, agreement: str, digest: str) -> dict[str, Any] | None:
    """The ingested document's name, address, outlet and dates; None when the agreement has no
    document of that hash."""
    c = documents.c
    with engine.connect() as conn:
        row = conn.execute(
            select(c.hash, c.name, c.url, c.outlet, c.published, c.ingested_at).where(
                c.agreement == agreement, c.hash == digest
            )
        ).first()
    return None if row is None else dict(row._mapping)


def document_candidates(engine: Engine, agreement: str, digest: str) -> list[dict[str, Any]]:
    """The queue's candidates read from that document, in the order they were queued."""
    c = candidates.c
    query = (
        select(c.id, c.status, c.claim_id, c.payload)
        .where(c.agreement == agreement, c.document_hash == digest)
        .order_by(c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [{"id": r.id, "status": r.status, "claim_id": r.claim_id,
             "candidate": json.loads(r.payload)} for r in rows]  # fmt: skip


def agreement_documents(engine: Engine, agreement: str) -> list[dict[str, Any]]:
    """The agreement's ingested documents, newest first, each saying whether its text is kept."""
    d, t = documents.c, document_texts.c
    query = (
        select(d.hash, d.name, d.outlet, d.published, d.ingested_at, t.chars)
        .select_from(documents.outerjoin(document_texts, t.hash == d.hash))
        .where(d.agreement == agreement)
        .order_by(d.ingested_at.desc(), d.name)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def document_claims(engine: Engine, agreement: str, digest: str) -> list[Claim]:
    """The agreement's claims accepted from that document (`extra.document_hash`), in the order
    they were recorded. The hash is matched in SQL first, so a long record is not all read."""
    c = claims.c
    query = (
        select(*LOAD_COLUMNS)
        .where(c.agreement == agreement, c.extra.contains(digest, autoescape=True))
        .order_by(c.seq)
    )
    with engine.connect() as conn:
        found = ClaimLoader().load(conn.execute(query).all())
    return [claim for claim in found if claim.extra.get("document_hash") == digest]

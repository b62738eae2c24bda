"""One page of the review queue, read in the database: candidates grouped by the document they
came from (newest publication first), in the order the document gives them, with the
document's name, outlet, address and date. A page holds at most `MAX_PAGE` candidates, however
long the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, select

from truce.storage.review_rows import QueuedCandidate, queued_of
from truce.storage.tables import candidates, documents

PAGE = 25
MAX_PAGE = 100


@dataclass(frozen=True)
class QueuedDocument:
    hash: str
    name: str | None
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"hash": self.hash, "name": self.name, "title": self.title,
                "outlet": self.outlet, "url": self.url, "published": self.published}  # fmt: skip


@dataclass(frozen=True)
class QueuePage:
    total: int  # candidates matching the filters, on every page
    offset: int
    limit: int
    candidates: list[QueuedCandidate]
    documents: list[QueuedDocument]  # of this page's candidates, in page order


def queue_page(
    engine: Engine,
    agreement: str | None,
    status: str | None,
    document: str | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> QueuePage:
    """Candidates `offset` to `offset + limit` (limit at most `MAX_PAGE`) of the filtered queue,
    in a stable order: documents by publication (newest first, undated last), then ingestion
    and hash; a document's candidates in the order extraction found them."""
    c, d = candidates.c, documents.c
    limit = max(1, min(limit, MAX_PAGE))
    offset = max(0, offset)
    where = _filtered(agreement, status, document)
    joined = candidates.join(
        documents, and_(d.hash == c.document_hash, d.agreement == c.agreement), isouter=True
    )
    query = (
        select(
            candidates,
            d.name.label("doc_name"),
            d.outlet.label("doc_outlet"),
            d.url.label("doc_url"),
            d.published.label("doc_published"),
        )  # fmt: skip
        .select_from(joined)
        .where(where)
        .order_by(
            d.published.desc().nulls_last(),
            d.ingested_at.desc().nulls_last(),
            c.document_hash,
            func.length(c.id),
            c.id,
        )  # fmt: skip
        .limit(limit)
        .offset(offset)
    )
    total, rows = _counted(engine, where, query)
    queued = [queued_of(row) for row in rows]
    seen: dict[str, QueuedDocument] = {}
    for row, q in zip(rows, queued, strict=True):
        if row.document_hash not in seen:
            meta = q.payload.get("document_meta") or {}
            seen[row.document_hash] = QueuedDocument(
                row.document_hash,
                row.doc_name,
                meta.get("title"),
                row.doc_outlet,
                row.doc_url,
                row.doc_published,
            )
    return QueuePage(total, offset, limit, queued, list(seen.values()))


@dataclass(frozen=True)
class ConfidentPage:
    total: int  # candidates matching the filters, on every page
    offset: int
    limit: int
    candidates: list[QueuedCandidate]


def confident_page(
    engine: Engine, agreement: str | None, status: str | None, offset: int, limit: int
) -> ConfidentPage:
    """Candidates `offset` to `offset + limit` of the filtered queue as a reviewer works
    through it (`review.listed`): most confident first, those without a confidence last, ties
    by agreement and id. Read from an index on (status, confidence), never the whole queue."""
    c = candidates.c
    where = _filtered(agreement, status)
    query = (
        select(candidates)
        .where(where)
        .order_by(c.confidence.desc(), c.agreement, c.id)
        .limit(limit)
        .offset(offset)
    )
    total, rows = _counted(engine, where, query)
    return ConfidentPage(total, offset, limit, [queued_of(row) for row in rows])


def pending_count(engine: Engine, agreement: str) -> int:
    """How many of the agreement's candidates wait for a reviewer: one count on an index, not
    the queue read (the agreement page asks on every request)."""
    c = candidates.c
    query = select(func.count()).where(c.agreement == agreement, c.status == "pending")
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def _filtered(agreement: str | None, status: str | None, document: str | None = None) -> Any:
    """The queue's filters as one WHERE clause (every candidate when none is given)."""
    c = candidates.c
    asked = ((c.agreement, agreement), (c.status, status), (c.document_hash, document))
    return and_(True, *(column == value for column, value in asked if value is not None))


def _counted(engine: Engine, where: Any, query: Any) -> tuple[int, list[Any]]:
    """How many candidates `where` keeps, and the page `query` reads, in one connection."""
    count = select(func.count()).select_from(candidates).where(where)
    with engine.connect() as conn:
        return int(conn.execute(count).scalar() or 0), list(conn.execute(query).all())

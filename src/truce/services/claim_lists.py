"""Paged, filtered and sorted lists of an agreement's current claims, counted and streamed."""

from __future__ import annotations

from collections.abc import Iterator

from truce.domain.claims import Claim
from truce.storage import claim_query
from truce.storage.claim_query import SORTS, ClaimFilter, Order
from truce.storage.ledger import Ledger

__all__ = ["SORTS", "ClaimFilter", "Order", "count_claims", "claims_page", "stream_claims"]


def count_claims(
    ledger: Ledger, where: ClaimFilter, cap: int | None = None, through: int | None = None
) -> int:
    """How many claims `where` keeps (up to seq `through`), counted up to `cap` when given."""
    return claim_query.count(ledger.engine, where, cap, through)


def claims_page(
    ledger: Ledger,
    where: ClaimFilter,
    order: Order,
    offset: int,
    limit: int,
    total: int | None = None,
    through: int | None = None,
) -> list[Claim]:
    """A page of the list; given its exact `total` through seq `through`, a late page is read
    from the end (`claim_query.page`)."""
    return claim_query.page(ledger.engine, where, order, offset, limit, total, through)


def stream_claims(ledger: Ledger, where: ClaimFilter, order: Order) -> Iterator[Claim]:
    """Every claim `where` keeps, in `order`, read in pages as they are consumed."""
    return claim_query.stream(ledger.engine, where, order)

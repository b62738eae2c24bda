"""Paged, filtered and sorted lists of an agreement's current claims, counted and streamed."""

from __future__ import annotations

from collections.abc import Iterator

from truce.domain.claims import Claim
from truce.storage import claim_query
from truce.storage.claim_query import SORTS, ClaimFilter, Order
from truce.storage.ledger import Ledger

__all__ = ["SORTS", "ClaimFilter", "Order", "count_claims", "claims_page", "stream_claims"]


def count_claims(ledger: Ledger, where: ClaimFilter, cap: int | None = None) -> int:
    """How many claims `where` keeps, counted up to `cap` when given."""
    return claim_query.count(ledger.engine, where, cap)


def claims_page(
    ledger: Ledger, where: ClaimFilter, order: Order, offset: int, limit: int
) -> list[Claim]:
    return claim_query.page(ledger.engine, where, order, offset, limit)


def stream_claims(ledger: Ledger, where: ClaimFilter, order: Order) -> Iterator[Claim]:
    """Every claim `where` keeps, in `order`, read in pages as they are consumed."""
    return claim_query.stream(ledger.engine, where, order)

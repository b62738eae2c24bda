"""Claims of an agreement, filtered, sorted and paged by the database, on SQLite and PostgreSQL.

A page never reads more than its rows: the page's `seq`s are picked from an index (the filter
and sort columns, then `seq`) and only those rows are loaded, so page 20,000 of a million claims
costs an index walk, not a million claims built. Downloads stream the same query in batches.

Order is total: the sort column, then `seq` (the order claims were recorded) in the same
direction. NULL (no actor, no figure) sorts as the smallest value on both databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, select

from truce.domain.claims import Claim
from truce.storage import claim_terms
from truce.storage.claim_terms import PLACE, SOURCE
from truce.storage.rows import LOAD_COLUMNS, ClaimLoader
from truce.storage.tables import claims, terms

# Sortable columns, by the name a URL uses. `type` sorts by type, then date (its index).
SORTS: dict[str, tuple[ColumnElement[Any], ...]] = {
    "recorded": (),
    "date": (claims.c.date,),
    "type": (claims.c.type, claims.c.date),
    "actor": (claims.c.actor,),
    "quantity": (claims.c.quantity,),
    "status": (claims.c.status,),
}
STREAM_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims of one agreement a list shows. Every field narrows; None leaves it open."""

    agreement: str
    type: str | None = None
    actor: str | None = None
    status: str | None = None
    recorded_by: str | None = None
    # The claim's date as written (its own calendar day), from and to inclusive.
    date_from: date | None = None
    date_to: date | None = None
    # Text in the claim's location or its gazetteer place's name (any case).
    place: str | None = None
    # An outlet, speaker or relaying source named exactly (any case).
    source: str | None = None
    # Only claims carrying a gazetteer place (what a map or GeoJSON can draw).
    placed: bool | None = None


@dataclass(frozen=True, slots=True)
class Order:
    column: str = "recorded"
    descending: bool = False


def conditions(f: ClaimFilter) -> list[ColumnElement[bool]]:
    c = claims.c
    found: list[ColumnElement[bool]] = [c.agreement == f.agreement]
    for column, value in ((c.type, f.type), (c.actor, f.actor), (c.status, f.status),
                          (c.recorded_by, f.recorded_by)):  # fmt: skip
        if value is not None:
            found.append(column == value)
    if f.date_from is not None:
        found.append(c.date >= f.date_from.isoformat())
    if f.date_to is not None:  # before the next day begins, whatever the time written
        found.append(c.date < (f.date_to + timedelta(days=1)).isoformat())
    if f.placed:
        found.append(c.extra.like('%"place":{%'))
    if f.place:  # a fragment of a name, among the distinct names kept (`storage.claim_terms`)
        fragment = f"%{_like(claim_terms.folded(f.place))}%"
        found.append(
            claim_terms.matching(f.agreement, PLACE, terms.c.text.like(fragment, escape="\\"))
        )
    if f.source:
        name = claim_terms.folded(f.source)
        found.append(claim_terms.matching(f.agreement, SOURCE, terms.c.text == name))
    return found


def _like(text: str) -> str:
    """`text` matched literally by LIKE: its wildcards and the escape character escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _order_by(engine: Engine, order: Order) -> list[Any]:
    postgres = engine.dialect.name == "postgresql"
    keys = []
    for column in (*SORTS[order.column], claims.c.seq):
        key = column.desc() if order.descending else column.asc()
        if postgres and column is not claims.c.seq:  # SQLite's order: NULL is the smallest
            key = key.nulls_last() if order.descending else key.nulls_first()
        keys.append(key)
    return keys


def count(
    engine: Engine, f: ClaimFilter, cap: int | None = None, through: int | None = None
) -> int:
    """How many claims the filter keeps; with `cap`, counting stops past it (cap + 1 means
    "more than cap"), so a broad filter over a million claims costs `cap` index steps. With
    `through`, only claims recorded at or before that seq (the head a page is served for)."""
    matching = select(claims.c.seq).where(*conditions(f), *_through(through))
    if cap is not None:
        matching = matching.limit(cap + 1)
    query = select(func.count()).select_from(matching.subquery())
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def page(
    engine: Engine,
    f: ClaimFilter,
    order: Order,
    offset: int,
    limit: int,
    total: int | None = None,
    through: int | None = None,
) -> list[Claim]:
    """The claims at positions offset .. offset+limit-1 of the filtered, sorted list.

    An index walk costs its offset, so given the list's exact `total` (counted `through` the
    same seq), a page in the list's second half is read from its end in the opposite order and
    turned round: the last page of a million claims is as cheap as the first."""
    if total is not None and through is not None and offset > total // 2:
        if offset >= total:
            return []
        back = Order(order.column, not order.descending)
        stop = min(offset + limit, total)
        found = _page(engine, f, back, total - stop, stop - offset, through)
        return found[::-1]
    return _page(engine, f, order, offset, limit, through)


def _page(
    engine: Engine, f: ClaimFilter, order: Order, offset: int, limit: int, through: int | None
) -> list[Claim]:
    order_by = _order_by(engine, order)
    picked = (
        select(claims.c.seq)
        .where(*conditions(f), *_through(through))
        .order_by(*order_by)
        .offset(offset)
        .limit(limit)
        .scalar_subquery()
    )
    query = select(*LOAD_COLUMNS).where(claims.c.seq.in_(picked)).order_by(*order_by)
    with engine.connect() as conn:
        return ClaimLoader().load(conn.execute(query).all())


def _through(seq: int | None) -> list[ColumnElement[bool]]:
    # `seq + 0`: a filter on the rows the other conditions find, never a range to walk (as a
    # range SQLite walked every claim of the agreement by seq: 1.3 s for a place at 1M).
    return [] if seq is None else [claims.c.seq + 0 <= seq]


def stream(engine: Engine, f: ClaimFilter, order: Order) -> Iterator[Claim]:
    """Every claim of the filtered, sorted list, read in batches from one query (one snapshot
    of the ledger), never all at once."""
    query = select(*LOAD_COLUMNS).where(*conditions(f)).order_by(*_order_by(engine, order))
    loader = ClaimLoader()
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=STREAM_BATCH).execute(query)
        for rows in result.partitions():
            yield from loader.load(rows)

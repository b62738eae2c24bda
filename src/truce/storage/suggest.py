"""Recorded claims a review candidate may be one event with, and whose event an id is: keyed
queries on `ix_claims_lookalike` (agreement, type, actor, figure, date) and `ix_claims_event_id`
(migration 0010), each bounded, so their cost does not grow with the record.

Dates are compared as the text they are stored as (each with its own offset), so the windows
are widened by a day each side; the caller places each claim on its local day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, and_, select

from truce.storage.tables import claims

ROWS = 40  # per query: enough to find the few events a reviewer is shown


def event_agreements(engine: Engine, event_id: str) -> list[str]:
    """The agreements with a claim of event `event_id` (at most a few, sorted)."""
    query = select(claims.c.agreement).where(claims.c.event_id == event_id).distinct().limit(5)
    with engine.connect() as conn:
        return sorted(str(a) for (a,) in conn.execute(query))


def claims_near(
    engine: Engine,
    agreement: str,
    type_: str,
    actor: str | None,
    day: date,
    figure: int | None,
) -> list[Any]:
    """Claims of `agreement` and `type_` around local `day` by `actor`, nearest first: the same
    figure on the same written day, then a figure within a factor of two (or none) within a day
    either side; without a figure or an actor (any actor then), the days' claims by date. At
    most `ROWS` of each query, deduplicated."""
    c = claims.c
    same_day = (day.isoformat(), (day + timedelta(days=1)).isoformat())
    around = ((day - timedelta(days=1)).isoformat(), (day + timedelta(days=2)).isoformat())
    base = [c.agreement == agreement, c.type == type_]
    if actor is not None:
        base.append(c.actor == actor)
    asks = []
    if figure is not None and actor is not None:  # without an actor, the days' claims by date
        asks.append([c.quantity == figure, _within(same_day)])
        asks.append([c.quantity.between((figure + 1) // 2, figure * 2), _within(around)])
        asks.append([c.quantity.is_(None), _within(around)])
    else:
        asks.append([_within(same_day)])
        asks.append([_within(around)])
    columns = (c.id, c.event_id, c.date, c.date_precision, c.actor, c.target, c.quantity,
               c.qualifier, c.subject, c.status)  # fmt: skip
    found: dict[str, Any] = {}
    with engine.connect() as conn:
        for n, terms in enumerate(asks):
            query = select(*columns).where(and_(*base, *terms)).limit(ROWS)
            if len(asks) == 2 or n != 1:  # a figure's range is read in index order
                query = query.order_by(c.date)
            for row in conn.execute(query):
                found.setdefault(row.id, row)
    return list(found.values())


def _within(days: tuple[str, str]) -> Any:
    return and_(claims.c.date >= days[0], claims.c.date < days[1])

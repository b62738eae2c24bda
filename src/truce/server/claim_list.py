"""The claims list of an agreement as plain data — one page of the filtered, sorted claims, its
total and the links that move through it — for the page, its .json twin and the API alike."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from truce.domain.spec import AgreementSpec
from truce.server.cache import HeadCache
from truce.server.listing import STATUSES, ListQuery, read_query
from truce.services import claim_lists
from truce.services.claim_lists import ClaimFilter
from truce.services.ledger import Ledger

DOWNLOADS = ("csv", "parquet", "geojson")
# A filtered list is counted up to this many; beyond, the page says "more than".
COUNT_CAP = 1_000
# The columns a list page offers to sort by, as the table heads name them.
SORT_LABELS = {"recorded": "recorded", "date": "date", "type": "type", "actor": "actor",
               "quantity": "figure", "status": "status"}  # fmt: skip


def list_query(ledger: Ledger, agreement: str, given: dict[str, str | None]) -> ListQuery:
    """The list the query string asks for, checked against the agreement's types."""
    spec, _ = ledger.agreement(agreement)  # an unknown agreement is refused here (L101)
    return read_query(agreement, given, set(spec.provision_table()))


def total(ledger: Ledger, cache: HeadCache, seq: int, where: ClaimFilter) -> tuple[int, bool]:
    """How many claims the filter keeps, and whether that is exact: an unfiltered list is
    counted whole (one index), a filtered one up to COUNT_CAP. Once per head of the chain."""
    cap = None if where == ClaimFilter(where.agreement) else COUNT_CAP
    found = cache.get(("claims-count", where), seq,
                      lambda: claim_lists.count_claims(ledger, where, cap, seq))  # fmt: skip
    return (min(found, COUNT_CAP), False) if cap and found > cap else (found, True)


def claims_page(
    ledger: Ledger, cache: HeadCache, seq: int, query: ListQuery, offset: int | None = None
) -> dict[str, Any]:
    """One page of the list: at `offset` when given (the API), else at the query's page."""
    start = query.offset if offset is None else offset
    found, exact = total(ledger, cache, seq, query.where)
    key = ("claims-page", query.where, query.order, start, query.per_page)
    counted = found if exact else None  # an exact total lets a late page be read from the end
    rows = cache.get(key, seq, lambda: [c.as_dict() for c in claim_lists.claims_page(
        ledger, query.where, query.order, start, query.per_page, counted, seq)])  # fmt: skip
    return {
        "agreement": query.where.agreement,
        "total": found,
        "total_exact": exact,  # false: more than `total` claims match (counting stopped)
        "offset": start,
        "limit": query.per_page,
        "sort": query.params().get("sort", "recorded"),
        "filters": {
            k: v for k, v in query.params().items() if k not in ("sort", "page", "per_page")
        },  # fmt: skip
        "claims": rows,
    }


def claims_view(
    ledger: Ledger, cache: HeadCache, seq: int, query: ListQuery, spec: AgreementSpec
) -> dict[str, Any]:
    """The claims page: a page of the list, the filter form's choices, and every link (pages,
    sorts, downloads) carrying the filters shown."""
    data = claims_page(ledger, cache, seq, query)
    base = f"/agreements/{quote(query.where.agreement)}/claims"
    pages = max(1, -(-data["total"] // query.per_page))
    if not data["total_exact"]:  # more pages than counted: the next is there while rows are
        pages = max(pages, query.page + (len(data["claims"]) == query.per_page))
    data |= {
        "page": query.page,
        "pages": pages,
        "per_page": query.per_page,
        "filtered": query.filtered(),
        "values": query.params(),
        "form": {
            "types": sorted(spec.provision_table()),
            "actors": sorted(spec.actor_ids()),
            "subjects": [s.id for s in spec.subjects],
            "statuses": STATUSES,
            "sorts": SORT_LABELS,
        },  # fmt: skip
        "links": {
            "first": query.url(base, page=None) if query.page > 1 else None,
            "previous": query.url(base, page=query.page - 1 if query.page > 2 else None)
            if query.page > 1
            else None,
            "next": query.url(base, page=query.page + 1) if query.page < pages else None,
            "last": query.url(base, page=pages)
            if query.page < pages and data["total_exact"]
            else None,
            "json": query.url(base + ".json"),
            "clear": base,
            "sort": {
                name: query.url(base, page=None, sort=_flipped(query, name)) for name in SORT_LABELS
            },
            "downloads": {
                fmt: query.url(f"{base}/download.{fmt}", page=None, per_page=None)
                for fmt in DOWNLOADS
            },
        },  # fmt: skip
    }
    return data


def _flipped(query: ListQuery, column: str) -> str | None:
    """The sort a column head links to: ascending, or descending when it is the sort already."""
    if query.order.column != column:
        return None if column == "recorded" else column
    return column if query.order.descending else "-" + column

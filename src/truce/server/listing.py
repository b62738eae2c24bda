"""A claims list's query string — filters, sort and page — read into a `ClaimFilter` and an
`Order`, refusing what cannot be meant with its own code; and written back, so every link on a
list page (a page, a sort, a download) keeps the filters the page shows."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import urlencode

from truce.domain.claims import ClaimStatus
from truce.errors import TruceError
from truce.services.claim_lists import SORTS, ClaimFilter, Order

PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_TEXT = 200
# Query keys of the filters, in the order a URL writes them, and the ClaimFilter field of each.
FILTER_KEYS = {"type": "type", "actor": "actor", "status": "status", "place": "place",
               "source": "source", "recorded_by": "recorded_by", "from": "date_from",
               "to": "date_to"}  # fmt: skip
STATUSES = tuple(s.value for s in ClaimStatus)


class BadSort(TruceError):
    code = "A470"
    default_hint = "sort by one of: " + ", ".join(SORTS) + " (a leading - sorts descending)"


class BadListDate(TruceError):
    code = "A471"
    default_hint = "write the day as YYYY-MM-DD, e.g. from=2023-11-24&to=2023-11-30"


class BadDateRange(TruceError):
    code = "A472"
    default_hint = "put the earlier day in `from` and the later one in `to`"


class BadPage(TruceError):
    code = "A473"
    default_hint = f"page is a whole number from 1; per_page from 1 to {MAX_PER_PAGE}"


class BadFilterValue(TruceError):
    code = "A474"
    default_hint = "status is one of: " + ", ".join(STATUSES)


class UnknownListType(TruceError):
    code = "A475"
    default_hint = "choose a type from the list on the claims page, or leave it empty"


class BadDownloadFormat(TruceError):
    code = "A476"
    default_hint = "download as csv, parquet or geojson"


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What one list shows: which claims, in which order, which page of them."""

    where: ClaimFilter
    order: Order
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def params(self, **changes: Any) -> dict[str, str]:
        """The query string of this list (only what differs from the defaults), with changes."""
        out: dict[str, str] = {}
        for key, name in FILTER_KEYS.items():
            value = getattr(self.where, name)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, date) else str(value)
        if self.order != Order():
            out["sort"] = ("-" if self.order.descending else "") + self.order.column
        if self.per_page != PER_PAGE:
            out["per_page"] = str(self.per_page)
        if self.page != 1:
            out["page"] = str(self.page)
        for key, value in changes.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = str(value)
        return out

    def url(self, path: str, **changes: Any) -> str:
        query = urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path

    def filtered(self) -> bool:
        return any(getattr(self.where, f.name) is not None for f in fields(self.where)[1:])


def read_query(agreement: str, given: dict[str, str | None], types: set[str]) -> ListQuery:
    """The list `given` asks for (query parameters by name; empty means unset). `types` are the
    agreement's event types: another type is refused, not shown as an empty list."""
    text = {k: (v or "").strip() for k, v in given.items()}
    for key, value in text.items():
        if len(value) > MAX_TEXT:
            raise BadFilterValue(f"{key} is {len(value)} characters long; at most {MAX_TEXT}",
                                 hint="shorten it")  # fmt: skip
    kind = text.get("type") or None
    if kind is not None and kind not in types:
        raise UnknownListType(f"no event type {kind!r} in {agreement}")
    status = text.get("status") or None
    if status is not None and status not in STATUSES:
        raise BadFilterValue(f"no claim status {status!r}")
    start, end = _day(text, "from"), _day(text, "to")
    if start and end and start > end:
        raise BadDateRange(f"from {start} is after to {end}")
    where = ClaimFilter(agreement, type=kind, actor=text.get("actor") or None, status=status,
                        recorded_by=text.get("recorded_by") or None, date_from=start,
                        date_to=end, place=text.get("place") or None,
                        source=text.get("source") or None)  # fmt: skip
    return ListQuery(where, _order(text.get("sort") or ""), _whole(text, "page", 1, 10**9),
                     _whole(text, "per_page", PER_PAGE, MAX_PER_PAGE))  # fmt: skip


def _order(sort: str) -> Order:
    name = sort.removeprefix("-")
    if not sort:
        return Order()
    if name not in SORTS:
        raise BadSort(f"cannot sort claims by {name!r}")
    return Order(name, sort.startswith("-"))


def _day(text: dict[str, str], key: str) -> date | None:
    value = text.get(key)
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadListDate(f"{key}={value!r} is not a day") from None


def _whole(text: dict[str, str], key: str, default: int, most: int) -> int:
    value = text.get(key)
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= most:
        raise BadPage(f"{key}={value!r} is not a whole number from 1 to {most}")
    return int(value)

"""A claims list's query string: every bad value refused with its own code, and the URL a list
writes reads back to the same list."""

from __future__ import annotations

from datetime import date

import pytest

from truce.errors import TruceError
from truce.server.listing import (
    BadDateRange,
    BadFilterValue,
    BadListDate,
    BadPage,
    BadSort,
    ListQuery,
    UnknownListType,
    read_query,
)
from truce.storage.claim_query import ClaimFilter, Order

TYPES = {"release", "breach"}


@pytest.mark.parametrize(
    ("given", "refused", "code"),
    [
        ({"sort": "payload"}, BadSort, "A470"),
        ({"sort": "-id; DROP TABLE claims"}, BadSort, "A470"),
        ({"from": "24/11/2023"}, BadListDate, "A471"),
        ({"to": "2023-11-31"}, BadListDate, "A471"),
        ({"from": "2023-11-24T10:00"}, BadListDate, "A471"),
        ({"from": "2023-11-30", "to": "2023-11-24"}, BadDateRange, "A472"),
        ({"page": "0"}, BadPage, "A473"),
        ({"page": "-1"}, BadPage, "A473"),
        ({"page": "٣"}, BadPage, "A473"),  # a digit, but not an ASCII one
        ({"per_page": "501"}, BadPage, "A473"),
        ({"page": "1e3"}, BadPage, "A473"),
        ({"status": "true"}, BadFilterValue, "A474"),
        ({"place": "x" * 201}, BadFilterValue, "A474"),
        ({"type": "brech"}, UnknownListType, "A475"),
    ],
)
def test_bad_values_are_refused_with_a_code_and_a_next_step(
    given: dict[str, str | None], refused: type[TruceError], code: str
) -> None:
    with pytest.raises(refused) as caught:
        read_query("gaza", given, TYPES)
    assert caught.value.code == code and caught.value.hint


def test_empty_values_are_unset_and_the_defaults_write_nothing() -> None:
    query = read_query("gaza", {"type": "", "actor": "  ", "sort": None, "page": ""}, TYPES)
    assert query == ListQuery(ClaimFilter("gaza"), Order())
    assert query.params() == {} and not query.filtered()
    assert query.url("/x") == "/x"


def test_a_list_url_reads_back_to_the_same_list() -> None:
    given = {"type": "breach", "actor": "hamas", "status": "alleged", "place": "Khan Yunis & co",
             "source": "50% Wire", "recorded_by": "desk", "from": "2023-11-24",
             "to": "2023-11-30", "sort": "-date", "page": "3", "per_page": "20"}  # fmt: skip
    query = read_query("gaza", given, TYPES)
    assert query.where.date_from == date(2023, 11, 24) and query.order == Order("date", True)
    assert query.offset == 40 and query.filtered()
    assert read_query("gaza", dict(query.params()), TYPES) == query
    assert "place=Khan+Yunis+%26+co" in query.url("/x")
    assert "page" not in query.params(page=None)

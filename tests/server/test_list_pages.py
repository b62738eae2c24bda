"""The claims page, its .json twin and the API list: filters, sorting and paging through HTTP on
SQLite and PostgreSQL, the filters kept in every link, bad values answered with their code."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.server.conftest import Server, error_of
from truce.server import claim_list

GAZA = "/agreements/gaza-2023-11/claims"


def _all(server: Server, **params: str) -> list[dict]:
    found, offset = [], 0
    while True:
        page = server.get("/api/claims", "observer", params={"agreement": "gaza-2023-11",
                          "offset": offset, "limit": 7, **params}).json()  # fmt: skip
        found += page["claims"]
        offset += 7
        if offset >= page["total"]:
            assert len(found) == page["total"]
            return found


def test_the_api_filters_sorts_and_pages_in_the_database(server: Server) -> None:
    everything = _all(server)
    assert len(everything) == len({c["id"] for c in everything}) > 20
    big_first = _all(server, type="release", sort="-quantity")
    assert {c["type"] for c in big_first} == {"release"}
    figures = [c["quantity"] for c in big_first]
    assert figures == sorted(figures, key=lambda q: (q is not None, q), reverse=True)
    days = _all(server, **{"from": "2023-11-25", "to": "2023-11-26"})
    assert days and all("2023-11-25" <= c["date"][:10] <= "2023-11-26" for c in days)
    reuters = _all(server, source="reuters")
    assert reuters and all(
        any("reuters" in (s.get("outlet") or "").lower() for s in c["sources"]) for c in reuters
    )
    assert _all(server, status="confirmed", actor="nobody") == []


def test_the_page_keeps_its_filters_in_every_link(server: Server) -> None:
    params = {"type": "release", "sort": "-date", "per_page": "5"}
    twin = server.get(GAZA + ".json", "observer", params=params).json()
    assert twin["pages"] > 1 and len(twin["claims"]) == 5
    assert twin["total"] == server.get("/api/claims", "observer", params={
        "agreement": "gaza-2023-11", "type": "release"}).json()["total"]  # fmt: skip
    page = server.get(GAZA, "observer", params=params).text
    links = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page)]
    for kind in ('rel="next"', "download.csv", "download.parquet", "download.geojson"):
        assert kind in page
    kept = [h for h in links if "download." in h or "page" in parse_qs(urlsplit(h).query)]
    assert len(kept) >= 5
    for href in kept:
        query = parse_qs(urlsplit(href).query)
        assert query["type"] == ["release"] and query["sort"] == ["-date"], href
    second = server.get(GAZA + ".json", "observer", params={**params, "page": "2"}).json()
    assert not {c["id"] for c in second["claims"]} & {c["id"] for c in twin["claims"]}
    dates = [c["date"] for c in twin["claims"] + second["claims"]]
    assert dates == sorted(dates, reverse=True)
    # The form shows what is applied; the heads say how the table is sorted.
    assert "<option selected>release</option>" in page
    assert 'aria-sort="descending"' in page


def test_bad_filters_get_their_code_as_a_page_and_as_json(server: Server) -> None:
    bad = server.get(GAZA, "observer", params={"from": "yesterday"})
    assert bad.status_code == 400 and "A471" in bad.text and "YYYY-MM-DD" in bad.text
    assert (
        error_of(server.get(GAZA + ".json", "observer", params={"sort": "payload"}))["code"]
        == "A470"
    )
    api = server.get("/api/claims", "observer", params={"agreement": "gaza-2023-11", "type": "x"})
    assert error_of(api)["code"] == "A475"
    assert (
        error_of(server.get("/api/claims", "observer", params={"agreement": "nope"}))["code"]
        == "L101"
    )
    deep = server.get(GAZA + ".json", "observer", params={"page": "999999"}).json()
    assert deep["claims"] == [] and deep["total"] > 0
    assert "No claim matches" in server.get(GAZA, "observer", params={"actor": "nobody"}).text


def test_a_broad_filter_is_counted_up_to_the_cap_and_still_pages_to_its_end(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact = server.get("/api/claims", "observer", params={"agreement": "gaza-2023-11",
                       "type": "release", "limit": 1000}).json()  # fmt: skip
    assert exact["total_exact"] and exact["total"] > 12
    monkeypatch.setattr(claim_list, "COUNT_CAP", 5)
    params = {"type": "release", "per_page": "10"}
    first = server.get(GAZA + ".json", "observer", params=params).json()
    assert (first["total"], first["total_exact"]) == (5, False)
    assert first["links"]["last"] is None and first["links"]["next"]
    assert "more than <b>5</b>" in server.get(GAZA, "observer", params=params).text
    seen, page = [], first
    while True:
        seen += [c["id"] for c in page["claims"]]
        if not page["links"]["next"]:
            break
        page = server.get(page["links"]["next"].replace(GAZA, GAZA + ".json"), "observer").json()
    assert seen == [c["id"] for c in exact["claims"]]
    # The unfiltered list is counted whole: one index, whatever its length.
    whole = server.get(GAZA + ".json", "observer").json()
    assert whole["total_exact"] and whole["total"] > 5

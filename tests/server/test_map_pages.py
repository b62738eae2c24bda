"""The map page and its .json twin over real HTTP in process, on SQLite and PostgreSQL: the
instant cuts the future, the filters narrow, bad filters say what to write, hostile place names
stay text, and a published record shows the map to anyone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.server.conftest import Server, release, running
from truce.server import mapdata

MAP = "/agreements/gaza-2023-11/map"


def _record(server: Server, **changes: Any) -> str:
    made = server.post("/api/claims", json=release(**changes))
    assert made.status_code == 201, made.text
    return str(made.json()["added"][0])


def test_the_instant_cuts_the_future_and_the_filters_narrow(shared_server: Server) -> None:
    handover = _record(shared_server, location="Khan Younis", date="2023-11-25T18:31")
    none: dict[str, Any] = {"quantity": None, "subject": None}
    rafah = {"name": "Rafah", "lat": 31.2969, "lon": 34.2435}
    breach = _record(shared_server, type="breach", actor="israel", target="hamas",
                     date="2023-11-26T10:00", extra={"place": rafah}, **none)  # fmt: skip
    later = _record(shared_server, type="casualty_claim", actor="hamas",
                    date="2023-11-29T09:00", location="Gaza City", **none)  # fmt: skip
    early = shared_server.get(f"{MAP}.json", params={"at": "2023-11-27T12:00"}).json()
    ids = {p["id"] for p in early["points"]}
    assert {handover, breach} <= ids and later not in ids
    assert all(p["local_date"] <= "2023-11-27" for p in early["points"])
    everything = shared_server.get(f"{MAP}.json", params={"at": "2023-12-01T08:00"}).json()
    assert {handover, breach, later} <= {p["id"] for p in everything["points"]}
    assert {"hamas", "israel"} <= set(everything["parties"])
    only = shared_server.get(f"{MAP}.json", params={"at": "2023-12-01T08:00", "party": "israel",
                                                    "type": "breach"}).json()  # fmt: skip
    assert [p["id"] for p in only["points"] if p["id"] in (handover, breach, later)] == [breach]
    assert all(p["actor"] == "israel" and p["type"] == "breach" for p in only["points"])
    day = shared_server.get(f"{MAP}.json", params={"at": "2023-12-01T08:00", "from": "2023-11-29",
                                                   "to": "2023-11-29"}).json()  # fmt: skip
    assert {p["local_date"] for p in day["points"]} == {"2023-11-29"}
    # The page draws exactly the points the twin lists, each marker linking to its row.
    page = shared_server.get(MAP, params={"at": "2023-11-27T12:00"}).text
    links = set(re.findall(r'<a href="#ev-([^"]+)" aria-label=', page))
    rows = set(re.findall(r'<tr id="ev-([^"]+)"', page))
    assert rows == ids and links <= rows and {handover, breach} <= links
    assert f'href="{MAP}.json?at=2023-11-27T12%3A00"' in page  # the twin, same question


def test_bad_filters_and_instants_say_what_to_write(shared_server: Server) -> None:
    backwards = shared_server.get(f"{MAP}.json", params={"from": "2023-11-30", "to": "2023-11-01"})
    assert backwards.status_code == 422 and backwards.json()["error"]["code"] == "A461"
    page = shared_server.get(MAP, params={"from": "<script>alert(1)</script>"})
    assert page.status_code == 422 and "A461" in page.text and "<script>alert" not in page.text
    instant = shared_server.get(f"{MAP}.json", params={"at": "tomorrow-ish"})
    assert instant.status_code == 422 and instant.json()["error"]["code"] == "C101"
    assert shared_server.get(MAP, params={"party": "x" * 201}).status_code == 422
    assert shared_server.get("/agreements/no-such/map").status_code == 404


def test_hostile_place_names_are_text_on_the_page(shared_server: Server) -> None:
    name = '<img src=x onerror=alert(1)>"><svg onload=alert(2)>'
    _record(shared_server, date="2023-11-24T18:00", quantity=1,
            extra={"place": {"name": name, "lat": 31.5, "lon": 34.46}})  # fmt: skip
    page = shared_server.get(MAP, params={"at": "2023-12-01T08:00"}).text
    assert "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_an_agreement_without_places_says_so(shared_server: Server) -> None:
    page = shared_server.get("/agreements/minsk-2015/map")
    assert (
        page.status_code == 200
        and 'id="map-empty"' in page.text
        and '<svg class="map"' not in page.text
    )


def test_a_published_record_shows_its_map_to_anyone(tmp_path: Any) -> None:
    with running(str(tmp_path / "public.db"), public_read=True) as server:
        _record(server, location="Khan Younis")
        anonymous = server.client.get(MAP, params={"at": "2023-12-01"})
        assert anonymous.status_code == 200 and "Khan Younis" in anonymous.text
        assert 'class="land"' in anonymous.text
    with running(str(tmp_path / "private.db")) as server:
        assert server.client.get(MAP, follow_redirects=False).status_code in (303, 401)


def test_a_claim_recorded_after_a_look_is_on_the_next_look(shared_server: Server) -> None:
    """The placed events are kept per head of the chain: an append shows at once."""
    params = {"at": "2023-12-01T08:00", "type": "aid_delivery"}
    before = shared_server.get(f"{MAP}.json", params=params).json()["points"]
    again = shared_server.get(f"{MAP}.json", params=params).json()["points"]
    assert again == before
    added = _record(shared_server, type="aid_delivery", actor="egypt", target=None, quantity=200,
                    subject="aid-trucks", date="2023-11-27T09:00", location="Rafah")  # fmt: skip
    after = shared_server.get(f"{MAP}.json", params=params).json()["points"]
    assert [p["id"] for p in after] == [p["id"] for p in before] + [added]
    assert "known_at" not in after[-1] and after[-1]["x"] > 0


def test_a_long_list_under_the_map_is_cut_with_a_notice(
    shared_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in (24, 25):
        _record(shared_server, location="Jabalia", date=f"2023-11-{day}T20:00", quantity=day)
    monkeypatch.setattr(mapdata, "TABLE_ROWS", 1)
    page = shared_server.get(MAP, params={"at": "2023-12-01T08:00"}).text
    listed = set(re.findall(r'<tr id="ev-([^"]+)"', page))
    markers = set(re.findall(r'<a href="#ev-([^"]+)" aria-label=', page))
    assert 'id="table-cut"' in page and markers <= listed
    twin = shared_server.get(f"{MAP}.json", params={"at": "2023-12-01T08:00"}).json()
    assert len(twin["points"]) > len(listed)

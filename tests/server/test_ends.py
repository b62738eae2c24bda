"""The chart's end moves with each extension: a line at the agreed end and one per extension,
each with its date and the claim that announced it, as at the page's instant; an agreement with
breaches only (Minsk) shows its breach chart and no empty releases chart."""

from __future__ import annotations

import re

from tests.server.conftest import Server
from truce.server.ends import end_moves

PAGE = "/agreements/gaza-2023-11"


def _lines(page: str) -> list[int]:
    return [int(d) for d in re.findall(r'<line class="end" data-day="(\d+)"', page)]


def test_each_extension_moves_the_end_line_with_its_date_and_claim(server: Server) -> None:
    page = server.get(PAGE, "observer", params={"at": "2023-12-02T00:00"}).text
    # The releases chart and the breaches chart both draw the three ends: day 4, 6, 7.
    assert _lines(page) == [4, 6, 7, 4, 6, 7]
    ends = server.get(PAGE + ".json", "observer", params={"at": "2023-12-02T00:00"}).json()["ends"]
    assert [(e["day"], e["added"]) for e in ends] == [(4, 0), (6, 2), (7, 1)]
    announced = ends[1]
    assert announced["announced"].startswith("2023-11-27T18:00") and announced["claims"]
    listed = re.search(r'<ol class="ends" id="ends".*?</ol>', page, re.S)
    assert listed and f"/api/claims/{announced['claims'][0]}" in listed[0]
    assert "Thu 30 Nov 2023, 07:00 UTC+02:00" in listed[0]  # the end it moved to


def test_before_an_extension_is_announced_only_the_agreed_end_is_drawn(server: Server) -> None:
    page = server.get(PAGE, "observer", params={"at": "2023-11-27T12:00"}).text
    assert set(_lines(page)) <= {4} and 'id="ends"' not in page
    later = server.get(PAGE, "observer", params={"at": "2023-11-28T12:00"}).text
    assert set(_lines(later)) == {4}  # day 6 is not on the axis yet (days so far only)...
    assert 'class="end ahead" data-day="6"' in later  # ...so the edge says where the end is
    assert 'id="ends"' in later and "Thu 30 Nov 2023, 07:00" in later


def test_minsk_breaches_only_has_no_empty_releases_chart(server: Server) -> None:
    breach = {"agreement": "minsk-2015", "type": "breach", "date": "2015-02-16T10:00",
              "actor": "dpr", "target": "ukraine", "sources": [{"outlet": "OSCE SMM"}]}  # fmt: skip
    assert server.post("/api/claims", "mediator", json=breach).status_code == 201
    page = server.get("/agreements/minsk-2015", "observer", params={"at": "2015-02-20"}).text
    assert "Breaches alleged per day" in page and 'data-series="dpr"' in page
    assert "Releases per day" not in page


def test_an_announcement_beyond_the_phase_s_extended_days_moves_nothing() -> None:
    status = {"starts_at": "2023-11-24T07:00:00+02:00",
              "phases": [{"id": "pause", "base_ends_at": "2023-11-28T07:00:00+02:00",
                          "extended_days": 2}],
              "extensions": [{"phase": "pause", "announcements": [
                  {"date": "2023-11-29T06:00:00+02:00", "days": 5, "claims": ["b"]},
                  {"date": "2023-11-27T06:00:00+02:00", "days": 1, "claims": ["a"]}]}]}  # fmt: skip
    moves = end_moves(status)
    assert [(m["day"], m["added"], m["claims"]) for m in moves] == [
        (4, 0, []),
        (5, 1, ["a"]),
        (6, 1, ["b"]),
    ]
    assert end_moves({"starts_at": None}) == [] and end_moves({"starts_at": "2023-11-24"}) == []

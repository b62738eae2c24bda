"""Everything on the agreement page is the state at its instant: no later release, breach or day.

The bundled Gaza pause began at 07:00 on 24 Nov 2023 (Asia/Jerusalem); its record runs to
1 Dec. At 06:00 on 27 Nov it is day 3 (elapsed days): nothing dated after that instant may show
in the day table, the chart or the timeline.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.server.conftest import Server

AT = "2023-11-27T06:00+02:00"


def _twin(server: Server, at: str | None) -> dict[str, Any]:
    params = {"at": at} if at else {}
    response = server.get("/agreements/gaza-2023-11.json", user="observer", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_the_page_at_day_three_shows_nothing_of_the_days_after(sqlite_server: Server) -> None:
    then = _twin(sqlite_server, AT)
    later = _twin(sqlite_server, "2023-12-01T12:00+02:00")
    assert then["status"]["day"] == 3
    assert [d["day"] for d in then["days"]] == [1, 2, 3]
    assert then["chart"]["days"] == [1, 2, 3]
    assert all(len(s["values"]) == 3 for s in then["chart"]["series"])
    assert not [d for d in then["chart"]["breaches"] if d > 3]
    # The same record a few days later does hold later releases: the cut is the instant's.
    assert max(later["chart"]["days"]) >= 7
    released_then = sum(v for s in then["chart"]["series"] for v in s["values"])
    released_later = sum(v for s in later["chart"]["series"] for v in s["values"])
    assert 0 < released_then < released_later


def test_the_timeline_at_an_instant_holds_only_what_had_happened(sqlite_server: Server) -> None:
    everything = sqlite_server.get("/api/agreements/gaza-2023-11/timeline", user="observer").json()
    then = sqlite_server.get(
        "/api/agreements/gaza-2023-11/timeline", user="observer", params={"at": AT}
    ).json()
    cut = datetime.fromisoformat(AT)
    assert then and len(then) < len(everything)
    for row in then:
        # An exact instant before the cut, or a whole day (its window) over by then.
        assert row["day"] is not None and row["day"] <= 3
        if row["date_precision"] == "exact":
            assert datetime.fromisoformat(row["date"]) <= cut
    later_ids = {r["event_id"] for r in everything} - {r["event_id"] for r in then}
    assert later_ids and all(
        r["day"] is None or r["day"] >= 3 for r in everything if r["event_id"] in later_ids
    )


def test_a_bad_instant_is_refused_with_its_code(sqlite_server: Server) -> None:
    response = sqlite_server.get(
        "/api/agreements/gaza-2023-11/timeline", user="observer", params={"at": "soon"}
    )
    assert response.status_code == 422
    assert "soon" in response.text


def test_the_chart_counts_what_the_quota_counts_and_shows_the_rest_apart(
    sqlite_server: Server,
) -> None:
    """Day 1 of the 2023 pause: 13 hostages under the deal and 11 foreign nationals freed
    outside it (10 Thai, 1 Filipino). The counted bar is 13, as the quota row says."""
    twin = _twin(sqlite_server, "2023-11-24T23:00+02:00")
    series = {s["label"]: s["values"] for s in twin["chart"]["series"]}
    assert series["hamas: hostages"][0] == 13
    assert series["hamas: hostages outside the terms (foreign-nationals)"][0] == 11
    quota = next(o for o in twin["status"]["obligations"] if o["id"] == "daily-hostages/day-1")
    assert quota["delivered"] == series["hamas: hostages"][0]
    page = sqlite_server.get(
        "/agreements/gaza-2023-11", user="observer", params={"at": "2023-11-24T23:00+02:00"}
    ).text
    assert "+11 hostages outside the terms (foreign-nationals)" in page
    assert 'fill-opacity="0.35"' in page  # drawn pale, apart from the counted bar

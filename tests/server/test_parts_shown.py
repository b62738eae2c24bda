"""Sub-counts on the dashboard and the API: "13 hostages freed, 5 of them foreign nationals"
recorded through the API on day 5 of the Gaza pause, whose quotas exclude foreign nationals.

The quota row says what it counted of the release and what it left out, and why; the day table
and the releases chart draw the 5 apart as outside the terms; the API's status and timeline
carry the same figures. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import html
from typing import Any

from tests.server.conftest import Server, release
from truce.domain.engine.answer_model import StatusAnswer

AT = "2023-11-29T12:00"  # day 6: day 5's quota is settled
MIXED = release(date="2023-11-28T20:00", quantity=13, event_id="d5-mixed",
                parts={"foreign-nationals": 5})  # fmt: skip
LINE = "8 counted of 13: 5 excluded (foreign-nationals)"


def _day5(status: dict[str, object]) -> dict[str, object]:
    obligations = status["obligations"]
    assert isinstance(obligations, list)
    return next(o for o in obligations if o["id"] == "daily-hostages/day-5")


def test_the_api_status_and_timeline_carry_the_parts(server: Server) -> None:
    before = server.get("/api/agreements/gaza-2023-11/status", params={"at": AT}).json()
    recorded = server.post("/api/claims", "mediator", json=MIXED)
    assert recorded.status_code == 201, recorded.text
    status = server.get("/api/agreements/gaza-2023-11/status", params={"at": AT}).json()
    StatusAnswer.of(status)
    row = _day5(status)
    assert row["delivered"] == _day5(before)["delivered"] + 8  # the 5 are not counted
    parts = [(p["category"], p["count"], p["counted"], p["reason"]) for p in row["parts"]]
    assert parts == [
        (None, 8, True, None),
        ("foreign-nationals", 5, False, "excluded by the term (foreign-nationals)"),
    ]
    assert row["parts"][0]["events"] == ["d5-mixed"]
    assert _day5(before)["parts"] == []  # no claim with parts: nothing to break down
    timeline = server.get("/api/agreements/gaza-2023-11/timeline").json()
    rows = timeline["events"] if isinstance(timeline, dict) else timeline
    mixed = [r for r in rows if r["event_id"] == "d5-mixed"]
    assert [r["parts"] for r in mixed] == [{"foreign-nationals": 5}]
    assert all(r["parts"] == {} for r in rows if r["event_id"] != "d5-mixed")


def _outside(twin: dict[str, Any], day: int) -> int:
    found = next(d for d in twin["days"] if d["day"] == day)
    return sum(r["quantity"] for r in found["releases"] if r["outside"] and r["party"] == "hamas")


def test_the_agreement_page_shows_counted_and_excluded(server: Server) -> None:
    before = server.get("/agreements/gaza-2023-11.json", params={"at": AT}).json()
    assert server.post("/api/claims", "mediator", json=MIXED).status_code == 201
    twin = server.get("/agreements/gaza-2023-11.json", params={"at": AT}).json()
    page = html.unescape(server.get("/agreements/gaza-2023-11", params={"at": AT}).text)
    assert twin["parts"]["daily-hostages/day-5"] == LINE
    # The ratio owes 3 prisoners a hostage for the 8, nothing for the 5, and says so by its due.
    ratio = next(o for o in twin["status"]["obligations"] if o["id"] == "prisoners-per-hostage")
    weighed = [(p["category"], p["count"], p["factor"], p["amount"]) for p in ratio["parts"]]
    assert weighed == [(None, 8, 3, 24), ("foreign-nationals", 5, None, 0)]
    assert twin["parts"]["prisoners-per-hostage"] == (
        "owed for 8 of 13: 5 excluded (foreign-nationals)"
    )
    assert "8 other: counted ×3 = 24" in page
    assert LINE in page
    assert "5 foreign-nationals: excluded by the term (foreign-nationals)" in page
    assert "8 other: counted" in page
    # The day table and the chart keep the 5 apart from the counted hostages (day 5 already
    # had foreign nationals freed outside the deal, recorded as claims of their own).
    assert _outside(twin, 5) == _outside(before, 5) + 5
    day5 = next(d for d in twin["days"] if d["day"] == 5)
    counted = next(r for r in day5["releases"] if r["party"] == "hamas" and not r["outside"])
    assert counted["quantity"] == _day5(twin["status"])["delivered"]
    series = {s["label"]: s for s in twin["chart"]["series"]}
    apart = series["hamas: hostages outside the terms (foreign-nationals)"]
    assert apart["counted"] is False
    assert apart["values"][twin["chart"]["days"].index(5)] == _outside(twin, 5)
    assert f"+{_outside(twin, 5)} hostages outside the terms (foreign-nationals)" in page

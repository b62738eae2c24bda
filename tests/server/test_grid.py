"""The compliance grid: a row per term, a cell per day, each cell the verdict of its obligation
and a link to its explanation."""

from __future__ import annotations

import re
from typing import Any

from tests.server.conftest import Server
from truce.server.grid import compliance_grid


def _obligation(term: str, period: str | None, status: str) -> dict[str, Any]:
    oid = f"{term}/{period.replace(' ', '-')}" if period else term
    return {"id": oid, "term": term, "party": "a", "period": period, "status": status,
            "explanation": f"why {oid}"}  # fmt: skip


def test_cells_fall_on_their_days_and_whole_terms_apart() -> None:
    status = {
        "obligations": [
            _obligation("daily", "day 1", "met"),
            _obligation("daily", "day 3", "unmet"),
            _obligation("total", "total", "in_progress"),
        ],
        "extensions": [
            {
                "term": "ext",
                "days": [{"day": 2, "status": "earned", "delivered": 20, "needed": 20}],
            }  # fmt: skip
        ],
    }
    grid = compliance_grid(status)
    assert grid["days"] == [1, 2, 3]
    daily, total, ext = grid["rows"]
    assert [c and c["status"] for c in daily["cells"]] == ["met", None, "unmet"]
    assert daily["cells"][2]["id"] == "daily/day-3"
    assert total["cells"] == [None, None, None] and total["whole"][0]["status"] == "in_progress"
    assert ext["cells"][1] == {"status": "earned", "id": None, "text": "day 2: 20 of 20 by its end"}


def test_an_agreement_with_no_verdicts_has_no_grid() -> None:
    assert compliance_grid({"obligations": [], "extensions": []}) == {"days": [], "rows": []}


def test_the_page_grid_agrees_with_the_obligations_and_links_to_them(sqlite_server: Server) -> None:
    params = {"at": "2023-12-01T08:00"}
    twin = sqlite_server.get("/agreements/gaza-2023-11.json", user="observer", params=params)
    page = sqlite_server.get("/agreements/gaza-2023-11", user="observer", params=params).text
    data = twin.json()
    verdicts = {o["id"]: o["status"] for o in data["status"]["obligations"]}
    daily = next(r for r in data["grid"]["rows"] if r["term"] == "daily-hostages")
    assert [c["status"] for c in daily["cells"][:7]] == [
        verdicts[f"daily-hostages/day-{n}"] for n in range(1, 8)
    ]
    links = set(re.findall(r'href="#ob-([^"]+)"', page))
    anchors = set(re.findall(r'<tr id="ob-([^"]+)"', page))
    assert "daily-hostages/day-7" in links and links <= anchors


def test_breaches_per_day_are_stacked_by_party(sqlite_server: Server) -> None:
    params = {"at": "2023-12-01T08:00"}
    data = sqlite_server.get("/agreements/gaza-2023-11.json", user="observer", params=params).json()
    page = sqlite_server.get("/agreements/gaza-2023-11", user="observer", params=params).text
    chart = data["breach_chart"]
    by_party = {s["label"]: sum(s["values"]) for s in chart["series"]}
    # Per party, what the answer counts as alleged breaches with a day on the clock.
    assert by_party == {p: sum(n.values()) for p, n in data["status"]["breaches_by_party"].items()}
    assert 'aria-label="Breaches alleged per day by party"' in page
    for day, per_day in zip(
        chart["days"], zip(*(s["values"] for s in chart["series"]), strict=True), strict=True
    ):
        if sum(per_day):
            assert f'data-day="{day}" data-series=' in page


def test_a_dispute_is_drawn_as_its_range_with_the_verdict_under_each_reading(
    sqlite_server: Server,
) -> None:
    """Day 7 of the 2023 pause: AP counted 8 hostages, the Israeli PMO 10. With 8 the day's
    quota is unmet; with 10 it is undetermined (the two are dated only to the day)."""
    params = {"at": "2023-12-01T08:00"}
    page = sqlite_server.get("/agreements/gaza-2023-11", user="observer", params=params).text
    svg = page[page.index('aria-label="readings from 8 to 10"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'class="reading leading"' in svg and 'class="reading alternative"' in svg
    assert "daily-hostages/day-7 with 8: unmet" in svg
    assert "daily-hostages/day-7 with 10: undetermined" in svg

"""Which events the map draws and where: the recorded place first, the gazetteer for a typed
location, nothing for a place that lies, nothing known after the instant, and the filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.server import mapdata
from truce.server.mapdata import BadMapFilter, Filters, placed_events, table_rows

ZONE = ZoneInfo("Asia/Jerusalem")
GAZA = ("ISR", "PSE")


def claim(**fields: Any) -> Claim:
    body = {"agreement": "gaza-2023-11", "type": "breach", "date": "2023-11-26T10:00",
            "actor": "israel", "sources": [{"outlet": "Wire"}]} | fields  # fmt: skip
    return ClaimInput.model_validate(body).to_claim(ZONE)


def test_a_recorded_place_wins_and_a_typed_location_is_looked_up() -> None:
    recorded = claim(location="Khan Younis", extra={"place": {"name": "Rafah", "lat": 31.2969,
                                                              "lon": 34.2435}})  # fmt: skip
    typed = claim(type="release", actor="hamas", location="Khan Yunis", quantity=13,
                  subject="hostages", date="2023-11-25T18:30")  # fmt: skip
    points, unplaced = placed_events([recorded, typed], ZONE, GAZA, None)
    assert unplaced == 0
    by_place = {p["place"]: p for p in points}
    assert by_place["Rafah"]["lat"] == 31.2969 and by_place["Rafah"]["place_from"] == "recorded"
    khan = by_place["Khan Yunis"]  # the spelling varies; the gazetteer knows both
    assert (
        khan["place_from"] == "gazetteer"
        and 31.3 < khan["lat"] < 31.4
        and 34.2 < khan["lon"] < 34.4
    )
    assert [p["kind"] for p in points] == ["release", "breach"]  # in date order


@pytest.mark.parametrize(
    "place",
    [{"lat": float("nan"), "lon": 34.0}, {"lat": 91, "lon": 34}, {"lat": 31, "lon": -181},
     {"lat": "31.2", "lon": "34.2"}, {"lat": True, "lon": 34}, {"lat": 31}, "Rafah", None],
)  # fmt: skip
def test_a_place_that_lies_is_not_drawn(place: Any) -> None:
    # Claims are checked at the door now (R210), but a ledger keeps what older versions let in:
    # the map must not trust a stored place either.
    stored = replace(claim(), extra={"place": place})
    points, unplaced = placed_events([stored], ZONE, GAZA, None)
    assert points == [] and unplaced == 1


def test_a_location_nobody_knows_or_absurdly_long_is_counted_not_drawn() -> None:
    made = [claim(location="Nowhere-in-particular"), claim(location="Rafah " * 100, actor="hamas")]
    points, unplaced = placed_events(made, ZONE, GAZA, None)
    assert points == [] and unplaced == 2


def test_nothing_after_the_instant_and_a_superseded_claim_not_twice() -> None:
    early = claim(location="Rafah", date="2023-11-26T10:00")
    late = claim(location="Gaza", date="2023-11-29T10:00", type="casualty_claim", actor="hamas")
    fixed = claim(
        location="Rafah", date="2023-11-26T10:00", supersedes=early.id, status="confirmed"
    )
    at = datetime(2023, 11, 27, 12, tzinfo=ZONE)
    points, _ = placed_events([early, late, fixed], ZONE, GAZA, at)
    assert [(p["type"], p["status"]) for p in points] == [("breach", "confirmed")]
    everything, _ = placed_events([early, late, fixed], ZONE, GAZA, None)
    assert len(everything) == 2


def test_the_filters_narrow_by_party_type_and_local_day() -> None:
    made = [claim(location="Rafah"), claim(location="Gaza", actor="hamas", type="casualty_claim",
                                           date="2023-11-29T23:30")]  # fmt: skip
    points, _ = placed_events(made, ZONE, GAZA, None)
    keep = lambda f: [p["actor"] for p in points if f.keeps(p)]  # noqa: E731
    assert keep(Filters.read("israel", None, None, None)) == ["israel"]
    assert keep(Filters.read(None, "casualty_claim", None, None)) == ["hamas"]
    assert keep(Filters.read(None, None, "2023-11-29", "2023-11-29")) == ["hamas"]
    assert keep(Filters.read(None, None, None, "2023-11-28")) == ["israel"]
    assert keep(Filters.read("", "", "", "")) == ["israel", "hamas"]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2023-11-30", "2023-11-01"), ("yesterday", None), (None, "2023-13-01"), ("2023-11-1", None),
     ("<script>", None)],
)  # fmt: skip
def test_a_bad_date_filter_says_what_to_write(start: str | None, end: str | None) -> None:
    with pytest.raises(BadMapFilter) as raised:
        Filters.read(None, None, start, end)
    assert raised.value.code == "A461" and raised.value.hint


def test_the_table_lists_every_markers_row_first_when_it_must_be_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mapdata, "TABLE_ROWS", 3)
    many = [claim(location="Rafah", date=f"2023-11-2{d}T10:00", actor=a) for d in range(4, 9)
            for a in ("israel", "hamas")]  # fmt: skip
    late = claim(location="Khan Younis", date="2023-11-30T10:00", type="casualty_claim")
    points, _ = placed_events([*many, late], ZONE, GAZA, None)
    rows = table_rows(points)
    assert len(points) == 11 and len(rows) == 3
    assert rows[-1]["place"] == "Khan Younis"  # its marker's row, though the latest
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert table_rows(points[:2]) == points[:2]

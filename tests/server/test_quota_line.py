"""The chart's quota line: drawn only when every per-day quota on a charted series (party and
subject as a pair) asks for the same figure."""

from __future__ import annotations

from typing import Any

from truce.server.views import daily_quota


def _quota(party: str, subject: str, due: int, period: str = "day 1") -> dict[str, Any]:
    return {"kind": "quota", "party": party, "subject": subject, "due": due, "period": period}


def _chart(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"series": [{"party": p, "subject": s, "values": [1]} for p, s in pairs]}


def test_a_quota_of_a_drawn_series_is_the_line() -> None:
    status = {
        "obligations": [_quota("hamas", "hostages", 10), _quota("hamas", "hostages", 10, "day 2")]
    }
    assert daily_quota(status, _chart(("hamas", "hostages"))) == 10


def test_party_and_subject_are_matched_as_a_pair() -> None:
    # Israel's prisoners quota (30) is not a quota on a drawn series: Israel's charted subject is
    # aid trucks, and the prisoners are drawn for Hamas only.
    status = {"obligations": [_quota("hamas", "hostages", 10), _quota("israel", "prisoners", 30)]}
    chart = _chart(("hamas", "hostages"), ("hamas", "prisoners"), ("israel", "trucks"))
    assert daily_quota(status, chart) == 10


def test_two_figures_or_none_draw_no_line() -> None:
    status = {"obligations": [_quota("hamas", "hostages", 10), _quota("israel", "prisoners", 30)]}
    assert daily_quota(status, _chart(("hamas", "hostages"), ("israel", "prisoners"))) is None
    weekly = {"obligations": [_quota("hamas", "hostages", 10, "week 1")]}
    assert daily_quota(weekly, _chart(("hamas", "hostages"))) is None
    assert daily_quota({"obligations": []}, _chart(("hamas", "hostages"))) is None

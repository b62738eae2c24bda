"""Renewals: Yemen's two-month truce renewed by announcements that give no number of days."""

from __future__ import annotations

from typing import Any

TRUCE = [{"id": "truce", "start": {"at": "2022-04-02T19:00"}, "duration": {"months": 2}}]
RENEWAL = {
    "id": "renewable",
    "kind": "renewal",
    "phase": "truce",
    "period": {"months": 2},
    "max_renewals": 1,
}
ADEN = "Asia/Aden"  # UTC+3 all year


def _renewal(kit: Any, date: str) -> Any:
    return kit.claim("ceasefire_extension", date, zone=ADEN, actor="united-nations")


def _spec(kit: Any, phases: list[dict[str, Any]] = TRUCE) -> Any:
    return kit.spec([RENEWAL], phases=phases, timezone=ADEN, mediators=[{"id": "united-nations"}])


def test_two_month_truce_renewed_twice(kit: Any) -> None:
    spec = _spec(kit)
    claims = [_renewal(kit, "2022-06-02T17:00"), _renewal(kit, "2022-08-02T17:00")]
    before = kit.state(spec, [], "2022-06-01T00:00")
    # 19:00 Apr 2 + 2 months = 19:00 Jun 2; April 2 -> June 2 is 30 + 31 = 61 days.
    assert (before["ends_at"], before["days_total"]) == ("2022-06-02T19:00:00+03:00", 61)
    lapsed = kit.state(spec, [], "2022-06-03T00:00")
    assert lapsed["state"] == "ended"

    once = kit.state(spec, claims[:1], "2022-06-10T00:00")
    assert once["state"] == "active"
    # Jun 2 19:00 + 2 months = Aug 2 19:00 (30 + 31 = 61 more days, 122 in all).
    assert (once["ends_at"], once["days_total"]) == ("2022-08-02T19:00:00+03:00", 122)
    # 68 days and 5 hours after 19:00 Apr 2: day 69.
    assert once["day"] == 69
    ext = kit.extension(once, "renewable")
    assert (ext["announced_days"], ext["condition_met"]) == (61, True)
    assert [a["renewal"] for a in ext["announcements"]] == [True]

    twice = kit.state(spec, claims, "2022-09-01T00:00")
    # Aug 2 -> Oct 2 is 31 + 30 = 61 more days; the second renewal is beyond the one allowed.
    assert twice["ends_at"] == "2022-10-02T19:00:00+03:00"
    ext = kit.extension(twice, "renewable")
    assert [(r["renewal"], r["days"], r["status"]) for r in ext["days"]] == [
        (1, 61, "earned"),
        (2, 61, "beyond_limit"),
    ]
    assert ext["condition_met"] is False


def test_month_arithmetic_clamps_to_the_month_end(kit: Any) -> None:
    phases = [{"id": "truce", "start": {"at": "2024-01-31T00:00"}, "duration": {"months": 1}}]
    spec = _spec(kit, phases)
    # Jan 31 + 1 month: Feb 29 (2024 is a leap year); a renewal adds 2 months: Apr 29.
    assert kit.state(spec, [], "2024-02-01T00:00")["ends_at"] == "2024-02-29T00:00:00+03:00"
    renewed = kit.state(spec, [_renewal(kit, "2024-02-28T12:00")], "2024-03-01T00:00")
    assert renewed["ends_at"] == "2024-04-29T00:00:00+03:00"
    # Feb 29 -> Apr 29 is 31 + 29 = 60 days.
    assert kit.extension(renewed, "renewable")["days"][0]["days"] == 60

"""Extension terms: days earned by further releases, checked against the days announced.

Pause: 4 days from 07:00 Jan 1, at most 7 days in all. The rule: one more day for each further
10 hostages beyond the first 40, capped at 6 days.
"""

from __future__ import annotations

from typing import Any

RULE = {
    "id": "per-ten",
    "kind": "extension",
    "phase": "pause",
    "days": 1,
    "for_each": 10,
    "of": {"party": "hamas", "subject": "hostages"},
    "beyond": 40,
    "max_days": 6,
}
PHASE = {"id": "pause", "start": {"at": "2024-01-01T07:00"}, "duration": {"days": 4}, "max_days": 7}


def _base(kit: Any) -> list[Any]:
    days = [kit.release("hamas", 10, f"2024-01-0{n}T12:00") for n in range(1, 5)]  # 40
    announced = kit.claim("ceasefire_extension", "2024-01-04T18:00", actor="qatar", quantity=3)
    return [*days, announced]


def test_earned_not_earned_pending_and_cap(kit: Any) -> None:
    spec = kit.spec([RULE], phases=[PHASE])
    claims = [
        *_base(kit),
        kit.release("hamas", 10, "2024-01-05T12:00"),  # day 5: 50
        kit.release("hamas", 5, "2024-01-06T12:00"),
    ]  # day 6: 55
    s = kit.state(spec, claims, "2024-01-07T08:00")
    assert (s["day"], s["ends_at"]) == (7, "2024-01-08T07:00:00+00:00")  # Jan 5 07:00 + 3 days
    ext = kit.extension(s, "per-ten")
    # floor((55 - 40) / 10) = 1 day earned; the cap (6 - 4 = 2 days) does not bite.
    assert (ext["announced_days"], ext["earned_days"], ext["cap_days"]) == (3, 1, 6)
    assert [
        (d["day"], d["needed"], d["delivered"], d["status"], d["within_cap"]) for d in ext["days"]
    ] == [
        (5, 50, 50, "earned", True),
        (6, 60, 55, "not_earned", True),  # day 6 ended at 07:00 Jan 7 with 55 of 60
        (7, 70, 55, "pending", False),  # day 7 is past the rule's 6-day cap
    ]
    assert ext["condition_met"] is False
    [announcement] = ext["announcements"]
    # 4 + 3 = 7 days: within the phase's cap of 7.
    assert (announcement["days"], announcement["late"], announcement["within_cap"]) == (
        3,
        False,
        True,
    )


def test_earned_days_are_capped(kit: Any) -> None:
    spec = kit.spec([RULE], phases=[PHASE])
    claims = [*_base(kit), kit.release("hamas", 100, "2024-01-05T12:00")]
    ext = kit.extension(kit.state(spec, claims, "2024-01-09T00:00"), "per-ten")
    # floor((140 - 40) / 10) = 10 earned, capped at 6 - 4 = 2.
    assert ext["earned_days"] == 2
    assert [d["status"] for d in ext["days"]] == ["earned"] * 3
    assert ext["condition_met"] is True


def test_announcement_beyond_the_phase_cap(kit: Any) -> None:
    spec = kit.spec([RULE], phases=[PHASE])
    more = kit.claim("ceasefire_extension", "2024-01-07T18:00", actor="qatar", quantity=1)
    s = kit.state(spec, [*_base(kit), more], "2024-01-08T08:00")
    # 4 + 3 + 1 = 8 days > 7: the second announcement is flagged, and the phase's `max_days`
    # holds: it ends with day 7 (07:00 Jan 8), not a day later, and the answer says why.
    assert [a["within_cap"] for a in kit.extension(s, "per-ten")["announcements"]] == [True, False]
    assert s["ends_at"] == "2024-01-08T07:00:00+00:00"
    assert s["state"] == "ended"
    assert s["phases"][0]["capped"] is True
    assert any("capped at max_days 7" in w for w in s["warnings"])


def test_two_days_per_step(kit: Any) -> None:
    spec = kit.spec([{**RULE, "days": 2, "max_days": None}], phases=[PHASE])
    claims = [*_base(kit), kit.release("hamas", 10, "2024-01-05T12:00")]
    ext = kit.extension(kit.state(spec, claims, "2024-01-09T00:00"), "per-ten")
    # Days 5 and 6 both need 40 + 10 = 50; day 7 needs 40 + 20 = 60.
    assert [(d["day"], d["needed"], d["status"]) for d in ext["days"]] == [
        (5, 50, "earned"),
        (6, 50, "earned"),
        (7, 60, "not_earned"),
    ]
    assert ext["earned_days"] == 2  # floor(10 / 10) x 2


def test_late_announcement_revives_the_pause(kit: Any) -> None:
    spec = kit.spec([RULE], phases=[PHASE])
    days = _base(kit)[:4]
    late = kit.claim("ceasefire_extension", "2024-01-05T09:00", actor="qatar", quantity=1)
    lapsed = kit.state(spec, [*days, late], "2024-01-05T08:00")  # the pause expired at 07:00
    assert (lapsed["state"], lapsed["ends_at"]) == ("ended", "2024-01-05T07:00:00+00:00")
    revived = kit.state(spec, [*days, late], "2024-01-05T10:00")
    assert (revived["state"], revived["day"]) == ("active", 5)
    assert revived["ends_at"] == "2024-01-06T07:00:00+00:00"
    [announcement] = kit.extension(revived, "per-ten")["announcements"]
    assert announcement["late"] is True


def test_releases_after_the_pause_earn_nothing(kit: Any) -> None:
    spec = kit.spec([RULE], phases=[PHASE])
    days = _base(kit)[:4]  # 40 in days 1-4, the base period
    one_more = kit.claim("ceasefire_extension", "2024-01-04T18:00", actor="qatar", quantity=1)
    after = kit.release("hamas", 10, "2024-01-06T12:00")  # the pause ended 07:00 Jan 6
    ext = kit.extension(kit.state(spec, [*days, one_more, after], "2024-01-07T00:00"), "per-ten")
    # Day 5 needed 50 by 07:00 Jan 6 and had 40; the 10 released later earn no day either.
    assert [(d["day"], d["delivered"], d["status"]) for d in ext["days"]] == [(5, 40, "not_earned")]
    assert (ext["earned_days"], ext["condition_met"]) == (0, False)

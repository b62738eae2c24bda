"""Quota terms: totals by a deadline, per day, per week, filters and terms that open late.

The test pause starts 2024-01-01 07:00 UTC for four days: day N runs 07:00 Jan N to 07:00 Jan N+1.
"""

from __future__ import annotations

from typing import Any

HOSTAGES = {"party": "hamas", "subject": "hostages"}


def test_total_by_phase_day(kit: Any) -> None:
    term = {
        "id": "twenty",
        "kind": "quota",
        "phase": "pause",
        **HOSTAGES,
        "at_least": 20,
        "by": {"day": 2},
    }
    spec = kit.spec([term])
    claims = [
        kit.release("hamas", 12, "2024-01-01T12:00"),  # day 1
        kit.release("hamas", 5, "2024-01-02T12:00"),  # day 2
        kit.release("hamas", 10, "2024-01-03T12:00"),  # day 3: after the deadline
    ]
    early = kit.obligation(kit.state(spec, claims, "2024-01-02T10:00"), "twenty")
    # Only the 12 of day 1 had happened by 10:00 on day 2.
    assert (early["delivered"], early["balance"], early["status"]) == (12, -8, "in_progress")
    # End of day 2: 07:00 Jan 1 + 2 days.
    assert early["ends_at"] == "2024-01-03T07:00:00+00:00"
    late = kit.obligation(kit.state(spec, claims, "2024-01-04T00:00"), "twenty")
    # 12 + 5 = 17 by the deadline; day 3's 10 do not count.
    assert (late["due"], late["delivered"], late["balance"], late["status"]) == (
        20,
        17,
        -3,
        "unmet",
    )
    assert late["met_at"] is None

    in_time = [*claims[:2], kit.release("hamas", 3, "2024-01-03T06:59")]  # still day 2
    met = kit.obligation(kit.state(spec, in_time, "2024-01-04T00:00"), "twenty")
    # 12 + 5 + 3 = 20, reached by the last release.
    assert (met["delivered"], met["status"], met["met_at"]) == (
        20,
        "met",
        "2024-01-03T06:59:00+00:00",
    )


def test_total_by_fixed_instant(kit: Any) -> None:
    term = {
        "id": "twenty",
        "kind": "quota",
        **HOSTAGES,
        "at_least": 20,
        "by": {"at": "2024-01-02T19:00"},
    }
    spec = kit.spec([term])
    claims = [
        kit.release("hamas", 15, "2024-01-02T18:00"),
        kit.release("hamas", 5, "2024-01-02T20:00"),
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-03T00:00"), "twenty")
    # 15 by 19:00; the 5 came an hour late.
    assert (row["delivered"], row["status"], row["ends_at"]) == (
        15,
        "unmet",
        "2024-01-02T19:00:00+00:00",
    )
    on_time = [claims[0], kit.release("hamas", 5, "2024-01-02T18:59")]
    row = kit.obligation(kit.state(spec, on_time, "2024-01-03T00:00"), "twenty")
    assert (row["delivered"], row["status"], row["met_at"]) == (
        20,
        "met",
        "2024-01-02T18:59:00+00:00",
    )


def test_per_day(kit: Any) -> None:
    term = {
        "id": "daily",
        "kind": "quota",
        "phase": "pause",
        **HOSTAGES,
        "at_least": 10,
        "per": "day",
    }
    spec = kit.spec([term])
    claims = [
        kit.release("hamas", 4, "2024-01-01T06:00"),  # before the pause: counts nowhere
        kit.release("hamas", 13, "2024-01-01T16:00"),  # day 1
        kit.release("hamas", 9, "2024-01-02T23:00"),  # day 2 (runs to 07:00 Jan 3)
        kit.release("hamas", 10, "2024-01-04T06:59"),  # day 3 (runs to 07:00 Jan 4)
    ]
    done = kit.state(spec, claims, "2024-01-05T08:00")
    rows = [o for o in done["obligations"] if o["term"] == "daily"]
    assert [o["id"] for o in rows] == ["daily/day-1", "daily/day-2", "daily/day-3", "daily/day-4"]
    assert [o["period"] for o in rows] == ["day 1", "day 2", "day 3", "day 4"]
    assert [o["delivered"] for o in rows] == [13, 9, 10, 0]
    # Day 2 fell short (9 < 10); day 4 has no claim at all, which is not the same as a shortfall.
    assert [o["status"] for o in rows] == ["met", "unmet", "met", "no_record"]
    assert rows[1]["starts_at"] == "2024-01-02T07:00:00+00:00"
    assert rows[1]["ends_at"] == "2024-01-03T07:00:00+00:00"
    # A source saying none were released on day 4 turns "no record" into a shortfall.
    none_on_day_4 = kit.release("hamas", 0, "2024-01-04T12:00")
    zero = kit.state(spec, [*claims, none_on_day_4], "2024-01-05T08:00")
    assert [o["status"] for o in zero["obligations"] if o["term"] == "daily"][3] == "unmet"
    during = kit.state(spec, claims, "2024-01-02T08:00")
    assert kit.statuses(during, "daily") == ["met", "in_progress", "upcoming", "upcoming"]


def test_per_week(kit: Any) -> None:
    phases = [{"id": "truce", "start": {"at": "2024-01-01T00:00"}, "duration": {"days": 21}}]
    term = {
        "id": "flights",
        "kind": "quota",
        "phase": "truce",
        "party": "israel",
        "subject": "flights",
        "type": "aid_delivery",
        "at_least": 2,
        "per": "week",
    }
    spec = kit.spec([term], phases=phases)
    flights = [
        ("2024-01-02T10:00", 1),
        ("2024-01-05T10:00", 1),  # week 1: 2
        ("2024-01-10T10:00", 1),  # week 2: 1
        ("2024-01-20T10:00", 3),
    ]  # week 3: 3
    claims = [
        kit.claim("aid_delivery", d, actor="israel", subject="flights", quantity=q)
        for d, q in flights
    ]
    done = kit.state(spec, claims, "2024-01-22T00:00")
    rows = [o for o in done["obligations"] if o["term"] == "flights"]
    assert [(o["id"], o["delivered"], o["status"]) for o in rows] == [
        ("flights/week-1", 2, "met"),
        ("flights/week-2", 1, "unmet"),
        ("flights/week-3", 3, "met"),
    ]
    assert rows[2]["ends_at"] == "2024-01-22T00:00:00+00:00"  # Jan 1 + 21 days


def test_categories_and_exclude(kit: Any) -> None:
    term = {
        "id": "women-children",
        "kind": "quota",
        **HOSTAGES,
        "at_least": 10,
        "categories": ["women", "children"],
        "exclude": ["foreign-nationals"],
    }
    spec = kit.spec([term])
    claims = [
        kit.release("hamas", 5, "2024-01-01T10:00", categories=["women"]),
        kit.release("hamas", 4, "2024-01-01T11:00", categories=["children"]),
        kit.release("hamas", 7, "2024-01-01T12:00", categories=["civilian"]),  # not listed
        kit.release("hamas", 3, "2024-01-01T13:00", categories=["women", "foreign-nationals"]),
        kit.release("hamas", 2, "2024-01-01T14:00"),  # no category: not women or children
        kit.release(
            "israel", 100, "2024-01-01T15:00", subject="prisoners", categories=["women"]
        ),  # other party and subject
        kit.claim(
            "aid_delivery",
            "2024-01-01T16:00",
            actor="hamas",
            subject="hostages",
            quantity=50,
            categories=["women"],
        ),  # other event type
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-06T00:00"), "women-children")
    # Only 5 + 4 count.
    assert (row["delivered"], row["status"]) == (9, "unmet")


def test_opens_after_another_term(kit: Any) -> None:
    women = {"id": "women", "kind": "quota", **HOSTAGES, "categories": ["women"], "at_least": 5}
    aid = {
        "id": "aid",
        "kind": "quota",
        "party": "israel",
        "subject": "aid-trucks",
        "type": "aid_delivery",
        "at_least": 100,
        "opens_after": "women",
        "by": {"within": {"days": 1}},
    }
    spec = kit.spec([women, aid])

    def trucks(date: str, n: int) -> Any:
        return kit.claim("aid_delivery", date, actor="israel", subject="aid-trucks", quantity=n)

    claims = [
        kit.release("hamas", 3, "2024-01-01T10:00", categories=["women"]),
        trucks("2024-01-01T12:00", 60),  # before the term opens: does not count
        kit.release("hamas", 2, "2024-01-02T10:00", categories=["women"]),  # 5: opens "aid"
        trucks("2024-01-02T15:00", 50),
        trucks("2024-01-03T09:00", 50),  # within a day of 10:00 Jan 2
    ]
    closed = kit.state(spec, claims, "2024-01-01T20:00")
    row = kit.obligation(closed, "aid")
    assert row["status"] == "inactive"
    assert "women" in row["explanation"]
    row = kit.obligation(kit.state(spec, claims, "2024-01-04T00:00"), "aid")
    assert (row["starts_at"], row["ends_at"]) == (
        "2024-01-02T10:00:00+00:00",
        "2024-01-03T10:00:00+00:00",
    )
    # 50 + 50 = 100 by 09:00 Jan 3.
    assert (row["delivered"], row["status"], row["met_at"]) == (
        100,
        "met",
        "2024-01-03T09:00:00+00:00",
    )
    late = [*claims[:4], trucks("2024-01-03T11:00", 50)]
    row = kit.obligation(kit.state(spec, late, "2024-01-04T00:00"), "aid")
    assert (row["delivered"], row["status"]) == (50, "unmet")


def test_opens_after_every_listed_term(kit: Any) -> None:
    # Minsk-style: the zone rule opens only once *both* sides finished withdrawing.
    women = {"id": "women", "kind": "quota", **HOSTAGES, "categories": ["women"], "at_least": 2}
    children = {
        "id": "children",
        "kind": "quota",
        **HOSTAGES,
        "categories": ["children"],
        "at_least": 2,
    }
    aid = {
        "id": "aid",
        "kind": "quota",
        "party": "israel",
        "subject": "aid-trucks",
        "type": "aid_delivery",
        "at_least": 10,
        "opens_after": ["women", "children"],
    }
    spec = kit.spec([women, children, aid])
    claims = [
        kit.release("hamas", 2, "2024-01-01T10:00", categories=["women"]),
        kit.claim(
            "aid_delivery", "2024-01-01T12:00", actor="israel", subject="aid-trucks", quantity=10
        ),
    ]
    # Only "women" is met: the term stays closed, naming what it waits for.
    row = kit.obligation(kit.state(spec, claims, "2024-01-01T20:00"), "aid")
    assert row["status"] == "inactive" and "children" in row["explanation"]
    claims.append(kit.release("hamas", 2, "2024-01-01T15:00", categories=["children"]))
    claims.append(
        kit.claim(
            "aid_delivery",
            "2024-01-01T16:00",
            actor="israel",
            subject="aid-trucks",
            quantity=10,
            event_id="later",
        )
    )
    # Opens at 15:00, when the later of the two is met; the 12:00 trucks came before it.
    row = kit.obligation(kit.state(spec, claims, "2024-01-01T20:00"), "aid")
    assert (row["starts_at"], row["delivered"], row["status"]) == (
        "2024-01-01T15:00:00+00:00",
        10,
        "met",
    )

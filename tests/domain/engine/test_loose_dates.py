"""Loosely dated claims are the interval they name: counted only where surely inside a window.

1 January 2024 is a Monday. The pause runs from 00:00 on Mon 25 Dec 2023 for 30 days (UTC).
"""

from __future__ import annotations

from typing import Any

PHASE = [{"id": "pause", "start": {"at": "2023-12-25T00:00"}, "duration": {"days": 30}}]
BY_MONDAY_NOON = {
    "id": "twenty",
    "kind": "quota",
    "phase": "pause",
    "party": "hamas",
    "subject": "hostages",
    "at_least": 20,
    "by": {"at": "2024-01-01T12:00"},
}
TALKS = {
    "id": "talks",
    "kind": "deadline",
    "phase": "pause",
    "match": {"type": "meeting"},
    "by": {"at": "2024-01-01T12:00"},
}


def test_a_delivery_on_monday_against_a_monday_noon_deadline_is_undetermined(kit: Any) -> None:
    spec = kit.spec([BY_MONDAY_NOON], phases=PHASE)
    monday = kit.release("hamas", 20, "2024-01-01")
    row = kit.obligation(kit.state(spec, [monday], "2024-01-03T00:00"), "twenty")
    # 00:00-24:00 Monday straddles 12:00: it may have come in time or not. Not `no_record`.
    assert (row["status"], row["delivered"], row["due"]) == ("undetermined", 0, 20)
    assert "dated only to the day" in row["explanation"]
    assert row["met_at"] is None


def test_a_delivery_dated_to_the_day_before_counts_from_its_end(kit: Any) -> None:
    spec = kit.spec([BY_MONDAY_NOON], phases=PHASE)
    sunday = kit.release("hamas", 20, "2023-12-31")
    # During Sunday it may not have happened yet: undetermined, never a confident shortfall.
    during = kit.obligation(kit.state(spec, [sunday], "2023-12-31T18:00"), "twenty")
    assert (during["status"], during["delivered"]) == ("undetermined", 0)
    # From midnight it surely happened on Sunday, before the deadline.
    after = kit.obligation(kit.state(spec, [sunday], "2024-01-01T00:00"), "twenty")
    assert (after["status"], after["delivered"]) == ("met", 20)


def test_a_delivery_dated_to_the_day_after_is_late(kit: Any) -> None:
    spec = kit.spec([BY_MONDAY_NOON], phases=PHASE)
    tuesday = kit.release("hamas", 20, "2024-01-02")
    row = kit.obligation(kit.state(spec, [tuesday], "2024-01-03T00:00"), "twenty")
    assert (row["status"], row["delivered"]) == ("unmet", 0)


def test_deadlines_read_loose_dates_the_same_way(kit: Any) -> None:
    spec = kit.spec([TALKS], phases=PHASE)
    at = "2024-01-03T00:00"
    monday = kit.obligation(kit.state(spec, [kit.claim("meeting", "2024-01-01")], at), "talks")
    assert monday["status"] == "undetermined"
    sunday = kit.obligation(kit.state(spec, [kit.claim("meeting", "2023-12-31")], at), "talks")
    # Met when it surely happened: by the end of Sunday, not at its noon.
    assert (sunday["status"], sunday["met_at"]) == ("met", "2024-01-01T00:00:00+00:00")
    tuesday = kit.obligation(kit.state(spec, [kit.claim("meeting", "2024-01-02")], at), "talks")
    assert tuesday["status"] == "unmet"  # a late one is on record
    none = kit.obligation(kit.state(spec, [], at), "talks")
    assert none["status"] == "no_record"  # nothing at all on record
    # A month-dated meeting (all of January) may be before or after Monday noon.
    month = kit.obligation(
        kit.state(spec, [kit.claim("meeting", "2024-01")], "2024-02-02"), "talks"
    )
    assert month["status"] == "undetermined"
    assert "dated only to the month" in month["explanation"]


def test_a_day_dated_release_counts_for_its_own_calendar_day(kit: Any) -> None:
    daily = {**BY_MONDAY_NOON, "id": "daily", "by": None, "per": "day", "at_least": 5}
    spec = kit.spec([daily], phases=PHASE, clock="calendar")
    claim = kit.release("hamas", 5, "2023-12-26")
    s = kit.state(spec, [claim], "2023-12-27T00:00")
    assert kit.statuses(s, "daily")[:2] == ["no_record", "met"]
    assert kit.obligation(s, "daily/day-2")["delivered"] == 5


def test_a_ratio_owed_for_a_release_that_may_fall_outside_the_phase(kit: Any) -> None:
    ratio = {
        "id": "exchange",
        "kind": "ratio",
        "party": "israel",
        "subject": "prisoners",
        "per_unit_of": {"party": "hamas", "subject": "hostages"},
        "factor": 3,
    }
    # The phase runs to 12:00 on 24 Jan; a hostage freed "on 24 Jan" may be inside it or not.
    phase = [{"id": "pause", "start": {"at": "2023-12-25T12:00"}, "duration": {"days": 30}}]
    spec = kit.spec([ratio], phases=phase)
    hostages = [
        kit.release("hamas", 2, "2024-01-01T10:00"),
        kit.release("hamas", 1, "2024-01-24"),
    ]
    six = [*hostages, kit.release("israel", 6, "2024-01-02T10:00")]
    row = kit.obligation(kit.state(spec, six, "2024-01-26T00:00"), "exchange")
    # 3 × 2 = 6 surely owed, 3 × 3 = 9 at most: 6 delivered may or may not be enough.
    assert (row["due"], row["delivered"], row["status"]) == (6, 6, "undetermined")
    assert "dated only to the day" in row["explanation"]
    nine = [*hostages, kit.release("israel", 9, "2024-01-02T10:00")]
    row = kit.obligation(kit.state(spec, nine, "2024-01-26T00:00"), "exchange")
    assert (row["due"], row["delivered"], row["status"]) == (6, 9, "met")
    five = [*hostages, kit.release("israel", 5, "2024-01-02T10:00")]
    assert kit.obligation(kit.state(spec, five, "2024-01-26T00:00"), "exchange")["status"] == (
        "unmet"
    )


def test_once_its_day_is_over_a_loose_claim_is_not_said_to_fall_after_the_instant(kit: Any) -> None:
    spec = kit.spec([BY_MONDAY_NOON], phases=PHASE)
    monday = kit.release("hamas", 20, "2024-01-01")
    during = kit.obligation(kit.state(spec, [monday], "2024-01-01T23:00"), "twenty")
    # Still Monday: the release may yet come after 23:00.
    assert during["explanation"].endswith("or after 2024-01-01T23:00+00:00")
    later = kit.obligation(kit.state(spec, [monday], "2024-01-08T00:00"), "twenty")
    # A week on, a claim dated Monday cannot fall after the instant judged; only the deadline's
    # edge is in doubt.
    assert later["status"] == "undetermined"
    assert later["explanation"].endswith("may fall either side of an edge of the window")

"""Deadline terms: by the end of a phase day, by a fixed instant, within a span of opening."""

from __future__ import annotations

from typing import Any

PHASE_ONE = [{"id": "one", "start": {"at": "2024-01-01T00:00"}, "duration": {"days": 42}}]


def test_by_phase_day(kit: Any) -> None:
    talks = {
        "id": "talks",
        "kind": "deadline",
        "phase": "one",
        "match": {"type": "meeting"},
        "by": {"day": 16},
    }
    spec = kit.spec([talks], phases=PHASE_ONE)
    # End of day 16: 00:00 Jan 1 + 16 days = 00:00 Jan 17.
    in_time = [kit.claim("meeting", "2024-01-16T23:00", actor="qatar")]
    row = kit.obligation(kit.state(spec, in_time, "2024-01-20T00:00"), "talks")
    assert (row["status"], row["ends_at"]) == ("met", "2024-01-17T00:00:00+00:00")
    assert row["met_at"] == "2024-01-16T23:00:00+00:00"
    late = [kit.claim("meeting", "2024-01-17T01:00", actor="qatar")]
    waiting = kit.obligation(kit.state(spec, late, "2024-01-16T12:00"), "talks")
    assert waiting["status"] == "in_progress"
    row = kit.obligation(kit.state(spec, late, "2024-01-20T00:00"), "talks")
    assert row["status"] == "unmet"
    assert "a late one was" in row["explanation"]


def test_by_fixed_instant_and_party(kit: Any) -> None:
    term = {
        "id": "list",
        "kind": "deadline",
        "party": "hamas",
        "match": {"type": "statement"},
        "by": {"at": "2024-01-03T12:00"},
    }
    spec = kit.spec([term])
    claims = [
        kit.claim("statement", "2024-01-02T10:00", actor="israel"),  # wrong party
        kit.claim("statement", "2024-01-03T13:00", actor="hamas"),
    ]  # an hour late
    row = kit.obligation(kit.state(spec, claims, "2024-01-04T00:00"), "list")
    assert (row["status"], row["party"]) == ("unmet", "hamas")
    on_time = [*claims, kit.claim("statement", "2024-01-03T11:00", actor="hamas")]
    assert kit.obligation(kit.state(spec, on_time, "2024-01-04T00:00"), "list")["status"] == "met"


def test_within_a_span_of_opening(kit: Any) -> None:
    seven = {
        "id": "seven",
        "kind": "quota",
        "phase": "one",
        "party": "hamas",
        "subject": "hostages",
        "at_least": 7,
    }
    crossing = {
        "id": "crossing",
        "kind": "deadline",
        "phase": "one",
        "party": "israel",
        "match": {"type": "withdrawal"},
        "opens_after": "seven",
        "by": {"within": {"days": 1}},
    }
    spec = kit.spec([seven, crossing], phases=PHASE_ONE)
    withdrawal = kit.claim("withdrawal", "2024-01-02T09:00", actor="israel")  # before it opens
    releases = [
        kit.release("hamas", 3, "2024-01-01T10:00"),
        kit.release("hamas", 4, "2024-01-03T10:00"),
    ]  # 7 reached: opens 10:00 Jan 3
    closed = kit.obligation(kit.state(spec, [withdrawal], "2024-01-02T12:00"), "crossing")
    assert closed["status"] == "inactive"
    claims = [withdrawal, *releases, kit.claim("withdrawal", "2024-01-04T09:00", actor="israel")]
    row = kit.obligation(kit.state(spec, claims, "2024-01-05T00:00"), "crossing")
    # 10:00 Jan 3 + 1 day = 10:00 Jan 4; the withdrawal came at 09:00.
    assert (row["starts_at"], row["ends_at"]) == (
        "2024-01-03T10:00:00+00:00",
        "2024-01-04T10:00:00+00:00",
    )
    assert (row["status"], row["met_at"]) == ("met", "2024-01-04T09:00:00+00:00")
    late = [withdrawal, *releases, kit.claim("withdrawal", "2024-01-04T11:00", actor="israel")]
    # The withdrawal of Jan 2 came before the term opened and does not count.
    assert (
        kit.obligation(kit.state(spec, late, "2024-01-05T00:00"), "crossing")["status"] == "unmet"
    )


def test_a_report_of_none_never_meets_a_deadline_and_is_a_record(kit: Any) -> None:
    """ "None of the five positions was vacated" is a withdrawal claim of 0: it is not the
    withdrawal, and past the deadline it makes the verdict `unmet`, not `no_record`."""
    term = {
        "id": "pullback",
        "kind": "deadline",
        "party": "israel",
        "match": {"type": "withdrawal"},
        "by": {"at": "2024-01-05T00:00"},
    }
    spec = kit.spec([term])
    none = [kit.claim("withdrawal", "2024-01-03T10:00", actor="israel", quantity=0)]
    row = kit.obligation(kit.state(spec, none, "2024-01-06T00:00"), "pullback")
    assert row["status"] == "unmet" and row["met_at"] is None
    assert "a source reports none" in row["explanation"]
    assert kit.obligation(kit.state(spec, [], "2024-01-06T00:00"), "pullback")["status"] == (
        "no_record"
    )
    done = [*none, kit.claim("withdrawal", "2024-01-04T10:00", actor="israel", quantity=3)]
    row = kit.obligation(kit.state(spec, done, "2024-01-06T00:00"), "pullback")
    assert (row["status"], row["met_at"]) == ("met", "2024-01-04T10:00:00+00:00")

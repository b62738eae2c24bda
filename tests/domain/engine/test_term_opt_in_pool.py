"""Opt-ins by a deadline, and pools of eligible people with an objection window."""

from __future__ import annotations

from typing import Any


def test_opt_in_by_deadline(kit: Any) -> None:
    term = {
        "id": "join",
        "kind": "opt_in",
        "parties": ["israel", "hamas"],
        "by": {"at": "2024-01-01T05:00"},
    }
    spec = kit.spec([term])
    claims = [
        kit.claim("statement", "2023-12-31T20:00", actor="israel", categories=["opt-in"]),
        kit.claim("statement", "2024-01-01T04:00", actor="hamas"),  # not an acceptance
        kit.claim("statement", "2024-01-01T06:00", actor="hamas", categories=["opt-in"]),  # late
    ]
    before = kit.state(spec, claims, "2024-01-01T00:00")
    assert kit.statuses(before, "join") == ["met", "in_progress"]
    after = kit.state(spec, claims, "2024-01-02T00:00")
    assert kit.statuses(after, "join") == ["met", "unmet"]
    assert kit.obligation(after, "join/israel")["met_at"] == "2023-12-31T20:00:00+00:00"


POOL = {
    "id": "list",
    "kind": "pool",
    "party": "israel",
    "subject": "prisoners",
    "size": 300,
    "published": "2024-01-01T00:00",
    "objection_window": {"hours": 24},
}


def test_pool_release_before_objection_window_closes(kit: Any) -> None:
    spec = kit.spec([POOL])
    # The window closes 24 hours after publication: 00:00 Jan 2.
    early = [kit.release("israel", 39, "2024-01-01T20:00")]
    row = kit.obligation(kit.state(spec, early, "2024-01-02T00:00"), "list")
    assert (row["status"], row["starts_at"]) == ("violated", "2024-01-02T00:00:00+00:00")
    ok = [
        kit.release("israel", 39, "2024-01-02T20:00"),
        kit.release("israel", 39, "2024-01-03T20:00"),
    ]
    row = kit.obligation(kit.state(spec, ok, "2024-01-04T00:00"), "list")
    # The pool's size is a ceiling, not a debt: nothing is "due" from it.
    assert (row["status"], row["due"], row["limit"], row["delivered"]) == (
        "in_progress",
        None,
        300,
        78,
    )
    assert kit.obligation(kit.state(spec, ok, "2024-01-06T00:00"), "list")["status"] == "met"


def test_pool_overdrawn(kit: Any) -> None:
    spec = kit.spec([POOL])
    claims = [
        kit.release("israel", 200, "2024-01-02T20:00"),
        kit.release("israel", 101, "2024-01-03T20:00"),
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-04T00:00"), "list")
    # 200 + 101 = 301 released from a list of 300.
    assert (row["status"], row["delivered"]) == ("violated", 301)


def test_disputed_figure_that_overdraws_the_pool(kit: Any) -> None:
    spec = kit.spec([POOL])
    claims = [
        kit.release("israel", 290, "2024-01-02T20:00", event_id="batch", sources=[{"outlet": "A"}]),
        kit.release("israel", 310, "2024-01-02T20:00", event_id="batch", sources=[{"outlet": "B"}]),
    ]
    s = kit.state(spec, claims, "2024-01-04T00:00")
    # 290 leads (the lower of two equal claims) and fits the list of 300; 310 would overdraw it.
    assert kit.obligation(s, "list")["status"] == "in_progress"
    [dispute] = s["disputes"]
    assert dispute["verdict_differs"] is True
    assert dispute["verdicts"] == [
        {"id": "list", "by_reading": {"290": "in_progress", "310": "violated"}},
    ]
    assert kit.obligation(s, "list")["disputed"] is True

"""Phases that start on a ceasefire_start claim, and agreements ended early by a ceasefire_end."""

from __future__ import annotations

from typing import Any

ON_EVENT = [{"id": "pause", "start": {"on_event": "ceasefire_start"}, "duration": {"days": 3}}]
DAILY = {
    "id": "daily",
    "kind": "quota",
    "phase": "pause",
    "party": "hamas",
    "subject": "hostages",
    "at_least": 10,
    "per": "day",
}


def test_start_on_event(kit: Any) -> None:
    spec = kit.spec([DAILY], phases=ON_EVENT)
    start = kit.claim("ceasefire_start", "2024-01-01T10:00", actor="qatar")
    waiting = kit.state(spec, [], "2024-01-01T12:00")
    assert (waiting["state"], waiting["starts_at"], waiting["day"]) == ("pending", None, None)
    assert kit.statuses(waiting, "daily") == ["inactive"]
    s = kit.state(spec, [start], "2024-01-02T11:00")
    # Day 2 runs 10:00 Jan 2 to 10:00 Jan 3; the pause ends 10:00 Jan 4.
    assert (s["state"], s["day"], s["starts_at"]) == ("active", 2, "2024-01-01T10:00:00+00:00")
    assert s["ends_at"] == "2024-01-04T10:00:00+00:00"


def test_early_end(kit: Any) -> None:
    spec = kit.spec([DAILY], phases=ON_EVENT)
    claims = [
        kit.claim("ceasefire_start", "2024-01-01T10:00", actor="qatar"),
        kit.release("hamas", 10, "2024-01-01T16:00"),
        kit.release("hamas", 4, "2024-01-02T12:00"),
        kit.claim("ceasefire_end", "2024-01-02T15:00", actor="israel", event_id="collapse"),
    ]
    still = kit.state(spec, claims, "2024-01-02T14:00")
    assert (still["state"], still["ended_by"]) == ("active", None)
    s = kit.state(spec, claims, "2024-01-02T16:00")
    assert (s["state"], s["phase"], s["day"]) == ("ended", None, None)
    assert (s["ends_at"], s["ended_by"]) == ("2024-01-02T15:00:00+00:00", "collapse")
    # Day 2 is cut short at 15:00 with 4 of 10; there is no day 3.
    rows = [o for o in s["obligations"] if o["term"] == "daily"]
    assert [(o["period"], o["delivered"], o["status"]) for o in rows] == [
        ("day 1", 10, "met"),
        ("day 2", 4, "unmet"),
    ]
    assert rows[1]["ends_at"] == "2024-01-02T15:00:00+00:00"
    # 10:00 Jan 1 to 15:00 Jan 2: 29 hours.
    assert s["days_total"] == round(29 / 24, 3)

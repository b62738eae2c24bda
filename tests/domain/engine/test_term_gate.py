"""Gates: a phase starts only once the terms it requires are met, at the instant they are."""

from __future__ import annotations

from typing import Any

PHASES = [
    {"id": "p1", "start": {"at": "2024-01-01T00:00"}, "duration": {"days": 2}},
    {"id": "p2", "start": {"after": "p1"}, "duration": {"days": 3}},
]
WOMEN = {
    "id": "women",
    "kind": "quota",
    "party": "hamas",
    "subject": "hostages",
    "categories": ["women"],
    "at_least": 10,
}
GATE = {"id": "to-p2", "kind": "gate", "phase": "p2", "requires": ["women"]}


def _phase(state: dict[str, Any], phase_id: str) -> dict[str, Any]:
    return next(p for p in state["phases"] if p["id"] == phase_id)


def test_met_during_phase_one_starts_phase_two_at_its_end(kit: Any) -> None:
    spec = kit.spec([{**WOMEN, "phase": "p1"}, GATE], phases=PHASES)
    claims = [kit.release("hamas", 10, "2024-01-01T12:00", categories=["women"])]
    s = kit.state(spec, claims, "2024-01-03T01:00")
    assert (s["state"], s["phase"], s["phase_day"], s["day"]) == ("active", "p2", 1, 3)
    p2 = _phase(s, "p2")
    # p1 ends 00:00 Jan 3; p2 runs three days from there.
    assert (p2["starts_at"], p2["ends_at"]) == (
        "2024-01-03T00:00:00+00:00",
        "2024-01-06T00:00:00+00:00",
    )
    gate = kit.obligation(s, "to-p2")
    assert (gate["status"], gate["met_at"]) == ("met", "2024-01-01T12:00:00+00:00")


def test_unmet_condition_suspends_the_agreement(kit: Any) -> None:
    spec = kit.spec([{**WOMEN, "phase": "p1"}, GATE], phases=PHASES)
    claims = [kit.release("hamas", 9, "2024-01-01T12:00", categories=["women"])]
    s = kit.state(spec, claims, "2024-01-03T01:00")
    assert (s["state"], s["phase"], s["day"]) == ("suspended", None, None)
    assert _phase(s, "p2")["blocked_by"] == ["women"]
    assert _phase(s, "p2")["starts_at"] is None
    # p1 is over with 9 of 10: the condition can no longer be met, so the gate has failed
    # (it used to stay `in_progress` for ever).
    gate = kit.obligation(s, "to-p2")
    assert gate["status"] == "failed"
    assert "women can no longer be met" in gate["explanation"]
    assert s["ends_at"] == "2024-01-03T00:00:00+00:00"  # only p1 has a clock
    during = kit.state(spec, claims, "2024-01-02T12:00")
    assert kit.obligation(during, "to-p2")["status"] == "in_progress"


def test_condition_met_after_phase_one_starts_phase_two_then(kit: Any) -> None:
    # The condition belongs to no phase: a handover late after p1 expired still opens p2.
    spec = kit.spec([WOMEN, GATE], phases=PHASES)
    claims = [
        kit.release("hamas", 4, "2024-01-01T12:00", categories=["women"]),
        kit.release("hamas", 6, "2024-01-04T10:00", categories=["women"]),
    ]
    waiting = kit.state(spec, claims, "2024-01-04T09:00")
    assert waiting["state"] == "suspended"
    s = kit.state(spec, claims, "2024-01-04T11:00")
    assert (s["state"], s["phase"], s["phase_day"]) == ("active", "p2", 1)
    p2 = _phase(s, "p2")
    # 4 + 6 = 10 reached at 10:00 Jan 4: p2 runs three days from that instant.
    assert (p2["starts_at"], p2["ends_at"]) == (
        "2024-01-04T10:00:00+00:00",
        "2024-01-07T10:00:00+00:00",
    )
    assert p2["blocked_by"] == []
    assert kit.obligation(s, "women")["status"] == "met"


def test_every_required_term_must_be_met(kit: Any) -> None:
    aid = {
        "id": "aid",
        "kind": "quota",
        "phase": "p1",
        "party": "israel",
        "subject": "aid-trucks",
        "type": "aid_delivery",
        "at_least": 100,
    }
    gate = {**GATE, "requires": ["women", "aid"]}
    spec = kit.spec([{**WOMEN, "phase": "p1"}, aid, gate], phases=PHASES)
    claims = [kit.release("hamas", 10, "2024-01-01T12:00", categories=["women"])]
    s = kit.state(spec, claims, "2024-01-03T01:00")
    assert (s["state"], _phase(s, "p2")["blocked_by"]) == ("suspended", ["aid"])
    trucks = kit.claim(
        "aid_delivery", "2024-01-02T20:00", actor="israel", subject="aid-trucks", quantity=100
    )
    s = kit.state(spec, [*claims, trucks], "2024-01-03T01:00")
    assert (s["state"], s["phase"]) == ("active", "p2")

"""`no_record`, `unmet`, `failed`, `undetermined`, `in_progress`: one vocabulary for every kind.

The same situations, put to a quota, a ratio, a deadline, a gate and an order term at once, must
read the same way (docs/status.md, "What a verdict says"):

- the window closed with nothing of the act on record: `no_record` (a gate whose condition is
  `no_record` can no longer open: `failed`);
- the window closed with part of it on record (a short count, or the act only after the
  deadline): `unmet` (the gate: `failed`; an order with one kind of event only was kept);
- the window still open with nothing on record: `in_progress`; not open yet: `upcoming`;
- the window closed with the act dated only to a day that straddles its end: `undetermined`
  (the gate too: it may or may not open). An order places loose dates at their middle, so it has
  no such case.
"""

from __future__ import annotations

from typing import Any

import pytest

PHASES = [
    {"id": "pause", "start": {"at": "2024-01-01T12:00"}, "duration": {"days": 2}},
    {"id": "two", "start": {"after": "pause"}, "duration": {"days": 2}},
]
CHILDREN = {"party": "hamas", "subject": "hostages", "categories": ["children"]}
TERMS: list[dict[str, Any]] = [
    {"id": "quota", "kind": "quota", "phase": "pause", "party": "israel",
     "subject": "aid-trucks", "type": "aid_delivery", "at_least": 20},
    {"id": "ratio", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "prisoners", "per_unit_of": {"party": "hamas", "subject": "hostages"},
     "factor": 3},
    {"id": "deadline", "kind": "deadline", "phase": "pause", "match": {"type": "meeting"},
     "by": {"at": "2024-01-03T12:00"}},
    {"id": "gate", "kind": "gate", "phase": "two", "requires": ["quota"]},
    {"id": "order", "kind": "order", "phase": "pause",
     "first": {**CHILDREN, "categories": ["women"]}, "then": CHILDREN},
]  # fmt: skip
KINDS = ["quota", "ratio", "deadline", "gate", "order"]
TABLE = {
    "closed, nothing recorded": ["no_record", "no_record", "no_record", "failed", "no_record"],
    "closed, part recorded": ["unmet", "unmet", "unmet", "failed", "met"],
    "open, nothing recorded": ["in_progress"] * 5,
    "closed, dated only to a straddling day": ["undetermined"] * 4 + [None],
    "not open yet": ["upcoming", "upcoming", "upcoming", "in_progress", "upcoming"],
}


def _record(kit: Any, situation: str) -> tuple[list[Any], str]:
    # Ten civilians freed on day 1 (the ratio's counterpart, none of the order's kinds): 30 owed.
    freed = kit.release("hamas", 10, "2024-01-01T18:00", categories=["civilian"])
    after = "2024-01-05T00:00"
    if situation == "closed, nothing recorded":
        return [freed], after
    if situation == "open, nothing recorded":
        return [freed], "2024-01-02T00:00"
    if situation == "not open yet":  # the gate waits for its quota, as it does while open
        return [freed], "2024-01-01T06:00"
    if situation == "closed, part recorded":
        return [
            freed,
            kit.claim("aid_delivery", "2024-01-02T09:00", actor="israel", subject="aid-trucks",
                      quantity=10),
            kit.release("israel", 5, "2024-01-02T10:00"),
            kit.claim("meeting", "2024-01-04T09:00"),  # after the deadline
            kit.release("hamas", 3, "2024-01-02T11:00", categories=["women"]),
        ], after  # fmt: skip
    # Everything due, dated only to 3 January: 00:00-24:00 straddles the end at 12:00.
    return [
        freed,
        kit.claim("aid_delivery", "2024-01-03", actor="israel", subject="aid-trucks",
                  quantity=20),
        kit.release("israel", 30, "2024-01-03"),
        kit.claim("meeting", "2024-01-03"),
    ], after  # fmt: skip


@pytest.mark.parametrize("situation", list(TABLE))
def test_one_situation_reads_the_same_for_every_kind(kit: Any, situation: str) -> None:
    spec = kit.spec(TERMS, phases=PHASES)
    claims, at = _record(kit, situation)
    state = kit.state(spec, claims, at)
    found = [kit.obligation(state, kind)["status"] for kind in KINDS]
    expected = TABLE[situation]
    assert [f if e is not None else None for f, e in zip(found, expected, strict=True)] == expected


def test_the_explanations_name_what_is_missing(kit: Any) -> None:
    spec = kit.spec(TERMS, phases=PHASES)
    claims, at = _record(kit, "closed, nothing recorded")
    state = kit.state(spec, claims, at)
    assert kit.obligation(state, "gate")["explanation"] == (
        "phase 'two' cannot start: quota can no longer be met"
    )
    assert kit.obligation(state, "order")["explanation"] == "neither kind of event was recorded"
    claims, at = _record(kit, "closed, dated only to a straddling day")
    state = kit.state(spec, claims, at)
    assert kit.obligation(state, "gate")["explanation"] == (
        "phase 'two' may or may not start: quota undetermined"
    )
    assert state["phases"][1]["blocked_by"] == ["quota"]

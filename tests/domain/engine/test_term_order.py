"""Order terms: every event of the earlier kind before any of the later kind."""

from __future__ import annotations

from typing import Any

LIVING_FIRST = {
    "id": "living-first",
    "kind": "order",
    "phase": "pause",
    "first": {"party": "hamas", "subject": "hostages", "categories": ["living"]},
    "then": {"party": "hamas", "subject": "hostages", "categories": ["deceased"]},
}


def test_in_order(kit: Any) -> None:
    spec = kit.spec([LIVING_FIRST])
    claims = [
        kit.release("hamas", 5, "2024-01-01T12:00", categories=["living"]),
        kit.release("hamas", 2, "2024-01-02T12:00", categories=["deceased"]),
    ]
    assert (
        kit.obligation(kit.state(spec, claims, "2024-01-03T00:00"), "living-first")["status"]
        == "in_progress"
    )
    assert (
        kit.obligation(kit.state(spec, claims, "2024-01-06T00:00"), "living-first")["status"]
        == "met"
    )


def test_later_kind_before_the_last_earlier_kind_is_a_violation(kit: Any) -> None:
    spec = kit.spec([LIVING_FIRST])
    claims = [
        kit.release("hamas", 5, "2024-01-01T12:00", categories=["living"]),
        kit.release("hamas", 2, "2024-01-02T12:00", categories=["deceased"]),
        kit.release("hamas", 3, "2024-01-03T12:00", categories=["living"]),
    ]
    s = kit.state(spec, claims, "2024-01-04T00:00")
    row = kit.obligation(s, "living-first")
    assert row["status"] == "violated"
    assert row["explanation"].startswith("1 event(s)")
    # The evidence names the early deceased release and the last living one.
    ids = {c.id for c in claims}
    assert set(kit.explanation(s, "living-first")["claims"]) == ids - {claims[0].id}

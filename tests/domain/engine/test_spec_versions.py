"""Spec versions judge from their `effective_from`: an amendment is not applied retroactively."""

from __future__ import annotations

from typing import Any

from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns

PHASE = [{"id": "one", "start": {"at": "2024-01-01T00:00"}, "duration": {"days": 60}}]


def _talks(by: str) -> dict[str, Any]:
    return {
        "id": "talks",
        "kind": "deadline",
        "phase": "one",
        "match": {"type": "meeting"},
        "by": {"date": by},
    }


def _state(kit: Any, versions: list[Any], claims: list[Any], at: str) -> dict[str, Any]:
    when = kit.when(at)
    state = evaluate(versions[-1], claims, when, versions)
    assert evaluate_columns(versions[-1], claims, when, versions) == state
    return state


def test_an_amendment_judges_only_from_its_effective_instant(kit: Any) -> None:
    first = kit.spec([_talks("2024-01-10")], phases=PHASE)
    # Version 2 moves the deadline to 18 February, agreed on 15 January.
    second = kit.spec([_talks("2024-02-18")], phases=PHASE, effective_from="2024-01-15T00:00")
    versions = [first, second]
    before = _state(kit, versions, [], "2024-01-12T00:00")
    row = kit.obligation(before, "talks")
    # Before 15 January the old terms judge: the 10 January deadline has passed, unmet.
    assert (row["ends_at"], row["status"]) == ("2024-01-11T00:00:00+00:00", "no_record")
    assert before["spec_version"] == 1
    assert before["judged_by"] == {"version": 1, "of": 2, "effective_from": None}
    after = _state(kit, versions, [], "2024-01-20T00:00")
    row = kit.obligation(after, "talks")
    assert (row["ends_at"], row["status"]) == ("2024-02-19T00:00:00+00:00", "in_progress")
    assert after["judged_by"] == {
        "version": 2,
        "of": 2,
        "effective_from": "2024-01-15T00:00:00+00:00",
    }


def test_a_version_without_effective_from_applies_retroactively(kit: Any) -> None:
    first = kit.spec([_talks("2024-01-10")], phases=PHASE)
    fixed = kit.spec([_talks("2024-02-18")], phases=PHASE)  # a correction of a typo
    state = _state(kit, [first, fixed], [], "2024-01-12T00:00")
    assert state["spec_version"] == 2
    assert kit.obligation(state, "talks")["ends_at"] == "2024-02-19T00:00:00+00:00"


def test_without_versions_the_spec_is_the_only_one(kit: Any) -> None:
    spec = kit.spec([_talks("2024-01-10")], phases=PHASE)
    state = kit.state(spec, [], "2024-01-12T00:00")
    assert state["spec_version"] == 1
    assert state["judged_by"] == {"version": 1, "of": 1, "effective_from": None}

"""What changed between two looks at an agreement's verdicts."""

from __future__ import annotations

from typing import Any

from truce.domain.changes import changes, digest


def _answer(**parts: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {"state": "active", "obligations": [], "breaches": [],
                              "extensions": [], "disputes": []}  # fmt: skip
    answer.update(parts)
    return answer


def _ob(oid: str, status: str) -> dict[str, Any]:
    return {"id": oid, "status": status, "explanation": f"{oid} is {status}"}


def _breach(eid: str) -> dict[str, Any]:
    return {"event_id": eid, "party": "a", "status": "alleged", "date": "2024-01-01T10:00+00:00",
            "clause": "no-fire"}  # fmt: skip


def test_a_verdict_turning_unmet_a_new_breach_extension_and_dispute_are_told() -> None:
    before = digest(_answer(obligations=[_ob("q/day-1", "in_progress")]))
    after = digest(
        _answer(
            state="ended",
            obligations=[_ob("q/day-1", "unmet")],
            breaches=[_breach("b1")],
            extensions=[{"term": "ext", "announced_days": 2}],
            disputes=[{"event_id": "e1", "type": "release",
                       "readings": [{"quantity": 8}, {"quantity": 10}]}],
        )
    )  # fmt: skip
    found = {(c.kind, c.key): c for c in changes(before, after)}
    assert set(found) == {
        ("state", "ended"),
        ("obligation_turned", "q/day-1:unmet"),
        ("breach_recorded", "b1"),
        ("extension_announced", "ext:2"),
        ("dispute_opened", "e1"),
    }
    assert found[("dispute_opened", "e1")].detail == "event e1: 8 vs 10"
    assert found[("obligation_turned", "q/day-1:unmet")].detail == "q/day-1 is unmet"


def test_the_same_answer_twice_tells_nothing_and_good_news_is_not_an_alert() -> None:
    answer = digest(_answer(obligations=[_ob("q", "unmet")], breaches=[_breach("b1")]))
    assert changes(answer, answer) == []
    met = digest(_answer(obligations=[_ob("q", "met")]))
    assert changes(digest(_answer(obligations=[_ob("q", "in_progress")])), met) == []


def test_the_first_look_tells_only_what_is_already_wrong() -> None:
    first = digest(_answer(obligations=[_ob("q1", "met"), _ob("q2", "violated")]))
    assert [(c.kind, c.key) for c in changes(None, first)] == [("obligation_turned", "q2:violated")]

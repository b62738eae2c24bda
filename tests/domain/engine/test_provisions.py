"""Declared provisions in the engine: claims of a declared type are counted by the terms that
name it, on both ways in (`kit.state` holds the object and column paths equal), and a
statement's figure is never counted as a delivery.

The test pause starts 2024-01-01 07:00 UTC for four days: day N runs 07:00 Jan N to 07:00 Jan N+1.
"""

from __future__ import annotations

from typing import Any

PROVISIONS = [
    {
        "id": "deployment",
        "label": "Deployment of the Lebanese Armed Forces south of the Litani",
        "pax_category": "Security sector: withdrawal of foreign forces",
        "plover": "MOBILIZE",
        "cameo": "0861",
    },
    {"id": "monitoring-meeting", "label": "meeting of the monitors", "counts": "occurrence"},
]
SUBJECTS = [{"id": "troops"}, {"id": "hostages"}, {"id": "prisoners"}]
DEPLOY = {
    "id": "five-thousand",
    "kind": "quota",
    "phase": "pause",
    "party": "israel",
    "subject": "troops",
    "type": "deployment",
    "at_least": 5000,
    "by": {"day": 3},
}


def _spec(kit: Any, terms: list[dict[str, Any]]) -> Any:
    return kit.spec(terms, provisions=PROVISIONS, subjects=SUBJECTS)


def test_a_pledge_recorded_as_a_statement_is_not_a_deployment(kit: Any) -> None:
    spec = _spec(kit, [DEPLOY])
    pledge = kit.claim(
        "statement", "2024-01-01T12:00", actor="israel", subject="troops", quantity=5000
    )
    state = kit.state(spec, [pledge], "2024-01-04T08:00")
    verdict = kit.obligation(state, "five-thousand")
    # 5,000 pledged, none deployed: the deadline (end of day 3) passed with nothing on record.
    assert (verdict["delivered"], verdict["status"]) == (0, "no_record")

    deployed = kit.claim(
        "deployment", "2024-01-02T12:00", actor="israel", subject="troops", quantity=5000
    )
    state = kit.state(spec, [pledge, deployed], "2024-01-04T08:00")
    verdict = kit.obligation(state, "five-thousand")
    assert (verdict["delivered"], verdict["status"]) == (5000, "met")
    assert verdict["met_at"] == "2024-01-02T12:00:00+00:00"


def test_part_of_a_deployment_counts_towards_its_quota(kit: Any) -> None:
    spec = _spec(kit, [DEPLOY])
    claims = [
        kit.claim("deployment", "2024-01-01T12:00", actor="israel", subject="troops", quantity=n)
        for n in (1500, 1000)
    ]
    verdict = kit.obligation(kit.state(spec, claims, "2024-01-04T08:00"), "five-thousand")
    assert (verdict["delivered"], verdict["balance"], verdict["status"]) == (2500, -2500, "unmet")


def test_a_deadline_on_a_declared_occurrence(kit: Any) -> None:
    term = {
        "id": "monitors-meet",
        "kind": "deadline",
        "phase": "pause",
        "match": {"type": "monitoring-meeting"},
        "by": {"day": 2},
    }
    spec = _spec(kit, [term])
    # A plain meeting is not the monitoring meeting the term asks for.
    other = kit.claim("meeting", "2024-01-01T12:00", actor="qatar")
    verdict = kit.obligation(kit.state(spec, [other], "2024-01-03T08:00"), "monitors-meet")
    assert verdict["status"] == "no_record"
    held = kit.claim("monitoring-meeting", "2024-01-02T09:00", actor="qatar")
    verdict = kit.obligation(kit.state(spec, [other, held], "2024-01-03T08:00"), "monitors-meet")
    assert verdict["status"] == "met"


def test_declared_types_are_listed_in_the_timeline_and_disputes(kit: Any) -> None:
    spec = _spec(kit, [DEPLOY])
    claims = [
        kit.claim(
            "deployment",
            "2024-01-02T12:00",
            actor="israel",
            subject="troops",
            quantity=q,
            event_id="lebanese-army-south",
            sources=[{"outlet": outlet}],
        )
        for q, outlet in ((5000, "Wire A"), (3000, "Wire B"))
    ]
    state = kit.state(spec, claims, "2024-01-04T08:00")
    disputes = state["disputes"]
    assert [(d["event_id"], d["type"]) for d in disputes] == [("lebanese-army-south", "deployment")]

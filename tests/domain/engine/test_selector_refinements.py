"""Selectors that say what they mean: place, participants and topic, on deadline and counted
terms, by both ways in (`kit.state` holds the object and column paths equal).

The test pause starts 2024-01-01 07:00 UTC for four days: day N runs 07:00 Jan N to 07:00 Jan N+1.
"""

from __future__ import annotations

from typing import Any

AT = "2024-01-03T08:00"


def _deadline(match: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "talks",
        "kind": "deadline",
        "phase": "pause",
        "match": {"type": "meeting", **match},
        "by": {"day": 2},
    }


def _status(kit: Any, match: dict[str, Any], claims: list[Any]) -> str:
    spec = kit.spec([_deadline(match)])
    return str(kit.obligation(kit.state(spec, claims, AT), "talks")["status"])


def test_location_matches_the_text_or_the_resolved_place(kit: Any) -> None:
    in_doha = kit.claim("meeting", "2024-01-01T12:00", actor="qatar", location="Doha, Qatar")
    in_cairo = kit.claim(
        "meeting",
        "2024-01-01T12:00",
        actor="qatar",
        extra={"place": {"name": "Cairo", "admin1": "EG.11", "country": "EGY"}},
    )
    assert _status(kit, {"location": ["doha"]}, [in_cairo]) == "no_record"
    assert _status(kit, {"location": ["doha"]}, [in_cairo, in_doha]) == "met"
    # The structured place: by name, admin1 code or ISO3 country, whole values, any case.
    assert _status(kit, {"location": ["egy"]}, [in_cairo]) == "met"
    assert _status(kit, {"location": ["EG.11"]}, [in_cairo]) == "met"
    assert _status(kit, {"location": ["cair"]}, [in_cairo]) == "no_record"


def test_participants_must_all_be_actor_or_target(kit: Any) -> None:
    alone = kit.claim("meeting", "2024-01-01T12:00", actor="qatar", target="hamas")
    both = kit.claim("meeting", "2024-01-01T13:00", actor="israel", target="qatar")
    assert _status(kit, {"participants": ["israel", "qatar"]}, [alone]) == "no_record"
    assert _status(kit, {"participants": ["israel", "qatar"]}, [alone, both]) == "met"
    assert _status(kit, {"participants": ["hamas"]}, [alone]) == "met"


def test_topic_is_a_keyword_in_subject_notes_or_quote(kit: Any) -> None:
    other = kit.claim("meeting", "2024-01-01T12:00", actor="qatar", notes="talks on fuel")
    quoted = kit.claim(
        "meeting", "2024-01-01T14:00", actor="qatar", quote="We discussed the Second Phase."
    )
    assert _status(kit, {"topic": ["second phase", "phase two"]}, [other]) == "no_record"
    assert _status(kit, {"topic": ["second phase", "phase two"]}, [other, quoted]) == "met"
    assert _status(kit, {"topic": ["FUEL"]}, [other]) == "met"


def test_every_refinement_given_must_hold(kit: Any) -> None:
    match = {"location": ["doha"], "participants": ["israel"], "topic": ["second phase"]}
    near = kit.claim(
        "meeting", "2024-01-01T12:00", actor="israel", location="Doha", notes="on fuel"
    )
    assert _status(kit, match, [near]) == "no_record"
    held = kit.claim(
        "meeting", "2024-01-01T15:00", actor="israel", location="Doha", notes="second phase"
    )
    assert _status(kit, match, [near, held]) == "met"


def test_a_quota_counts_only_deliveries_in_its_place(kit: Any) -> None:
    term = {
        "id": "north",
        "kind": "quota",
        "phase": "pause",
        "party": "israel",
        "subject": "aid-trucks",
        "type": "aid_delivery",
        "at_least": 100,
        "by": {"day": 2},
        "location": ["north gaza", "gaza city"],
    }
    spec = kit.spec([term])

    def trucks(n: int, where: str) -> Any:
        return kit.claim(
            "aid_delivery",
            "2024-01-01T12:00",
            actor="israel",
            subject="aid-trucks",
            quantity=n,
            location=where,
        )

    claims = [trucks(80, "Rafah"), trucks(60, "North Gaza"), trucks(30, "Gaza City, Rimal")]
    verdict = kit.obligation(kit.state(spec, claims, AT), "north")
    assert (verdict["delivered"], verdict["status"]) == (90, "unmet")


def test_a_loose_date_in_the_place_is_undecided_on_both_paths(kit: Any) -> None:
    term = {**_deadline({"location": ["doha"]}), "by": {"at": "2024-01-02T12:00"}}
    spec = kit.spec([term])
    # Dated to the day of the deadline: it may have come before noon or after.
    loose = kit.claim("meeting", "2024-01-02", actor="qatar", location="Doha")
    elsewhere = kit.claim("meeting", "2024-01-02", actor="qatar", location="Cairo")
    state = kit.state(spec, [loose, elsewhere], "2024-01-03T08:00")
    verdict = kit.obligation(state, "talks")
    assert verdict["status"] == "undetermined"
    # Only the meeting in Doha is named as what may fall either side.
    assert loose.id in verdict["explanation"] and elsewhere.id not in verdict["explanation"]

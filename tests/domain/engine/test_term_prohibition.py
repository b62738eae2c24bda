"""Prohibitions: breaches by party, alleged or confirmed, in force or not."""

from __future__ import annotations

from typing import Any

NO_FIRE = {"id": "no-fire", "kind": "prohibition", "phase": "pause", "clause": "Art. 1"}


def _breach(kit: Any, actor: str, date: str, **fields: Any) -> Any:
    return kit.claim("breach", date, actor=actor, **fields)


def test_alleged_and_confirmed_by_party(kit: Any) -> None:
    spec = kit.spec([NO_FIRE], excluded=[{"id": "isis"}])
    claims = [
        _breach(kit, "israel", "2024-01-01T12:00", status="alleged"),
        # One event, two claims: the confirmation outranks the allegation.
        _breach(kit, "hamas", "2024-01-02T12:00", status="alleged", event_id="b2"),
        _breach(
            kit,
            "hamas",
            "2024-01-02T12:00",
            status="confirmed",
            event_id="b2",
            sources=[{"outlet": "UN monitors"}],
        ),
        _breach(kit, "hamas", "2023-12-31T12:00", status="confirmed"),  # before the pause
        _breach(kit, "isis", "2024-01-03T12:00", status="confirmed"),  # not a party
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    statuses = {o["party"]: o["status"] for o in s["obligations"]}
    # Parties omitted: every party of the agreement is bound.
    assert statuses == {"israel": "alleged", "hamas": "violated"}
    assert kit.obligation(s, "no-fire/hamas")["explanation"] == "1 confirmed breach(es) by hamas"
    rows = {(b["party"], b["date"][:10]): b for b in s["breaches"]}
    assert rows[("israel", "2024-01-01")]["clause"] == "no-fire"
    assert rows[("hamas", "2024-01-02")]["statuses"] == ["alleged", "confirmed"]
    # Outside the pause and outside the agreement: listed, but under no clause.
    assert rows[("hamas", "2023-12-31")]["clause"] is None
    assert (
        rows[("isis", "2024-01-03")]["clause"],
        rows[("isis", "2024-01-03")]["excluded_party"],
    ) == (
        None,
        True,
    )
    assert s["breaches_by_party"] == {
        "hamas": {"confirmed": 2},
        "isis": {"confirmed": 1},
        "israel": {"alleged": 1},
    }
    # Sources are listed best-attested first: the confirming monitors, then the allegation.
    assert kit.explanation(s, "breach/b2")["sources"] == ["UN monitors", "Test Wire"]


def test_limited_to_listed_parties_and_kinds(kit: Any) -> None:
    term = {**NO_FIRE, "parties": ["hamas"], "categories": ["rocket-fire"]}
    spec = kit.spec([term])
    claims = [
        _breach(kit, "hamas", "2024-01-01T12:00", categories=["armed-attack"]),
        _breach(kit, "israel", "2024-01-01T13:00", categories=["rocket-fire"]),
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    assert [(o["id"], o["status"]) for o in s["obligations"]] == [("no-fire/hamas", "met")]
    assert [b["clause"] for b in s["breaches"]] == [None, None]

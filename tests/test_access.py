"""The roles' rules, as pure functions."""

from __future__ import annotations

import pytest

from truce.access import Action, Forbidden, Principal, Role, RoleError, check_submission

PARTIES = {"israel", "hamas"}


@pytest.mark.parametrize("text", ["admin", "Mediator", "observer", "party:israel", "party:al-x"])
def test_roles_round_trip(text: str) -> None:
    assert str(Role.parse(text)) == text.lower()


@pytest.mark.parametrize("text", ["", "king", "party:", "party:Is Rael", "party:-x"])
def test_unknown_roles_are_refused_with_a_code(text: str) -> None:
    with pytest.raises(RoleError) as caught:
        Role.parse(text)
    assert caught.value.code == "U101"


def test_grants_grow_from_observer_to_admin() -> None:
    granted = {k: {a for a in Action if Role.parse(k).may(a)} for k in
               ("observer", "party:israel", "mediator", "admin")}  # fmt: skip
    assert granted["observer"] == {Action.READ}
    assert granted["observer"] < granted["party:israel"] < granted["mediator"] < granted["admin"]
    assert granted["admin"] == set(Action)


def test_a_party_submits_alleged_or_reported_in_its_own_name() -> None:
    who = Principal("desk", Role.parse("party:israel"))
    check_submission(who, {"agreement": "g", "status": "alleged"}, PARTIES)
    check_submission(who, {"agreement": "g", "sources": [{"outlet": "israel"}]}, PARTIES)
    with pytest.raises(Forbidden):
        check_submission(who, {"agreement": "g", "status": "confirmed"}, PARTIES)
    with pytest.raises(Forbidden):
        check_submission(who, {"agreement": "g", "sources": [{"speaker": "hamas"}]}, PARTIES)
    with pytest.raises(Forbidden):
        check_submission(who, {"agreement": "g"}, {"russia", "ukraine"})


def test_an_observer_submits_nothing_and_a_mediator_anything() -> None:
    with pytest.raises(Forbidden):
        check_submission(Principal("o", Role.parse("observer")), {}, PARTIES)
    mediator = Principal("m", Role.parse("mediator"))
    check_submission(mediator, {"status": "confirmed", "sources": [{"speaker": "x"}]}, set())

"""The roles' rules, as pure functions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.services.access import (
    Action,
    Forbidden,
    GradeRefused,
    Principal,
    Role,
    RoleError,
    SupersedeRefused,
    check_submission,
    check_supersede,
)

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
    assert granted["observer"] == {Action.READ, Action.READ_QUEUE}
    public = {a for a in Action if Role("public").may(a)}
    assert public == {Action.READ} < granted["observer"]
    with pytest.raises(RoleError):
        Role.parse("public")  # never a user's role: only an unsigned reader of a public record
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


def _claim(recorded_by: str | None, status: str = "reported", **changes: object) -> Claim:
    fields: dict[str, object] = {"agreement": "g", "type": "breach", "date": "2023-11-25",
                                 "status": status, **changes}  # fmt: skip
    return ClaimInput.model_validate(fields).to_claim(ZoneInfo("UTC"), recorded_by)


def test_a_party_supersedes_only_its_own_unruled_word() -> None:
    desk = Principal("desk", Role.parse("party:israel"))
    mine = _claim("desk")
    fix = _claim("desk", supersedes=mine.id, notes="fixed")
    check_supersede(desk, fix, mine, [])
    refusals = [
        (_claim("mediator"), []),  # someone else's
        (_claim("desk", "confirmed"), []),  # a verdict, even on its own event
        (mine, [_claim("mediator", "confirmed", supersedes=mine.id)]),  # ruled on since
        (None, []),  # not recorded (yet)
    ]
    for target, replaced_by in refusals:
        with pytest.raises(SupersedeRefused):
            check_supersede(desk, fix, target, replaced_by)


def test_mediators_supersede_anything_but_only_within_an_agreement() -> None:
    mediator = Principal("m", Role.parse("mediator"))
    confirmed = _claim("someone", "confirmed")
    check_supersede(mediator, _claim("m", supersedes=confirmed.id), confirmed, [])
    check_supersede(mediator, _claim("m", supersedes="c0"), None, [])
    elsewhere = _claim("m", supersedes=confirmed.id, agreement="h")
    with pytest.raises(SupersedeRefused):
        check_supersede(Principal("a", Role.parse("admin")), elsewhere, confirmed, [])


def test_only_mediators_grade() -> None:
    with pytest.raises(GradeRefused) as caught:
        check_submission(Principal("d", Role.parse("party:israel")), {"reliability": "A1"}, PARTIES)
    assert caught.value.code == "A421"
    check_submission(Principal("m", Role.parse("mediator")), {"reliability": "A1"}, PARTIES)

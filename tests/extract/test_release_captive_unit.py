"""A count released is of captives, named by whose they were (rule `release.captive_unit`);
sentences invented for the test."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _units(text: str) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for c in of_type("release", text) for q in c.quantities]


def test_a_states_release_of_people_or_servicemen_is_of_prisoners() -> None:
    assert _units("Ukraine released 195 people on Monday, the ministry said.") == [
        (195, "prisoners")
    ]
    assert _units("Russia returned 207 servicemen to Kyiv on Friday.") == [(207, "prisoners")]


def test_the_hostage_holding_groups_release_is_of_hostages() -> None:
    assert _units("Hamas released 12 people held in Gaza since the raid.") == [(12, "hostages")]


def test_the_dead_keep_their_unit() -> None:
    assert _units("Israel returned 45 Palestinian bodies to Gaza on Tuesday.") == [(45, "people")]


def test_both_halves_of_an_exchange_keep_their_own_units() -> None:
    text = "Hamas freed 12 hostages in exchange for 36 Palestinian prisoners."
    assert sorted(_units(text)) == [(12, "hostages"), (36, "prisoners")]


def test_the_rule_switched_off_keeps_the_words_unit() -> None:
    with switched_off(["release.captive_unit"]):
        assert _units("Ukraine released 195 people on Monday, the ministry said.") == [
            (195, "people")
        ]
        assert _units("Russia returned 207 servicemen to Kyiv on Friday.") == [(207, "soldiers")]

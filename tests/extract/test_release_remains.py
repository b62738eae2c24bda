"""Remains handed over are releases counted by the dead (rule `release.remains`); sentences
invented for the test."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _counts(text: str) -> list[tuple[str | None, float, str | None]]:
    return [
        (c.actor, c.quantities[0].value, c.quantities[0].unit)
        if c.quantities
        else (c.actor, 0, None)
        for c in of_type("release", text)
    ]


def test_the_remains_of_some_out_of_all_count_the_part_handed_over() -> None:
    text = "Islamic Jihad has handed over the remains of 12 out of 30 captives so far."
    assert _counts(text) == [("palestinian-islamic-jihad", 12.0, "hostages")]


def test_bodies_returned_by_count_are_a_release_of_people() -> None:
    text = "Israel returned 45 Palestinian bodies to Gaza on Monday."
    (found,) = of_type("release", text)
    assert (found.actor, found.quantities[0].value, found.quantities[0].unit) == (
        "israel",
        45.0,
        "people",
    )
    assert found.modality == "occurred"


def test_a_release_and_a_handover_of_remains_in_one_sentence_are_two_releases() -> None:
    text = "Hamas has freed 17 captives alive and handed over the remains of nine others."
    assert _counts(text) == [("hamas", 17.0, "hostages"), ("hamas", 9.0, "hostages")]


def test_the_remains_of_another_captive_are_one() -> None:
    text = "Hamas handed over the remains of another Israeli captive to the Red Cross on Tuesday."
    assert _counts(text) == [("hamas", 1.0, "hostages")]


def test_a_handover_noun_with_by_names_the_releasing_side() -> None:
    text = "The statement came after the handover of three hostages' remains by Hamas on Sunday."
    assert _counts(text) == [("hamas", 3.0, "hostages")]


def test_bodies_found_or_recovered_are_no_release() -> None:
    assert of_type("release", "Rescuers returned home to find 30 bodies under the rubble.") == []
    assert of_type("release", "Civil defence crews recovered 12 bodies from the ruins.") == []


def test_the_rule_switched_off_leaves_remains_unreleased() -> None:
    text = "Israel returned 45 Palestinian bodies to Gaza on Monday."
    with switched_off(["release.remains"]):
        assert of_type("release", text) == []


def test_a_handover_of_remains_wanted_as_a_condition_is_no_release() -> None:
    text = "Israel has tied the reopening of the crossing to the handover of all the remains."
    assert of_type("release", text) == []
    assert of_type("release", "The return of the hostages' bodies remains a key issue.") == []


def test_remains_a_ratio_sets_are_the_term_not_a_release() -> None:
    text = "For every hostage's body, Israel is to hand over the remains of 15 Palestinians."
    assert of_type("release", text) == []

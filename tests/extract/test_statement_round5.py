"""Round 5 of the statement rules (`statement_subjects`): more verbs of a party's stance, the
party's office between its name and the verb, and a stance in a participle after the party's
act. Sentences invented for the test."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The TPLF additionally alleged that federal troops were massing near the border.", "tplf"),
        (
            "Hamas spokesman Abu Obeida, in a televised address, stated the group's commitment.",
            "hamas",
        ),
        ("Getachew Reda, a TPLF spokesman, tweeted that the claims were invented.", "tplf"),
        (
            "Russia had previously requested Ukraine to pull its units back from the river.",
            "russia",
        ),
        ("Hezbollah promised to respect the pause in the south.", "hezbollah"),
    ],
)
def test_a_party_stating_alleging_or_promising_alone_in_its_sentence_is_a_statement(
    text: str, actor: str
) -> None:
    (found,) = of_type("statement", text)
    assert found.actor == actor
    with switched_off(["statement.more_verbs"]):
        assert of_type("statement", text) == []


def test_a_plain_verb_of_saying_beside_an_event_tells_the_event_and_takes_no_position() -> None:
    text = "The army stated that Hamas violated the ceasefire near Rafah on Monday."
    assert of_type("breach", text)
    assert of_type("statement", text) == []


@pytest.mark.parametrize(
    ("text", "actor", "speaker"),
    [
        # "had previously" after the office is no holder's name: the verb after it is read.
        (
            "The US State Department had previously requested Syria to pull back.",
            "united-states",
            "US",
        ),
        ("M23 negotiator Jean Mutombo rejected the draft on Friday.", "m23", "M23"),
    ],
)
def test_a_party_s_office_between_its_name_and_its_stance_verb(
    text: str, actor: str, speaker: str
) -> None:
    (found,) = of_type("statement", text)
    assert (found.actor, found.source.speaker) == (actor, speaker)
    with switched_off(["statement.office_subject"]):
        assert of_type("statement", text) == []


def test_an_office_with_no_stance_verb_after_it_makes_no_statement() -> None:
    assert of_type("statement", "A Hamas spokesman arrived in Cairo on Monday.") == []
    assert of_type("statement", "M23 negotiator Jean Mutombo travelled to Doha on Friday.") == []


def test_a_pledge_in_a_participle_after_a_declared_truce_is_a_planned_statement() -> None:
    text = "The RSF declared a three-month truce, pledging to protect aid convoys."
    assert of_type("ceasefire_start", text)
    (found,) = of_type("statement", text)
    assert (found.actor, found.modality) == ("rapid-support-forces", "planned")
    with switched_off(["statement.participle"]):
        assert of_type("statement", text) == []


def test_a_demand_in_a_participle_after_a_release_is_an_occurred_statement() -> None:
    text = "Hamas freed three hostages on Saturday, urging Israel to release more prisoners."
    assert of_type("release", text)
    (found,) = of_type("statement", text)
    assert (found.actor, found.modality) == ("hamas", "occurred")


def test_a_participle_with_no_party_before_it_makes_no_statement() -> None:
    text = (
        "Three hostages were freed on Saturday, raising hopes of a longer truce, pledging nothing."
    )
    assert of_type("statement", text) == []
    # A participle that is no stance ("raising hopes") makes none either.
    assert of_type("statement", "Hamas freed three hostages, raising hopes of more.") == []

"""Round 6 (`exspeak`): speakers no list knows, their role as the sentence gives it and the
party that role names. Names and sentences invented for the test."""

from __future__ import annotations

import pytest

from tests.extract.attributed import sources
from tests.extract.invented import of_type
from truce.extract.components.speaker_roles import (
    office_party,
    relative_role,
    role_after,
    titled_name,
)
from truce.extract.switches import switched_off


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            "The truce must hold, said Tarek Wannous, a spokesman for the Libyan National Army.",
            "Tarek Wannous",
            "a spokesman for the Libyan National Army",
        ),
        (
            "Tarek Wannous, who heads the Libyan presidential council, said the deal would hold.",
            "Tarek Wannous",
            "head of the Libyan presidential council",
        ),
        (
            "According to Tarek Wannous, the army's chief negotiator, the pause will be extended.",
            "Tarek Wannous",
            "army's chief negotiator",
        ),
    ],
)
def test_a_person_s_role_is_read_from_the_appositive_or_relative_clause_after_the_name(
    text: str, speaker: str, role: str
) -> None:
    (found,) = sources(text)
    assert (found.speaker, found.role) == (speaker, role)
    with switched_off(["speaker.appositive"]):
        (found,) = sources(text)
        assert found.speaker == speaker and found.role is None


def test_an_appositive_that_is_no_role_gives_none() -> None:
    assert role_after(", a father of three, said", 0) is None
    assert role_after("Tarek Wannous, who lives in the town, said", 13) is None
    assert relative_role(" who leads the Northern Front") == "leader of the Northern Front"


@pytest.mark.parametrize(
    ("phrase", "party"),
    [
        ("Syrian Interior Minister Tarek Wannous", "syria"),
        ("the Syrian interior ministry's spokesman", "syria"),
        ("a Syrian shopkeeper", None),
        ("Syrian-born writer", None),
    ],
)
def test_a_nationality_names_a_party_only_when_it_qualifies_an_office(
    phrase: str, party: str | None
) -> None:
    assert office_party(phrase) == party
    with switched_off(["speaker.office_demonym"]):
        assert office_party(phrase) is None


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Syrian Interior Minister Tarek Wannous said the army would respect the truce.", "syria"),
        (
            "Tarek Wannous, the Syrian interior ministry's spokesman, said calm held in the south.",
            "syria",
        ),
        (
            "The truce must hold, said Tarek Wannous, a spokesman for the Libyan National Army.",
            "libya-lna",
        ),
    ],
)
def test_an_unlisted_person_speaking_for_a_party_makes_that_party_s_statement(
    text: str, actor: str
) -> None:
    (found,) = of_type("statement", text)
    assert found.actor == actor
    assert found.source.speaker == "Tarek Wannous"
    with switched_off(["speaker.office_demonym", "speaker.appositive"]):
        assert [c.actor for c in of_type("statement", text)] in ([], [None])


def test_a_person_whose_role_names_no_party_makes_no_statement() -> None:
    assert of_type("statement", "Tarek Wannous, a Syrian shopkeeper, said calm held.") == []
    assert of_type("statement", "Tarek Wannous said the truce would be respected.") == []


def test_a_surname_alone_keeps_the_title_the_text_gave_the_full_name() -> None:
    text = (
        "Syrian Interior Minister Tarek Wannous met the envoys on Monday. "
        "Wannous said the army would respect the truce."
    )
    (found,) = of_type("statement", text)
    assert (found.actor, found.source.speaker) == ("syria", "Tarek Wannous")
    assert found.source.role == "Syrian Interior Minister"
    with switched_off(["speaker.named_before"]):
        assert of_type("statement", text) == []


def test_a_titled_name_is_found_where_the_text_gives_it() -> None:
    text = "Talks went on. Syrian Interior Minister Tarek Wannous arrived. Wannous spoke."
    assert titled_name(text, "Wannous") == ("Tarek Wannous", "Syrian Interior Minister")
    assert titled_name("Wannous spoke. Then Wannous left.", "Wannous") is None


def test_anonymous_officials_stay_anonymous() -> None:
    (found,) = sources("Syrian officials said the truce would be respected.")
    assert found.anonymous and found.speaker is None


def test_an_official_with_no_party_given_makes_a_statement_with_no_actor() -> None:
    text = "Interior Minister Tarek Wannous said the truce would be respected in the south."
    (found,) = of_type("statement", text)
    assert found.actor is None
    assert (found.source.speaker, found.source.role) == ("Tarek Wannous", "Interior Minister")
    with switched_off(["statement.titled_person"]):
        assert of_type("statement", text) == []


def test_he_said_after_an_official_without_a_party_is_no_statement_of_its_own() -> None:
    text = (
        "Interior Minister Tarek Wannous spoke to reporters on Monday. "
        "“The families will travel together,” he said."
    )
    assert of_type("statement", text) == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("President Tarek Wannous, who has wide backing, condemned the raid on the town.", None),
        ("Defence Minister Tarek Wannous vowed to respect the truce.", None),
    ],
)
def test_an_unlisted_official_s_own_stance_verb_makes_a_statement(
    text: str, actor: str | None
) -> None:
    (found,) = of_type("statement", text)
    assert (found.actor, found.source.speaker) == (actor, "Tarek Wannous")
    with switched_off(["statement.titled_stance"]):
        assert of_type("statement", text) == []


def test_a_name_without_an_office_takes_no_stance_for_anyone() -> None:
    assert of_type("statement", "Tarek Wannous welcomed the truce.") == []

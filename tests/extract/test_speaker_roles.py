"""Round 6 (`exspeak`): speakers no list knows, the party a nationality qualifying their office
names, and an official whose party the sentence does not give. Names and sentences invented for
the test."""

from __future__ import annotations

import pytest

from tests.extract.attributed import sources
from tests.extract.invented import of_type
from truce.extract.components.speaker_roles import office_party, titled_person
from truce.extract.model import SourceRef
from truce.extract.switches import switched_off


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
    "text",
    [
        "Syrian Interior Minister Tarek Wannous said the army would respect the truce.",
        "Tarek Wannous, the Syrian interior ministry's spokesman, said calm held in the south.",
    ],
)
def test_an_unlisted_person_whose_office_is_a_state_s_makes_that_state_s_statement(
    text: str,
) -> None:
    (found,) = of_type("statement", text)
    assert (found.actor, found.source.speaker) == ("syria", "Tarek Wannous")
    with switched_off(["speaker.office_demonym"]):
        assert [c.actor for c in of_type("statement", text)] == [None]
    with switched_off(["speaker.office_demonym", "statement.titled_person"]):
        assert of_type("statement", text) == []


def test_a_person_whose_role_names_no_party_or_office_makes_no_statement() -> None:
    assert of_type("statement", "Tarek Wannous, a Syrian shopkeeper, said calm held.") == []
    assert of_type("statement", "Tarek Wannous said the truce would be respected.") == []


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
    named = SourceRef("Interior Minister Tarek Wannous")
    assert titled_person(named, "Interior Minister Tarek Wannous spoke.")
    assert not titled_person(named, "“The families will travel together,” he said.")


def test_a_role_beside_a_name_is_an_office_only_with_a_role_noun() -> None:
    sentence = "Tarek Wannous spoke."
    assert titled_person(SourceRef("Tarek Wannous", "the council's envoy"), sentence)
    assert not titled_person(SourceRef("Tarek Wannous", "a local trader"), sentence)
    assert not titled_person(SourceRef(None, "officials", True), sentence)


def test_anonymous_officials_stay_anonymous() -> None:
    (found,) = sources("Syrian officials said the truce would be respected.")
    assert found.anonymous and found.speaker is None
    assert of_type("statement", "Officials said the truce would be respected.") == []

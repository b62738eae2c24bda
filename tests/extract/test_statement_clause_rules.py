"""Statements read across sentences and from the document's sides (branch `exstmt2`): a
pronoun taking a position in a verb of its own speaks for the last speaker; "the army" of a
known pair is the government side. Sentences invented for the test; each rule switched off
gives the old reading."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _statements(text: str, off: str | None = None) -> list[tuple[str | None, str | None]]:
    with switched_off([off] if off else []):
        return [(c.actor, c.source.speaker) for c in of_type("statement", text)]


def test_a_pronoun_taking_a_position_speaks_for_the_last_speaker() -> None:
    text = (
        "Hamas said the talks in Cairo had stalled on Monday. "
        "It also called on the mediators to press Israel to open the crossings."
    )
    assert _statements(text) == [("hamas", "Hamas")]
    assert _statements(text, "attribution.pronoun_stance") == []


def test_a_person_vowing_after_speaking_of_an_event() -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskiy said Russia had released 90 prisoners on Friday. "
        "He vowed to keep pressing for the return of every one of them."
    )
    assert _statements(text) == [("ukraine", "Volodymyr Zelenskiy")]
    assert _statements(text, "attribution.pronoun_stance") == []


def test_a_new_position_opens_its_own_statement_not_the_turns_next_words() -> None:
    vowed = (
        "Ukrainian President Volodymyr Zelenskiy said the last swap went well. "
        "He vowed to keep pressing for the return of every prisoner of war."
    )
    assert len(_statements(vowed)) == 2
    assert len(_statements(vowed, "attribution.pronoun_stance")) == 1
    plain = (
        "Ukrainian President Volodymyr Zelenskiy said the last swap went well. "
        "He said more exchanges were being prepared."
    )
    assert len(_statements(plain)) == 1  # the turn's next words stay in the turn


def test_a_pronoun_with_no_stance_verb_is_left_alone() -> None:
    text = "Hamas said the talks in Cairo had stalled on Monday. It remained in Doha."
    assert _statements(text) == []


def test_the_army_of_a_known_pair_is_the_government_side() -> None:
    text = (
        "The Sudanese army and the RSF agreed to extend the truce by five days. "
        "The army conditioned any lasting truce on a full RSF withdrawal from the cities."
    )
    assert _statements(text) == [("sudanese-armed-forces", "The army")]
    assert _statements(text, "actors.army_by_context") == []


def test_the_army_of_a_known_pair_speaks_for_the_government_side() -> None:
    text = (
        "Myanmar's junta and the ethnic armed groups extended their truce until May. "
        "The military said it hoped the groups would keep to the deal."
    )
    assert [actor for actor, _ in _statements(text)] == ["myanmar-military"]
    assert _statements(text, "actors.army_by_context") == []


def test_the_army_names_no_one_where_no_known_pair_is_named() -> None:
    text = "Israel and Hamas agreed to a truce. The army said it had struck a launcher in Gaza."
    assert of_type("statement", text) == []

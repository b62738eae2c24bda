"""A sentence whose only cue is a stance verb of `statement_stances` is read (it was skipped
before any stance was looked for when no speech verb or trigger cued it); sentences invented
for the test."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def test_a_condition_set_on_any_truce_is_a_conditional_statement() -> None:
    for text in (
        "Hamas conditioned any truce on a full Israeli withdrawal from the city.",
        "The Houthis conditioned a truce on the lifting of the blockade.",
    ):
        (found,) = of_type("statement", text)
        assert found.modality == "conditional"
        assert found.actor in {"hamas", "houthis"}


def test_a_refusal_alone_in_its_sentence_is_a_statement() -> None:
    (found,) = of_type("statement", "Russia refused to endorse the proposed 30-day pause.")
    assert found.actor == "russia"


def test_parties_in_a_sentence_without_a_stance_verb_make_no_statement() -> None:
    assert of_type("statement", "The parties met in Doha on Tuesday evening.") == []


def test_the_stances_switched_off_give_no_statement() -> None:
    with switched_off(["statement.more_stances"]):
        assert of_type("statement", "Hamas conditioned any truce on a full withdrawal.") == []

"""Round 9, branch `exsplit2`: two events told in one sentence or one speaker's turn come out as
two candidates. `term.clause_provisions` (a deal's second provision in a clause of its own) and
`statement.turn_on_truce` (a speaker's next sentence on the truce, in another mood, is a
statement of its own). Invented sentences only."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off

# --- term.clause_provisions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # "while" and a new subject, the first provision with no term word of its own
        "The truce's first phase requires the rebels to pull back north of the river while the "
        "army is expected to leave the border towns.",
        # "and to" and a second verb after "agreed to"
        "The envoy said the parties agreed to a two-week truce and to allow fuel ships into "
        "the port of Marsa.",
        # "and that" after a speaker's word on the deal
        "The mediator said the deal is designed to be a lasting cessation of hostilities and "
        "that the militia has agreed to hand over its heavy weapons.",
        # "stating that" after a signed text
        "The two sides signed a declaration of principles stating that a final accord will be "
        "signed by May 1.",
    ],
)
def test_a_second_provision_in_a_clause_of_its_own_is_a_term(text: str) -> None:
    assert len(of_type("agreement_term", text)) == 2
    with switched_off(["term.clause_provisions"]):
        assert len(of_type("agreement_term", text)) < 2


@pytest.mark.parametrize(
    "text",
    [
        # a party's own words after "while" are its position, not the deal's
        "Arland and Borovia agreed to a truce on Monday, while Borovia said it would keep "
        "fighting in the north.",
        # "and that" opening no provision
        "Under the truce, the militia will hand over its heavy weapons, and that is why the "
        "talks resumed.",
        # "and to" with a verb that sets nothing
        "The sides agreed to a ceasefire and to meet again in Geneva next week.",
        # "while" before a participle, no new subject
        "The truce took effect on Monday while fighting continued in the north.",
        # a comma's "and" is no clause cue: what the deal will be is no second provision
        "The delegation head said that the agreement aims at ending the bloodshed, and will "
        "be the reason for lasting calm in the country.",
    ],
)
def test_a_clause_that_sets_nothing_is_no_second_term(text: str) -> None:
    found = len(of_type("agreement_term", text))
    assert found <= 1
    with switched_off(["term.clause_provisions"]):
        assert len(of_type("agreement_term", text)) == found


def test_a_second_infinitive_of_one_provision_stays_one_term() -> None:
    # Both parts carry a term word ("Under the accord", a withdrawal deadline): one provision
    # with two steps, kept with both counts.
    text = (
        "Under the accord, the two armies are to begin pulling their artillery back from the "
        "river no later than the third day and to complete the withdrawal within 20 days."
    )
    (term,) = of_type("agreement_term", text)
    assert [q.value for q in term.quantities] == [3.0, 20.0]


def test_the_cue_alone_names_no_deal() -> None:
    # No part of the sentence is a term by the rules before: the clauses give none.
    text = "Officials hoped the army would leave the town while the rebels would stay in the hills."
    assert of_type("agreement_term", text) == []


# --- statement.turn_on_truce ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah said its fighters had left the village on Tuesday. Hezbollah said it hoped "
        "the move would speed up the implementation of the agreement.",
        "The Sudanese army said its troops had left the market on Tuesday. The Sudanese army "
        "said it hoped the pullback would speed up the implementation of the agreement.",
        "Hamas said the first group of captives was ready. Hamas said it would keep to the "
        "ceasefire's terms in full.",
    ],
)
def test_a_speakers_next_sentence_on_the_truce_in_another_mood_is_its_own_statement(
    text: str,
) -> None:
    found = of_type("statement", text)
    assert len(found) == 2
    assert found[0].modality == "occurred" != found[1].modality
    with switched_off(["statement.turn_on_truce"]):
        assert len(of_type("statement", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the truce, but the same mood: the turn goes on
        "Hezbollah said its fighters had left the village on Tuesday. Hezbollah said the "
        "agreement was being carried out in full.",
        "Hezbollah said the truce was holding on Tuesday. Hezbollah said the truce was holding "
        "in the south as well.",
        # another mood, but not on the truce
        "Hezbollah said its fighters had left the village on Tuesday. Hezbollah said it hoped "
        "the rain would stop soon.",
    ],
)
def test_a_turn_on_one_matter_or_off_the_truce_stays_one_statement(text: str) -> None:
    assert len(of_type("statement", text)) == 1


def test_a_sentence_of_many_clauses_gives_at_most_one_term_each() -> None:
    # Break-it: a careless page repeating the cue; every part is looked at once.
    clause = " while the army will leave the town"
    text = "Under the truce, the rebels must leave the hills" + clause * 40 + "."
    found = of_type("agreement_term", text)
    assert 2 <= len(found) <= 41
    assert len({c.trigger for c in found}) == len(found)

"""Round 13, branch `extype`: the construction that tells a sentence's type. A speaker telling
what a deal sets is the deal's term, not a statement (`type.terms_told`); an accusation of a
violation is a breach, not a statement (`type.accusation_is_breach`); a truce taking effect,
with no party agreeing in the sentence, is the truce's start and no term
(`type.took_effect_is_start`). Invented sentences only: through the whole pipeline where its
rules read the sentence as a statement, and through `read_types` where only the learned path
would (its model is fitted on the real set)."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.components.type_constructions import read_types
from truce.extract.model import Candidate
from truce.extract.switches import switched_off


def _sentence(kind: str, text: str) -> Candidate:
    """A candidate of `kind` over the whole of `text`, as the learned path gives one."""
    return Candidate(type=kind, span=(0, len(text)), document="t", sentence_span=(0, len(text)))


# --- type.terms_told --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Neither side will fire on the other's positions along the river, Qatar said in its "
        "statement.",
        "Under the plan, neither side will target civilian ships, Egypt said in a statement on "
        "Sunday.",
        "Biden said that Israel has agreed to withdraw its forces from the area in 60 days.",
    ],
)
def test_a_speaker_telling_what_a_deal_sets_is_a_term(text: str) -> None:
    assert of_type("statement", text) == []
    assert len(of_type("agreement_term", text)) == 1
    with switched_off(["type.terms_told"]):
        assert len(of_type("statement", text)) == 1


def test_the_speaker_stays_the_terms_source() -> None:
    text = "Neither side will fire on the other's positions, Qatar said in its statement."
    (term,) = of_type("agreement_term", text)
    assert term.source.speaker == "Qatar"


@pytest.mark.parametrize(
    "text",
    [
        "The agreement stipulates that the militia must leave the valley, the envoy said.",
        "The foreign minister said the deal provides for the entry of 300 trucks a day.",
        "The ceasefire also called for the army to deploy along the southern border.",
    ],
)
def test_a_learned_statement_of_a_deals_content_is_a_term(text: str) -> None:
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "agreement_term"


@pytest.mark.parametrize(
    "text",
    [
        "Qatar's foreign ministry said the truce was holding and thanked the mediators.",
        "The UN envoy called for faster progress on other stipulations of the agreement.",
    ],
)
def test_a_speakers_position_stays_a_statement(text: str) -> None:
    assert len(of_type("statement", text)) == 1
    assert of_type("agreement_term", text) == []


# --- type.accusation_is_breach ----------------------------------------------------------------


def test_an_accusation_the_rules_read_as_a_statement_is_a_breach() -> None:
    text = (
        "The Yemeni foreign ministry claimed that armed militias loyal to the sheikh blocked "
        "the entry of the convoy."
    )
    assert of_type("statement", text) == []
    assert [b.modality for b in of_type("breach", text)] == ["occurred"]
    with switched_off(["type.accusation_is_breach"]):
        assert len(of_type("statement", text)) == 1
        assert of_type("breach", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The rebels' main leader accused government forces of violating the truce repeatedly.",
        "The army claims the militia broke the ceasefire by firing mortars at the town.",
        "It said the rebels had used the ceasefire to rearm whilst violating it 300 times.",
    ],
)
def test_a_learned_accusation_is_a_breach(text: str) -> None:
    (read,) = read_types([_sentence("statement", text)], text)
    assert (read.type, read.modality) == ("breach", "occurred")


def test_an_accusation_beside_a_breach_is_told_once() -> None:
    text = "The army accused the rebels of violating the truce in the north."
    breach = _sentence("breach", text)
    assert read_types([_sentence("statement", text)], text, [breach]) == []


def test_a_statement_of_no_accusation_stays() -> None:
    text = "The spokesman said the truce was being respected along the whole line."
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "statement"


# --- type.took_effect_is_start ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A ceasefire between the army and the rebels came into effect early on Thursday.",
        "According to local television, the truce is to begin at 02:00 on Friday.",
        "A ceasefire agreed between the two militias in the port will begin on Tuesday.",
    ],
)
def test_a_truce_taking_effect_is_no_term(text: str) -> None:
    assert read_types([_sentence("agreement_term", text)], text) == []
    with switched_off(["type.took_effect_is_start"]):
        assert len(read_types([_sentence("agreement_term", text)], text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The army and the rebels agreed to a truce which will go into effect at 8 pm.",
        "The two sides have reached a seven-day ceasefire that is due to come into effect "
        "this evening.",
        "The ceasefire took effect at noon, said the declaration signed by the two ministers.",
    ],
)
def test_a_party_agreeing_keeps_the_term_beside_the_start(text: str) -> None:
    assert len(read_types([_sentence("agreement_term", text)], text)) == 1


def test_a_truce_taking_effect_keeps_its_start() -> None:
    text = "A ceasefire between the army and the rebels came into effect early on Thursday."
    assert len(of_type("ceasefire_start", text)) == 1


# --- type.talks_ahead -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"The Houthis also look forward to implementing the truce and commencing discussions on '
        'the arrangements for a cessation of hostilities," the statement said.',
        "The ceasefire in the north began at midnight after the announcement by the coalition "
        "to pave the way for upcoming UN-sponsored peace talks in Geneva.",
    ],
)
def test_talks_named_as_an_aim_are_no_meeting(text: str) -> None:
    assert of_type("meeting", text) == []
    with switched_off(["type.talks_ahead"]):
        assert len(of_type("meeting", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The mediators proposed a plan for a three-month truce to be followed by comprehensive "
        "peace talks.",
        "The parties agreed to begin substantive negotiations on a settlement of the conflict.",
    ],
)
def test_a_learned_meeting_of_talks_ahead_is_dropped(text: str) -> None:
    assert read_types([_sentence("meeting", text)], text) == []


def test_talks_held_stay_a_meeting() -> None:
    text = "Delegations of the army and the rebels held talks in Jeddah on Saturday."
    assert len(of_type("meeting", text)) == 1


# --- type.release_told ------------------------------------------------------------------------


def test_a_speaker_telling_a_release_ahead_is_a_release() -> None:
    text = "The Qassam Brigades said in a statement that the remains will be transferred at 7 pm."
    assert of_type("statement", text) == []
    assert [r.modality for r in of_type("release", text)] == ["planned"]
    with switched_off(["type.release_told"]):
        assert of_type("release", text) == []
        assert len(of_type("statement", text)) == 1


def test_a_learned_statement_of_captives_freed_under_a_deal_is_a_release() -> None:
    text = "At least 40 hostages would be freed under the deal, the prime minister's office said."
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "release"


def test_a_list_of_captives_to_be_released_stays_a_statement() -> None:
    text = "The prime minister's office said Israel received a list of hostages to be released."
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "statement"


# --- type.aid_told ----------------------------------------------------------------------------


def test_a_speaker_telling_aid_sent_is_an_aid_delivery() -> None:
    text = (
        "The Jordanian government announced that 300 aid trucks would be dispatched to the "
        "enclave on Sunday."
    )
    assert of_type("statement", text) == []
    assert len(of_type("aid_delivery", text)) == 1
    with switched_off(["type.aid_told"]):
        assert of_type("aid_delivery", text) == []
        assert len(of_type("statement", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A second official said that 500 aid trucks would go in on Monday.",
        "The food agency said it had been able to start distributing flour in the capital.",
    ],
)
def test_a_learned_statement_of_aid_moving_is_an_aid_delivery(text: str) -> None:
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "aid_delivery"


def test_a_call_for_aid_to_go_in_stays_a_statement() -> None:
    text = (
        "The UN and the Red Cross called for the opening of all crossings to allow more aid to "
        "reach the territory."
    )
    assert len(of_type("statement", text)) == 1
    assert of_type("aid_delivery", text) == []


def test_a_violation_inside_a_condition_stays_a_statement() -> None:
    text = "The envoy said the army would respond if the rebels violated the truce again."
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "statement"


@pytest.mark.parametrize(
    "text",
    [
        "Under the deal, both sides are to begin pulling heavy guns back from the front line.",
        "The truce is due to take effect at 9 pm and can be extended if both sides agree.",
    ],
)
def test_the_sides_acts_under_a_truce_keep_their_term(text: str) -> None:
    assert len(read_types([_sentence("agreement_term", text)], text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The armed wing said it was holding back the group because Israel had not respected the "
        "terms for choosing which prisoners would be released.",
        "All captives are to be released on an all-for-all basis, the spokesman said.",
    ],
)
def test_a_choice_or_a_deals_rule_of_release_stays_a_statement(text: str) -> None:
    (read,) = read_types([_sentence("statement", text)], text)
    assert read.type == "statement"


def test_talks_ahead_given_a_day_stay_a_meeting() -> None:
    text = "The two delegations will begin talks on June 20 in Cairo."
    assert len(read_types([_sentence("meeting", text)], text)) == 1

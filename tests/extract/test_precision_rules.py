"""Precision rules (branch `exprec`): classes of false candidate seen across real dev reports.

One statement per speaker's turn, talks named as a prospect or a point in time, a party's threat
over a violation or its answer to a proposal (no term), and a natural disaster's toll (no
casualty claim). Each test reads invented sentences (never a report's) through the whole
pipeline and also shows that the rule switched off gives the old answer, so that it cannot pass
by accident; the neighbouring tests show what each rule must leave alone.
"""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.components.kinds.statement_turns import TURN_REACH, merge_turns
from truce.extract.model import Candidate, SourceRef
from truce.extract.switches import RULES, switched_off
from truce.extract.switches_precision import RULES as PRECISION


def test_every_precision_rule_can_be_switched_off_by_name() -> None:
    assert set(PRECISION) <= set(RULES)
    with switched_off(PRECISION):
        pass  # an unknown name would raise UnknownRule


# --- statement.one_turn ------------------------------------------------------------------

_TURN = (
    "Hamas said on Monday that Israel was to blame for the delay at the crossing. "
    "Hamas said the movement was studying the latest list it had been sent. "
    "Hamas added that the families had been told of the delay."
)


def test_a_speakers_sentences_in_a_row_are_one_statement() -> None:
    statements = of_type("statement", _TURN)
    assert len(statements) == 1
    (turn,) = statements
    assert turn.actor == "hamas"
    # Every sentence of the turn is kept as a mention of the one statement.
    assert len(turn.mentions) == 3
    assert turn.span == min(turn.mentions)
    with switched_off(["statement.one_turn"]):
        assert len(of_type("statement", _TURN)) == 3


def test_another_speaker_ends_the_turn() -> None:
    text = (
        "Hamas said on Monday that Israel was to blame for the delay at the crossing. "
        "The Israeli army said the list it had been sent was incomplete. "
        "Hamas said the families had been told of the delay."
    )
    speakers = [c.source.speaker for c in of_type("statement", text)]
    assert len(speakers) == 3
    assert speakers[0] == speakers[2] != speakers[1]


def test_a_speaker_back_after_a_long_gap_opens_a_new_turn() -> None:
    gap = " ".join(["The market in the town reopened for the first time in weeks."] * 3)
    text = (
        "Hamas said on Monday that Israel was to blame for the delay at the crossing. "
        f"{gap} Hamas said the families had been told of the delay."
    )
    assert TURN_REACH < 4
    assert len(of_type("statement", text)) == 2


def test_a_turn_is_read_in_one_pass_and_keeps_its_mentions_bounded() -> None:
    # Two hundred sentences by one speaker, one statement each: one statement remains, with at
    # most the mention cap of spans.
    sentences = [(i * 10, i * 10 + 9) for i in range(200)]
    speaker = SourceRef(speaker="Abu Rami")
    statements = [
        Candidate("statement", span, "t", actor="hamas", source=speaker) for span in sentences
    ]
    merged = merge_turns(statements, sentences)
    assert len(merged) == 1
    assert len(merged[0].mentions) == 20
    assert merged[0].span in merged[0].mentions


def test_unnamed_speakers_make_no_turn() -> None:
    anonymous = SourceRef(anonymous=True)
    sentences = [(0, 9), (10, 19)]
    statements = [
        Candidate("statement", span, "t", actor="israel", source=anonymous) for span in sentences
    ]
    assert len(merge_turns(statements, sentences)) == 2


# --- meeting.talks_ahead -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Israel has tied the start of negotiations on the next phase to the return of the bodies.",
        "Hamas said it was open to further discussions with Egypt and Qatar on the crossings.",
        "The RSF said it looks forward to beginning talks with the army on a lasting truce.",
        "The army said it wants talks with the RSF to begin without conditions.",
        "Reopening the banks is a key demand of the TPLF before peace talks with Ethiopia.",
        "Ahead of a meeting with the Qatari emir, Netanyahu said the truce would hold.",
    ],
)
def test_talks_named_as_a_prospect_or_a_point_in_time_are_no_meeting(text: str) -> None:
    assert of_type("meeting", text) == []
    # `type.talks_ahead` (branch extype) reads "looks forward to beginning talks" too.
    with switched_off(["meeting.talks_ahead", "type.talks_ahead"]):
        assert len(of_type("meeting", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Israeli and Hamas negotiators met in Cairo on Sunday to discuss the second phase.",
        "Delegations of Russia and Ukraine held talks in Istanbul on Friday.",
        # dated: a meeting planned for a day stays one
        "Israeli and Hamas delegations will begin talks on June 20 in Cairo.",
    ],
)
def test_talks_held_or_dated_are_still_a_meeting(text: str) -> None:
    assert len(of_type("meeting", text)) == 1


# --- term.threat_if_violated -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Israel's defence minister warned that if the agreement is violated, Israel retains "
        "the right to respond with force.",
        "Israeli Prime Minister Benjamin Netanyahu said Israel would respond forcefully if "
        "Hezbollah violates the truce, stressing that Israel retains the right to self-defence.",
    ],
)
def test_a_threat_over_a_violation_is_a_statement_not_a_term(text: str) -> None:
    assert of_type("agreement_term", text) == []
    statements = of_type("statement", text)
    assert [c.actor for c in statements] == ["israel"]
    with switched_off(["term.threat_if_violated"]):
        assert len(of_type("agreement_term", text)) == 1


def test_what_the_deal_says_of_violations_stays_a_term() -> None:
    text = "Under the agreement, a committee led by the US will monitor violations of the truce."
    assert len(of_type("agreement_term", text)) == 1


# --- term.accepts_proposal ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The RSF said on Thursday it has agreed to a humanitarian truce proposed by the Quad.",
        "The Houthis said they had agreed to the ceasefire proposed by Oman for the port.",
    ],
)
def test_accepting_a_proposal_is_a_statement_not_a_term(text: str) -> None:
    assert of_type("agreement_term", text) == []
    assert len(of_type("statement", text)) == 1
    with switched_off(["term.accepts_proposal"]):
        assert len(of_type("agreement_term", text)) == 1


def test_the_sides_agreeing_on_a_provision_stays_a_term() -> None:
    text = "Both sides agreed to swap 300 prisoners each under the truce."
    assert len(of_type("agreement_term", text)) == 1


# --- casualty.disaster -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The junta declared a truce to help relief work after an earthquake that has killed "
        "more than 2,000 people.",
        "Friday's quake near the capital killed 1,450 people, officials said.",
        "Floods in the south killed at least 40 people last week, the ministry said.",
    ],
)
def test_a_natural_disasters_toll_is_no_casualty_claim(text: str) -> None:
    assert of_type("casualty_claim", text) == []
    with switched_off(["casualty.disaster"]):
        assert len(of_type("casualty_claim", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The humanitarian disaster in the city has killed more than 400 civilians, the UN said.",
        "An eruption of clashes on the border killed 30 soldiers on Sunday.",
    ],
)
def test_a_wars_disaster_is_still_the_wars_toll(text: str) -> None:
    assert len(of_type("casualty_claim", text)) == 1


def test_a_toll_of_the_fighting_stays_a_claim_beside_a_disaster_far_away() -> None:
    text = (
        "Army shelling killed 12 civilians in the border villages on Sunday, weeks after "
        "the region was hit by heavy rain and a landslide."
    )
    assert len(of_type("casualty_claim", text)) == 1

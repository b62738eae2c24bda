"""Statements and meetings read from the clause (branch `exstmt2`): a stance verb after an
adverb in "-ly" or coordinated with the party's first verb, a pronoun taking a position for
the last speaker, "negotiated" said of a deal, talks measured in time. Sentences invented
for the test; each rule switched off gives the old reading."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _statements(text: str, off: str | None = None) -> list[tuple[str | None, str | None]]:
    with switched_off([off] if off else []):
        return [(c.actor, c.source.speaker) for c in of_type("statement", text)]


def test_an_adverb_in_ly_between_the_party_and_its_verb() -> None:
    text = "The Houthis additionally alleged that coalition jets had circled over Saada."
    assert _statements(text) == [("houthis", "Houthis")]
    assert _statements(text, "statement.ly_adverbs") == []


def test_the_daily_or_the_early_are_no_adverbs_of_the_verb() -> None:
    assert _statements("Hamas daily rockets hit the town early on Monday.") == []


def test_a_stance_verb_coordinated_with_the_subjects_first_verb() -> None:
    text = "Jordan confirmed the truce on Monday and called for restraint along the border."
    assert [actor for actor, _ in _statements(text)] == ["jordan"]
    assert _statements(text, "statement.coordinated_stance") == []


def test_a_short_opener_may_stand_before_the_subject() -> None:
    text = "On Sunday, Egypt hosted the two delegations and welcomed their progress on aid."
    assert [actor for actor, _ in _statements(text)] == ["egypt"]


def test_a_party_inside_a_leading_phrase_is_no_subject_of_the_second_verb() -> None:
    text = "After a call with Qatar, the envoy flew to Cairo and vowed to keep the crossings open."
    assert _statements(text) == []


def test_a_pronoun_taking_a_position_speaks_for_the_last_speaker() -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskiy said the last swap went well. "
        "He vowed to keep pressing for the return of every prisoner of war."
    )
    found = of_type("statement", text)
    assert [(c.actor, c.source.speaker) for c in found] == [
        ("ukraine", "Volodymyr Zelenskiy"),
        ("ukraine", "Volodymyr Zelenskiy"),
    ]
    assert found[1].span[0] > found[0].span[1]


def test_without_the_pronoun_rule_the_position_has_no_speaker() -> None:
    text = (
        "The Sudanese army said on Monday that the corridor stayed shut. "
        "It also called on the mediators to press the paramilitary force."
    )
    assert len(_statements(text)) == 2
    assert len(_statements(text, "attribution.pronoun_stance")) == 1


def test_a_new_position_opens_its_own_statement_not_the_turns_next_words() -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskiy said the last swap went well. "
        "He vowed to keep pressing for the return of every prisoner of war."
    )
    assert len(_statements(text, "statement.turn_new_act")) == 1
    plain = (
        "Ukrainian President Volodymyr Zelenskiy said the last swap went well. "
        "He said more exchanges were being prepared."
    )
    assert len(_statements(plain)) == 1  # the turn's next words stay in the turn


def test_negotiated_said_of_a_deal_is_a_broker_not_a_meeting() -> None:
    for text in (
        "Qatar, a broker between Israel and Hamas, negotiated the truce that ended the war.",
        "The truce follows the plan negotiated under the auspices of Egypt and Qatar.",
    ):
        assert of_type("meeting", text) == []
        with switched_off(["meeting.negotiated_deal"]):
            assert len(of_type("meeting", text)) == 1
    assert len(of_type("meeting", "Israel and Hamas negotiated in Doha on Monday.")) == 1


def test_talks_measured_in_time_were_held() -> None:
    text = "The accord came after five days of talks in Geneva between Armenia and Azerbaijan."
    assert len(of_type("meeting", text)) == 1
    with switched_off(["meeting.talks_lasted"]):
        assert of_type("meeting", text) == []
    assert of_type("meeting", "The accord came after talks between Armenia and Azerbaijan.") == []


def test_a_mediator_telling_what_a_side_will_do_gives_the_deals_term() -> None:
    text = (
        "The United States and the Houthis agreed to a truce. Neither side will target the "
        "other, including ships in the Red Sea, Oman said in its statement."
    )
    (told,) = [c for c in of_type("agreement_term", text) if c.span[0] > 0]
    assert (told.modality, told.source.speaker) == ("occurred", "Oman")
    with switched_off(["term.mediator_tells"]):
        assert [c.actor for c in of_type("statement", text)] == ["oman"]


def test_a_side_telling_what_it_will_do_stays_its_statement() -> None:
    text = (
        "Israel and Hamas agreed to the truce. Israel will act against Hamas with increasing "
        "force, the Israeli Prime Minister's Office said."
    )
    assert [c.actor for c in of_type("statement", text)] == ["israel"]


def test_the_army_of_a_known_pair_speaks_for_the_government_side() -> None:
    text = (
        "The Sudanese army and the RSF agreed to extend the truce by five days. "
        "The army said it hoped the rebels would abide by the deal."
    )
    assert [c.actor for c in of_type("statement", text)] == ["sudanese-armed-forces"]
    for rule in ("actors.army_by_context", "statement.described_speaker"):
        with switched_off([rule]):
            assert of_type("statement", text) == []


def test_the_army_names_no_one_where_no_known_pair_is_named() -> None:
    text = "Israel and Hamas agreed to a truce. The army said it had struck a launcher in Gaza."
    assert of_type("statement", text) == []

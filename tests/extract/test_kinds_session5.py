"""Rules of issue 11's kinds round: truce ends, starts and extensions said as they are (a war
ended, a truce that only might end, a party declaring its own), statements told as an act or
only reporting an end, and the modality of threats and hopes.

Each test reads invented sentences through the whole pipeline and also shows that the rule
switched off (`truce.extract.switches`) gives the old answer, so that it cannot pass by accident.
"""

from __future__ import annotations

import pytest

from tests.extract.invented import candidates, of_type
from truce.extract.components.modality import modality_at, modality_of
from truce.extract.switches import switched_off

# --- end.ended_a_war ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Qatar brokered the truce that ended a nine-day conflict on the border last spring.",
        "The pause ended months of cross-border warfare between the two militias.",
        "The ceasefire was meant by its brokers to end 12 days of escalating fighting.",
    ],
)
def test_a_truce_that_ends_a_war_is_no_end_of_the_truce(text: str) -> None:
    assert of_type("ceasefire_end", text) == []
    with switched_off(["end.ended_a_war"]):
        assert len(of_type("ceasefire_end", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The truce ended on Friday as fighting resumed in the hills.",
        "The army ended the ceasefire and resumed its offensive in the valley.",
    ],
)
def test_a_truce_that_ends_is_still_an_end(text: str) -> None:
    assert len(of_type("ceasefire_end", text)) == 1


# --- guard.speculative -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("ceasefire_end", "Observers said the fragile truce could collapse within days."),
        ("ceasefire_end", "The militia threatened to end the truce over the delayed convoys."),
        ("ceasefire_end", "Officials fear the ceasefire might well collapse before Friday."),
        ("ceasefire_extension", "The truce could be prolonged by two days, an aide suggested."),
        ("ceasefire_start", "A truce could take effect on Friday morning, diplomats speculated."),
    ],
)
def test_what_only_might_happen_is_no_start_end_or_extension(kind: str, text: str) -> None:
    assert of_type(kind, text) == []
    with switched_off(["guard.speculative"]):
        assert len(of_type(kind, text)) == 1


def test_may_the_month_is_no_speculation() -> None:
    text = "The truce agreed in May collapsed on Sunday after a rocket attack."
    assert len(of_type("ceasefire_end", text)) == 1


def test_a_threat_to_end_the_truce_is_the_party_s_conditional_statement() -> None:
    (said,) = of_type("statement", "Hamas threatened to end the truce over the delayed convoys.")
    assert (said.actor, said.modality) == ("hamas", "conditional")


# --- modality.threat and modality.hope_clause ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said the army will respond forcefully to any violation of the truce.",
        "The commander warned it would strike back against any offensives in the north.",
        "He warned that any future attack on the border would be considered an act of war.",
        "The group threatened to resume rocket fire over the delays.",
    ],
)
def test_a_threat_is_conditional(sentence: str) -> None:
    assert modality_of(sentence) == "conditional"
    with switched_off(["modality.threat"]):
        assert modality_of(sentence) != "conditional"


def test_a_threat_reaches_only_its_own_clause() -> None:
    sentence = "Hamas threatened to delay the handover, and Israel freed 39 prisoners on Friday."
    assert modality_at(sentence, sentence.index("delay")) == "conditional"
    assert modality_at(sentence, sentence.index("freed")) == "occurred"


def test_any_without_a_response_is_no_threat() -> None:
    sentence = "The army said any explosions heard in the valley are controlled detonations."
    assert modality_of(sentence) == "occurred"


@pytest.mark.parametrize(
    "sentence",
    [
        "We hope this process will lead to a full and unconditional ceasefire.",
        "I hope it will happen next week.",
        "Egypt hopes the truce will be extended by two more days.",
    ],
)
def test_a_hope_without_that_is_hoped(sentence: str) -> None:
    assert modality_of(sentence) == "hoped"
    with switched_off(["modality.hope_clause"]):
        assert modality_of(sentence) != "hoped"


def test_what_someone_had_hoped_would_be_is_no_hope_of_the_speaker() -> None:
    sentence = "Putin declined a full truce that the envoy had hoped would be a first step."
    assert modality_of(sentence) != "hoped"


# --- statement.issued, statement.reports_event ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "Shortly after midnight, the IDF issued a warning to residents of the border villages.",
        "The Israel Defense Forces (IDF) issued a statement reassuring residents in the north.",
        "In the evening Pakistan addressed the nation on the crisis.",
    ],
)
def test_speaking_told_as_an_act_is_a_statement(text: str) -> None:
    assert len(of_type("statement", text)) == 1
    with switched_off(["statement.issued"]):
        assert of_type("statement", text) == []


def test_a_speaker_telling_an_end_as_done_is_its_source_not_a_statement() -> None:
    text = "The army has resumed fighting the militia in the valley, the Israeli military said."
    assert of_type("statement", text) == []
    with switched_off(["statement.reports_event"]):
        assert len(of_type("statement", text)) == 1


def test_a_speaker_saying_what_will_end_still_states_a_position() -> None:
    text = "The war would end only when the militia is disarmed, the Israeli military said."
    assert len(of_type("statement", text)) == 1
    done = "The war ended when the militia was disarmed, the Israeli military said."
    assert of_type("statement", done) == []


# --- start.declared_alone -------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The federal government declared a humanitarian truce in the north.", None),
        ("Putin announced the surprise 30-hour ceasefire on Saturday.", "russia"),
        ("Several armed groups have also announced ceasefires.", None),
    ],
)
def test_a_party_declaring_its_own_truce_starts_it(text: str, actor: str | None) -> None:
    (start,) = of_type("ceasefire_start", text)
    assert start.actor == actor
    with switched_off(["start.declared_alone"]):
        assert of_type("ceasefire_start", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Trump announced a ceasefire between the two states.",
        "The minister announced a ceasefire on television.",
        "The president on Friday declared a temporary truce and called on the rebels to follow.",
        "The foreign minister announced the ceasefire on television.",
        "The army announced a ceasefire agreement with the rebels.",
        "So far there have been seven declared ceasefires, all of them broken.",
        "The military announced an extension of a ceasefire until the end of the month.",
    ],
)
def test_a_deal_announced_is_no_truce_declared_alone(text: str) -> None:
    assert of_type("ceasefire_start", text) == []


# --- term.provision_run ------------------------------------------------------------------------


def test_provisions_told_in_the_future_after_a_term_are_the_deal_s_terms() -> None:
    text = (
        "The agreement provides for a ceasefire along the river from Monday. "
        "Checkpoints on the coastal road will be removed within a week. "
        "A joint committee shall be formed to exchange detainees. "
        "Your email address will not be published."
    )
    terms = of_type("agreement_term", text)
    assert [t.modality for t in terms] == ["occurred"] * 3
    assert "Checkpoints" in text[terms[1].span[0] : terms[1].span[1]]
    assert "committee" in text[terms[2].span[0] : terms[2].span[1]]
    with switched_off(["term.provision_run"]):
        assert len(of_type("agreement_term", text)) == 1


def test_a_future_sentence_far_from_any_term_or_spoken_is_no_provision() -> None:
    alone = "Checkpoints on the coastal road will be removed within a week."
    assert of_type("agreement_term", alone) == []
    spoken = (
        "The agreement provides for a ceasefire along the river from Monday. "
        "Checkpoints will be removed within a week, the minister added."
    )
    assert len(of_type("agreement_term", spoken)) == 1


# --- term.announced_ahead ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Israel's prime minister's office said the captives would be released in small groups.",
        "The renewed truce will enter into force at dusk on Friday, the Qatari envoy said.",
        "Egypt said that both armies will observe a 48-hour ceasefire along the river.",
    ],
)
def test_a_party_announcing_what_the_deal_will_bring_tells_a_term(text: str) -> None:
    found = candidates(text)
    assert [(c.type, c.modality) for c in found] == [("agreement_term", "occurred")]
    # A release told ahead is a release (`type.release_told`, branch extype) without the rule.
    with switched_off(["term.announced_ahead", "type.release_told"]):
        assert [c.type for c in candidates(text)] == ["statement"]


def test_a_party_s_own_plan_stays_its_statement() -> None:
    text = "Hamas said it would postpone the next handover of hostages until further notice."
    assert [c.type for c in candidates(text)] == ["statement"]


def test_terms_that_stipulate_are_terms() -> None:
    text = "The truce accords stipulate that the officers stay in Turkey for a year."
    assert "agreement_term" in [c.type for c in candidates(text)]


# --- statement.role_party ----------------------------------------------------------------------


def test_the_role_beside_a_speaker_s_name_names_the_party() -> None:
    text = "A senior Hamas official, Khalil Nasser, said the group expected calm within days."
    (said,) = of_type("statement", text)
    assert (said.actor, said.source.speaker) == ("hamas", "Khalil Nasser")
    with switched_off(["statement.role_party"]):
        # an official with no party found: a statement with no actor (round 6)
        assert [c.actor for c in of_type("statement", text)] == [None]
    with switched_off(["statement.role_party", "statement.titled_person"]):
        assert of_type("statement", text) == []


def test_a_nationality_in_the_role_names_no_party() -> None:
    text = "Khalil Nasser, a Palestinian shopkeeper, said the guns fell silent at dawn."
    assert of_type("statement", text) == []


# --- modality.participle_aim -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The militias began a truce on Wednesday under a 60-day deal aimed at ending the war.",
        "Two farmers were killed trying to reach their fields near the border.",
        "Egypt, working to secure a wider deal, sent two envoys to Gaza on Monday.",
    ],
)
def test_a_participle_of_aim_describes_a_noun_and_tells_no_hope(sentence: str) -> None:
    assert modality_of(sentence) == "occurred"
    with switched_off(["modality.participle_aim"]):
        assert modality_of(sentence) == "hoped"


@pytest.mark.parametrize(
    "sentence",
    [
        "Qatar is working to extend the truce.",
        "We are still trying to reach a deal.",
        "Mediators were working to extend the truce.",
    ],
)
def test_aiming_with_its_subject_or_auxiliary_is_still_hoped(sentence: str) -> None:
    assert modality_of(sentence) == "hoped"


# --- modality.with_phrase ----------------------------------------------------------------------


def test_a_with_phrase_is_a_clause_of_its_own() -> None:
    sentence = "The truce took effect at noon, with further talks scheduled for Friday."
    assert modality_at(sentence, sentence.index("took")) == "occurred"
    assert modality_at(sentence, sentence.index("talks")) == "planned"
    with switched_off(["modality.with_phrase"]):
        assert modality_at(sentence, sentence.index("took")) == "planned"
    swap = "The exchange is due to proceed on Sunday, with Kyiv reporting a swap of 90 soldiers."
    assert modality_at(swap, swap.index("swap")) == "occurred"
    assert modality_at(swap, swap.index("exchange")) == "planned"


# --- modality.called_for -----------------------------------------------------------------------


def test_an_event_called_for_is_planned_and_the_call_a_demand() -> None:
    text = "The UN urged an immediate extension of the truce by two days."
    # `extension.asked_for` (round 11) drops an extension urged: the modality is read without it.
    with switched_off(["extension.asked_for"]):
        by_type = {c.type: c.modality for c in candidates(text)}
        assert by_type == {"ceasefire_extension": "planned", "statement": "occurred"}
        with switched_off(["modality.called_for"]):
            assert of_type("ceasefire_extension", text)[0].modality == "occurred"
    assert {c.type for c in candidates(text)} == {"statement"}


def test_a_deal_that_calls_for_something_keeps_its_term_in_force() -> None:
    text = "The ceasefire also called for the army to deploy along the border within 60 days."
    assert [(c.type, c.modality) for c in candidates(text)] == [("agreement_term", "occurred")]

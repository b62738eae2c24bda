"""Statement and term rules of issue 11 (branch `exstmt`): which of a speaker's sentences state
a deal (a term) and which state the speaker's own position (a statement), each a named rule
(`truce.extract.switches`).

Each test reads invented sentences through the whole pipeline and also shows that the rule
switched off gives the old answer, so that it cannot pass by accident.
"""

from __future__ import annotations

import pytest

from tests.extract.invented import candidates
from truce.extract.switches import switched_off


def _types(text: str) -> list[str]:
    return sorted(c.type for c in candidates(text))


# --- term.told_by_speaker ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Qatar said it mediated a ceasefire deal between the rebels and the government.",
        "Norway has brokered a truce between the two militias, its foreign minister said.",
        "Kenya announced that it helped broker a humanitarian ceasefire in the north.",
        "The envoy added that the truce was renewed under the same terms as the first one.",
        "The minister said the terms of the prisoner swap stipulate that ten officers stay abroad.",
        "The accord expects the militia to leave the border villages, the president said.",
    ],
)
def test_a_speaker_telling_what_a_deal_holds_states_a_term(text: str) -> None:
    found = [c for c in candidates(text) if c.type in ("agreement_term", "statement")]
    assert [c.type for c in found] == ["agreement_term"]
    assert found[0].modality == "occurred"
    with switched_off(["term.told_by_speaker"]):
        assert "agreement_term" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Qatar-brokered truce held through the night, residents said.",
        "The ceasefire mediated by Egypt was still in force on Sunday.",
        "Qatar has brokered ceasefire talks between the two sides since March.",
    ],
)
def test_a_deal_named_by_who_brokered_it_is_no_term(text: str) -> None:
    assert "agreement_term" not in _types(text)


# --- quantity.alive_or_dead ----------------------------------------------------------


def _releases(text: str) -> list[tuple[str | None, float]]:
    return sorted((c.actor, c.quantities[0].value) for c in candidates(text) if c.type == "release")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Hamas has released 20 living hostages to the Red Cross.", 20),
        ("The militia handed over three surviving hostages on Sunday.", 3),
        ("Hamas handed over 4 deceased hostages on Monday.", 4),
    ],
)
def test_living_or_deceased_captives_are_counted(text: str, count: int) -> None:
    assert [value for _, value in _releases(text)] == [count]
    with switched_off(["quantity.alive_or_dead"]):
        assert [value for _, value in _releases(text)] != [count]


def test_several_releases_in_one_sentence_each_have_their_side() -> None:
    text = "Hamas released 20 living hostages, while Israel freed 1,968 Palestinian prisoners."
    assert _releases(text) == [("hamas", 20), ("israel", 1968)]


# --- statement.more_stances --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Hamas congratulated the mediators on the truce deal.", "occurred"),
        ("Russia refused to endorse a full 30-day ceasefire.", "occurred"),
        ("The RSF has conditioned the truce on a full army withdrawal.", "conditional"),
        (
            "Israel has tied the next phase of talks to the return of all the remains.",
            "conditional",
        ),
        ("Egypt insists there can be no preconditions before the talks.", "occurred"),
    ],
)
def test_a_party_taking_a_position_in_a_verb_of_its_own(text: str, modality: str) -> None:
    found = [c for c in candidates(text) if c.type == "statement"]
    assert [c.modality for c in found] == [modality]
    with switched_off(["statement.more_stances"]):
        assert "statement" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The deadline was extended after Israel refused to comply with the withdrawal.",
        "Hamas gunmen tied the captive's hands before the handover.",
    ],
)
def test_a_deed_in_such_a_verb_is_no_statement(text: str) -> None:
    assert "statement" not in _types(text)


# --- statement.turn_modality -------------------------------------------------------------


def test_a_threat_after_a_fact_in_one_turn_is_a_statement_of_its_own() -> None:
    text = (
        "Israeli Prime Minister Benjamin Netanyahu said the ceasefire with Hezbollah was holding"
        " on Wednesday. Netanyahu said he will respond forcefully to any violation of the"
        " ceasefire by Hezbollah."
    )
    found = [c for c in candidates(text) if c.type == "statement"]
    assert [c.modality for c in found] == ["occurred", "conditional"]
    # `statement.turn_on_truce` (round 9) also parts a sentence on the truce in another mood.
    with switched_off(["statement.turn_modality", "statement.turn_on_truce"]):
        assert [c.type for c in candidates(text)] == ["statement"]


def test_a_turn_of_one_stance_stays_one_statement() -> None:
    text = (
        "Israeli Prime Minister Benjamin Netanyahu said the ceasefire with Hezbollah was holding"
        " on Wednesday. Netanyahu said the truce had brought calm to the north."
    )
    assert [c.type for c in candidates(text)] == ["statement"]

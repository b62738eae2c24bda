"""Statements: a party speaking alone in a sentence, or in a subordinate clause of one that
reports something else."""

from __future__ import annotations

from tests.extract.invented import candidates


def test_a_speech_in_a_subordinate_clause_is_a_statement_and_the_event_is_narration() -> None:
    found = candidates(
        "The truce took effect at noon on Tuesday, two hours late, after Egypt said the Houthis "
        "had not yet handed over the list of detainees."
    )
    start = next(c for c in found if c.type == "ceasefire_start")
    (said,) = [c for c in found if c.type == "statement"]
    assert start.source.speaker is None
    assert (said.actor, said.source.speaker) == ("egypt", "Egypt")


def test_the_statement_takes_the_modality_of_what_is_said() -> None:
    found = candidates(
        "Aid trucks entered the strip on Monday as the Israeli military warned that crossings "
        "would close again at dusk."
    )
    (said,) = [c for c in found if c.type == "statement"]
    assert (said.actor, said.modality) == ("israel", "planned")


def test_no_statement_when_the_speech_holds_the_event_or_names_no_party() -> None:
    holds = candidates("The talks ended on Monday after Qatar said Hamas had freed 12 hostages.")
    assert [c.type for c in holds if c.type == "statement"] == []
    unnamed = candidates("The truce took effect on Tuesday after Western Diplomats said so.")
    assert [c.type for c in unnamed if c.type == "statement"] == []


def test_a_sentence_with_only_a_speaking_party_is_its_statement() -> None:
    (said,) = candidates("Qatar's foreign ministry said it was hopeful that calm would return.")
    assert (said.type, said.actor) == ("statement", "qatar")


def test_a_party_taking_a_position_in_its_own_verb_is_a_statement() -> None:
    (found,) = [
        c
        for c in candidates("Egypt has expressed its deep concern at the shelling of the camp.")
        if c.type == "statement"
    ]
    assert (found.actor, found.source.speaker) == ("egypt", "Egypt")


def test_a_party_demanding_after_an_apposition_is_a_statement() -> None:
    text = "Hamas, which runs the enclave, has called on the mediators to press for more convoys."
    (found,) = [c for c in candidates(text) if c.type == "statement"]
    assert found.actor == "hamas"


def test_a_verb_of_position_with_no_party_before_it_is_no_statement() -> None:
    text = "Residents expressed relief as the guns fell silent over the weekend."
    assert [c for c in candidates(text) if c.type == "statement"] == []


def test_a_fact_sourced_according_to_a_party_is_no_statement() -> None:
    text = "Two clinics closed in the north, according to the Jordanian health ministry."
    assert [c for c in candidates(text) if c.type == "statement"] == []


def test_the_next_sentence_of_a_quotation_is_the_same_statement() -> None:
    text = (
        '"We will keep the crossings open," Jordan\'s foreign minister said on Sunday.\n'
        '"The convoys must keep moving and we expect the other side to do the same."'
    )
    statements = [c for c in candidates(text) if c.type == "statement"]
    assert len(statements) == 1


def test_a_position_taken_beside_an_event_is_a_statement_of_its_own() -> None:
    found = candidates("Qatar welcomed the release of 12 hostages by Hamas on Monday.")
    assert sorted(c.type for c in found) == ["release", "statement"]
    (statement,) = [c for c in found if c.type == "statement"]
    assert statement.actor == "qatar"


def test_an_accusation_beside_its_breach_is_no_second_event() -> None:
    found = candidates("Ukraine accused Russia of shelling Kherson despite the truce.")
    assert [c.type for c in found] == ["breach"]


def test_more_verbs_of_position() -> None:
    for verb in ("emphasized", "hailed", "argued that"):
        found = candidates(f"Qatar {verb} the importance of the talks in Doha.")
        assert [c.actor for c in found if c.type == "statement"] == ["qatar"], verb
    found = candidates("Hamas confirmed its commitment to the terms on Sunday.")
    assert [c.actor for c in found if c.type == "statement"] == ["hamas"]


def test_confirming_a_fact_is_no_statement_but_confirming_a_commitment_is() -> None:
    from truce.extract.switches import switched_off

    # Invented sentences.
    facts = [
        "The Sudanese army later confirmed its troops shot down a drone near Omdurman.",
        "The RSF on Monday confirmed the agreement on a truce in Khartoum.",
    ]
    for text in facts:
        assert [c for c in candidates(text) if c.type == "statement"] == [], text
        with switched_off(["statement.confirmed_fact"]):
            assert [c.type for c in candidates(text)].count("statement") == 1, text
    position = "The RSF confirmed on Sunday its commitment to the Jeddah truce."
    (stance,) = [c for c in candidates(position) if c.type == "statement"]
    assert stance.actor == "rapid-support-forces"

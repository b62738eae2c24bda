"""Recall rules of issue 11 (branch `exrecall`): classes of events the extractor missed on real
reports, each a named rule (`truce.extract.switches`).

Each test reads invented sentences through the whole pipeline and also shows that the rule
switched off gives the old answer, so that it cannot pass by accident.
"""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off

# --- breach.mutual -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday Armenia and Azerbaijan accused each other of violating the truce.",
        "Armenia and Azerbaijan traded accusations of breaching the ceasefire overnight.",
        "Charges of violations flew back and forth between Armenia and Azerbaijan all week.",
    ],
)
def test_sides_accusing_each_other_allege_one_breach_each(text: str) -> None:
    found = of_type("breach", text)
    assert sorted(str(c.actor) for c in found) == ["armenia", "azerbaijan"]
    with switched_off(["breach.mutual"]):
        assert len(of_type("breach", text)) == 1


def test_mutual_accusation_with_no_side_named_gives_two_breaches() -> None:
    text = "Both sides have accused one another of violating the ceasefire terms."
    assert len(of_type("breach", text)) == 2
    with switched_off(["breach.mutual"]):
        assert len(of_type("breach", text)) == 1


def test_one_side_accusing_the_other_is_still_one_breach() -> None:
    found = of_type("breach", "Armenia accused Azerbaijan of violating the truce on Sunday.")
    assert [c.actor for c in found] == ["azerbaijan"]


# --- casualty.noun_tolls -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Hospital sources reported at least nine fatalities after the raid.", [(9, "killed")]),
        (
            "The clinic counted 4 fatalities and 21 injuries from the blast.",
            [(4, "killed"), (21, "wounded")],
        ),
        ("The official death toll from the raids stands at about 3,400.", [(3400, "killed")]),
        (
            "The shelling caused the deaths of over 70 people and injuries to more than 300.",
            [(70, "killed"), (300, "wounded")],
        ),
        ("The rebels said that fewer than 80 people have died in the siege.", [(80, "killed")]),
        ("Hundreds of people died in the border clashes.", [(100, "killed")]),
    ],
)
def test_tolls_told_in_nouns_are_casualty_claims(text: str, counts: list[tuple[int, str]]) -> None:
    found = of_type("casualty_claim", text)
    assert len(found) == 1
    assert [(int(q.value), q.unit) for q in found[0].quantities] == counts
    with switched_off(["casualty.noun_tolls"]):
        assert [
            (int(q.value), q.unit) for c in of_type("casualty_claim", text) for q in c.quantities
        ] != counts


def test_a_count_of_people_without_a_toll_word_is_no_toll() -> None:
    assert of_type("casualty_claim", "About 300 people gathered at the deaths memorial.") == []


# --- aid.verb_forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cameras showed dozens of trucks passing through the border crossing on Monday.",
        "The Red Cross was allowed to deliver aid to the camp on Sunday.",
        "Witnesses saw fuel convoys entering the city at dawn.",
    ],
)
def test_aid_in_the_verb_forms_the_trigger_lacks(text: str) -> None:
    assert len(of_type("aid_delivery", text)) == 1
    with switched_off(["aid.verb_forms"]):
        assert of_type("aid_delivery", text) == []


# --- extension.to_a_date -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The withdrawal deadline was extended to March 9 after talks in Paris.",
        "The junta announced an extension of its ceasefire until the end of this month.",
        "The alliance on May 1 announced an extension of their truce to May 31.",
    ],
)
def test_a_truce_or_its_deadline_moved_to_a_later_day_is_an_extension(text: str) -> None:
    assert len(of_type("ceasefire_extension", text)) == 1
    with switched_off(["extension.to_a_date"]):
        assert of_type("ceasefire_extension", text) == []


def test_something_else_extended_to_a_date_is_no_extension() -> None:
    assert of_type("ceasefire_extension", "The court extended his detention until May 3.") == []


# --- start.from_a_time, start.reached_on_a_day ---------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            "start.from_a_time",
            "The two armies agreed to a humanitarian truce, starting at midnight.",
        ),
        (
            "start.from_a_time",
            "Starting early this morning, Armenia and Azerbaijan agreed to a 30-day pause.",
        ),
        (
            "start.reached_on_a_day",
            "Aid rose once Armenia and Azerbaijan reached a truce on March 3.",
        ),
        ("start.reached_on_a_day", "A ceasefire was declared on Wednesday in the northern hills."),
    ],
)
def test_a_truce_named_with_the_time_it_starts_is_a_start(rule: str, text: str) -> None:
    assert len(of_type("ceasefire_start", text)) == 1
    with switched_off([rule]):
        assert of_type("ceasefire_start", text) == []


def test_a_truce_reached_with_no_day_is_no_start() -> None:
    assert of_type("ceasefire_start", "The sides reached a truce after long talks.") == []


# --- term.signed_deal ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The two delegations signed a complete, nationwide ceasefire agreement in Vienna.",
        "The government and the rebels have signed ceasefire deal in Nairobi.",
        "The rebels and the government sign a declaration of principles.",
        "The three leaders signed a joint statement on the full cessation of hostilities.",
    ],
)
def test_a_deal_signed_is_a_term(text: str) -> None:
    assert len(of_type("agreement_term", text)) == 1
    with switched_off(["term.signed_deal"]):
        assert of_type("agreement_term", text) == []


def test_signing_something_else_is_no_term() -> None:
    assert of_type("agreement_term", "The minister signed the visitors' book in Vienna.") == []


# --- breach.fighting_went_on ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            "breach.fighting_went_on",
            "Despite the appeals, hostilities have continued in the north.",
        ),
        ("breach.fighting_went_on", "Fighting nonetheless persisted around the dam."),
        # an outbreak with the truce named (round 9, `breach.outbreak_in_truce`)
        (
            "breach.fighting_went_on",
            "Heavy clashes broke out near the airport on Monday despite the truce.",
        ),
    ],
)
def test_attacks_told_without_a_breach_word(rule: str, text: str) -> None:
    assert len(of_type("breach", text)) == 1
    with switched_off([rule]):
        assert of_type("breach", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The army warned it would respond if rebel troops fired on its posts.",
        "Fighting continued right up until the moment the truce began.",
    ],
)
def test_attacks_supposed_or_before_the_truce_are_no_breach(text: str) -> None:
    assert of_type("breach", text) == []


# --- start.stops_its_attacks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            "start.stops_its_attacks",
            "On Tuesday the president announced that the army would stop bombing the rebels.",
        ),
        (
            "start.stops_its_attacks",
            "The junta gave way, announcing that it would halt fighting until May 2.",
        ),
    ],
)
def test_a_party_stopping_its_own_attacks_starts_a_truce(rule: str, text: str) -> None:
    assert len(of_type("ceasefire_start", text)) == 1
    with switched_off([rule]):
        assert of_type("ceasefire_start", text) == []


def test_the_day_a_truce_runs_to_is_not_its_start_date() -> None:
    text = "The junta gave way, announcing that it would halt fighting until May 2."
    (start,) = of_type("ceasefire_start", text)
    assert start.date is None


@pytest.mark.parametrize(
    "text",
    [
        "Egypt called on Israel to stop bombing the camps.",
        "The mediators urged both armies to halt military operations.",
        "Russia and Ukraine agreed to stop attacking energy facilities.",
    ],
)
def test_asking_another_or_agreeing_to_stop_starts_no_truce(text: str) -> None:
    assert of_type("ceasefire_start", text) == []

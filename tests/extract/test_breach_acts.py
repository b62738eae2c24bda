"""Breaches told as acts (branch `exbreach`): an act in the truce's time, an attack launched, and
breach words that allege nothing. Invented sentences only."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _breaches(text: str, published: date = date(2024, 6, 12)) -> list[tuple[str | None, str]]:
    return [(c.actor, c.modality) for c in of_type("breach", text, published)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Israeli troops fired on farmers near Kfar Kila a day after the ceasefire began.",
            "israel",
        ),
        ("During the ceasefire period, the ELN kidnapped two engineers in Arauca.", "eln"),
        ("Throughout the truce, RSF fighters have been battling the army for El Fasher.", None),
        ("Houthi forces seized two tankers in the weeks following the truce.", "houthis"),
        ("Within hours of the truce, Russian forces shelled Kherson.", "russia"),
    ],
)
def test_an_act_in_the_truce_s_time_is_a_breach(text: str, actor: str | None) -> None:
    found = _breaches(text)
    assert len(found) == 1
    assert found[0][1] == "occurred"
    if actor is not None:
        assert found[0][0] == actor
    with switched_off(["breach.during_truce"]):
        assert _breaches(text) == []


def test_an_act_with_no_truce_time_or_after_the_truce_ended_is_none() -> None:
    assert _breaches("Israeli troops fired on farmers near Kfar Kila on Monday.") == []
    assert _breaches("Israeli jets struck Tyre two days after the truce collapsed.") == []
    assert _breaches("If troops fired on civilians during the truce, the talks would end.") == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The army has launched at least 120 attacks on villages in Shan state.", None),
        ("Hezbollah launched retaliatory strikes on an Israeli post on Tuesday.", "hezbollah"),
        (
            "The rebels said government forces launched an early morning “extensive offensive”.",
            None,
        ),
        (
            "Armenian forces launched ballistic missiles towards Ganja, the ministry said.",
            "armenia",
        ),
    ],
)
def test_an_attack_launched_is_a_breach(text: str, actor: str | None) -> None:
    found = _breaches(text)
    assert len(found) == 1
    if actor is not None:
        assert found[0][0] == actor
    with switched_off(["breach.launched"]):
        assert _breaches(text) == []


def test_an_attack_launched_long_ago_or_in_a_time_clause_or_never_is_none() -> None:
    assert _breaches("Haftar launched an offensive on Tripoli in April 2019.") == []
    assert _breaches("Since Israel launched its offensive, the Houthis have fired at ships.") == []
    assert _breaches("Iran said it would not launch any further attacks.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The mechanism meets weekly, where reports on possible violations of the truce are read.",
        "The two sides agreed to form a joint force to handle expected violations.",
        "The raids raise concerns about human rights violations, the group said.",
        "Kyiv said it is documenting every Russian violation of the Easter truce.",
    ],
)
def test_breach_words_that_allege_nothing(text: str) -> None:
    assert _breaches(text) == []
    with switched_off(["breach.not_alleged"]):
        assert len(_breaches(text)) >= 1


def test_an_allegation_is_still_one() -> None:
    assert _breaches("Hezbollah said Israel violated the ceasefire again on Monday.") == [
        ("israel", "occurred")
    ]


def test_a_general_mention_or_a_name_is_no_allegation() -> None:
    text = "Our forces will deal firmly with any movement that violates this agreement."
    assert _breaches(text) == []
    assert _breaches("Breaking the News / Gaza desk") == []
    with switched_off(["breach.not_alleged"]):
        assert len(_breaches("Breaking the News / Gaza desk")) == 1


def test_an_offensive_of_its_own_launched_is_background() -> None:
    assert _breaches("The rebels launched their offensive at the turn of the year.") == []


def test_an_attack_that_ends_the_truce_is_its_end_not_a_breach() -> None:
    text = "Israel launched a massive assault on Gaza, shattering the fragile ceasefire."
    assert _breaches(text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Beirut said Israel had violated the truce over 200 times since it began.",
            (200, "over", "violations"),
        ),
        (
            "Kyiv reported nearly 1,500 Russian violations of the truce.",
            (1500, "nearly", "violations"),
        ),
        (
            "Moscow said Ukrainian forces shelled its positions 31 times despite the truce.",
            (31, "exact", "attacks"),
        ),
        ("Kigali accused the rebels of twice breaching the ceasefire.", (2, "exact", "violations")),
        (
            "Monitors said the army breached the truce, logging 40 strikes in a week.",
            (40, "exact", "attacks"),
        ),
    ],
)
def test_a_breach_takes_the_tally_of_its_sentence(text: str, count: tuple[float, str, str]) -> None:
    (found,) = of_type("breach", text)
    assert [(q.value, q.qualifier, q.unit) for q in found.quantities] == [count]
    with switched_off(["breach.tally"]):
        (found,) = of_type("breach", text)
        assert found.quantities == []

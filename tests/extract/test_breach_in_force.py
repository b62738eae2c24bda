"""Attacks told with no truce wording while the report's truce is in force (branch `exstrike`):
`breach.truce_in_force`. Invented reports only."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.invented import of_type
from truce.extract.components.kinds.breach_in_force import TruceClock
from truce.extract.model import Candidate
from truce.extract.switches import switched_off

STARTED = "A truce between Israel and Hezbollah took effect on June 2."
# Published 12 June 2024: the truce is ten days old.


def _attacks(text: str, published: date | None = date(2024, 6, 12)) -> list[Candidate]:
    """The breaches of a report whose first sentence tells the truce starting."""
    return [c for c in of_type("breach", text, published) if "took effect" not in _said(text, c)]


def _said(text: str, c: Candidate) -> str:
    return text[c.span[0] : c.span[1]]


@pytest.mark.parametrize(
    ("attack", "actor"),
    [
        ("Israeli strikes hit the villages of Kfar Tibnit and Arnoun.", "israel"),
        ("Villagers said Israeli forces abducted three shepherds near Shebaa.", "israel"),
        ("Two farmers were killed by Israeli tank shells targeting a tractor.", "israel"),
        ("An Israeli drone strike on a car near Tyre killed a man, the ministry said.", "israel"),
        ("Hezbollah fighters fired rockets at an army post near Metula.", "hezbollah"),
    ],
)
def test_an_attack_after_the_report_s_truce_began_is_a_breach(
    attack: str, actor: str | None
) -> None:
    text = f"{STARTED} {attack}"
    found = _attacks(text)
    assert [(_said(text, c).strip(), c.actor, c.modality) for c in found] == [
        (attack, actor, "occurred")
    ]
    with switched_off(["breach.truce_in_force"]):
        assert _attacks(text) == []


def test_the_truce_may_be_told_after_the_attack() -> None:
    text = f"Israeli strikes hit the villages of Kfar Tibnit and Arnoun. {STARTED}"
    assert len(_attacks(text)) == 1


def test_no_truce_told_no_breach() -> None:
    # Wartime strikes are no breach: the report tells no truce at all, or one only planned.
    assert _attacks("Israeli strikes hit the villages of Kfar Tibnit and Arnoun.") == []
    planned = "A truce between Israel and Hezbollah will take effect on June 20. "
    assert _attacks(planned + "Israeli strikes hit the villages of Kfar Tibnit and Arnoun.") == []


def test_an_attack_on_or_before_the_start_day_is_the_war_before_it() -> None:
    # The day the truce began, and a day named before it, are the war that led to it.
    assert _attacks(STARTED + " Israeli strikes hit Arnoun.", date(2024, 6, 2)) == []
    text = STARTED + " On May 30, Israeli strikes hit the villages of Kfar Tibnit and Arnoun."
    assert _attacks(text) == []


def test_an_attack_after_the_truce_ended_is_none() -> None:
    ended = "The truce between Israel and Hezbollah expired on June 8. "
    assert _attacks(STARTED + " " + ended + "Israeli strikes hit Arnoun on June 10.") == []
    undated_end = "The truce between Israel and Hezbollah has collapsed. "
    assert _attacks(STARTED + " " + undated_end + "Israeli strikes hit Arnoun.") == []


@pytest.mark.parametrize(
    "attack",
    [
        "Israel would strike Arnoun if Hezbollah fighters fired rockets at Metula.",
        "Residents said there were no Israeli strikes on Arnoun overnight.",
        "The deal ended Israeli strikes on the villages of the south.",
        "Since Israel bombed the port in March, ships have stayed away.",
        "Israel warned it will bomb any launch site near the border.",
        "Workers are clearing rubble left by the bombardment of Tyre in 2023.",
        "A prisoner on hunger strike in an Israeli jail was taken to hospital.",
    ],
)
def test_what_is_not_an_attack_told_as_news(attack: str) -> None:
    assert _attacks(f"{STARTED} {attack}") == []


def test_an_attack_told_again_after_a_breach_is_not_a_new_one() -> None:
    text = (
        f"{STARTED} Israel violated the truce on Monday with strikes on three villages. "
        "Four people were killed in the strikes, the ministry said."
    )
    found = _attacks(text)
    assert len(found) == 1 and "violated" in _said(text, found[0])


def test_the_clock() -> None:
    def told(kind: str, day: date | None, modality: str = "occurred") -> Candidate:
        return Candidate(type=kind, span=(0, 1), document="t", modality=modality, date=day)

    clock = TruceClock()
    assert not clock.in_force(date(2024, 6, 5))
    clock.tell([told("ceasefire_start", date(2024, 6, 2), "planned")])
    assert not clock.running
    clock.tell([told("ceasefire_start", date(2024, 6, 2))])
    assert clock.in_force(date(2024, 6, 3)) and clock.in_force(None)
    assert not clock.in_force(date(2024, 6, 2))
    clock.tell([told("ceasefire_end", date(2024, 6, 9))])
    assert clock.in_force(date(2024, 6, 8)) and not clock.in_force(date(2024, 6, 9))
    assert not clock.in_force(None)
    extended = TruceClock()
    extended.tell([told("ceasefire_extension", None)])
    assert extended.in_force(date(2024, 6, 3))


def test_an_attack_in_force_does_not_take_the_start_s_day_from_the_story() -> None:
    # The sentence before dates the truce's start; the attack after it is not of that day.
    (found,) = _attacks(f"{STARTED} Israeli strikes hit the villages of Kfar Tibnit and Arnoun.")
    assert found.date is None
    dated = f"{STARTED} Israeli strikes hit the villages of Kfar Tibnit and Arnoun on June 9."
    assert [c.date for c in _attacks(dated)] == [date(2024, 6, 9)]

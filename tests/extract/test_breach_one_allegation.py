"""One party accused twice in words alone is one breach (`breach.one_allegation`, branch
`exstrike`); attacks told as such stay breaches of their own. Invented reports."""

from __future__ import annotations

from datetime import date

from tests.extract.invented import of_type
from truce.extract.switches import switched_off

PUBLISHED = date(2031, 5, 6)


def _breaches(text: str) -> list[tuple[str, str | None]]:
    found = of_type("breach", text, PUBLISHED)
    return [(text[c.span[0] : c.span[1]].strip(), c.actor) for c in found]


def test_one_accusation_told_in_the_lead_and_the_body_is_one_breach() -> None:
    text = (
        "Despite the new truce, Azerbaijan accuses Armenia of fresh violations and vows a firm "
        "reply. Talks had gone on for a week. The foreign minister said Armenia violated the "
        "agreement within hours of its announcement on Monday, in the northern districts."
    )
    found = _breaches(text)
    assert len(found) == 1
    assert found[0][1] == "armenia"
    assert found[0][0].startswith("The foreign minister")  # the fuller mention is kept
    with switched_off(["breach.one_allegation"]):
        assert len(_breaches(text)) == 2


def test_attacks_by_one_party_stay_apart() -> None:
    text = (
        "Armenia violated the truce on Monday, Azerbaijani officials said. "
        "Armenian troops opened fire on a border post near Tavush, the officials added. "
        "Armenian drones also struck a depot, violating the ceasefire again."
    )
    assert len(_breaches(text)) >= 2


def test_two_parties_or_two_days_are_two_allegations() -> None:
    two_parties = (
        "Azerbaijan accused Armenia of violating the truce. "
        "Armenia accused Azerbaijan of violating the truce."
    )
    assert sorted(actor or "" for _, actor in _breaches(two_parties)) == ["armenia", "azerbaijan"]
    two_days = (
        "Azerbaijan said Armenia violated the truce on May 1. "
        "Azerbaijan said Armenia violated the truce again on May 3."
    )
    assert len(_breaches(two_days)) == 2

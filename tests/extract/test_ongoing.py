"""Events told as ongoing or cumulative take no single day (`components/ongoing.py`). Every
sentence is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.components.ongoing import is_ongoing
from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()
THURSDAY = date(2031, 3, 13)


def _of(kind: str, text: str) -> list[Candidate]:
    found = extract(_NLP, Article(text=text, document="t", published=THURSDAY))
    return [c for c in found if c.type == kind]


@pytest.mark.parametrize(
    ("sentence", "ongoing"),
    [
        ("The army has violated the truce more than 100 times.", True),
        ("Both sides have repeatedly accused each other of breaches.", True),
        ("The militia continues to shell the villages.", True),
        ("Shelling of the border towns is reported daily.", True),
        ("The militia shelled two villages on Monday.", False),
        ("Gunmen attacked a convoy near the border.", False),
    ],
)
def test_ongoing_and_cumulative_wording(sentence: str, ongoing: bool) -> None:
    assert is_ongoing(sentence) is ongoing


STORY = (
    "On Tuesday, the militia shelled the village of Tal Nur, breaking the truce. "
    "The militia has violated the truce more than 40 times since it began."
)


def test_a_tally_does_not_take_the_day_the_story_is_at() -> None:
    first, tally = _of("breach", STORY)
    assert first.date is not None and first.date.isoformat() == "2031-03-11"
    assert tally.date is None
    with switched_off(["date.ongoing_no_story"]):
        _, tally = _of("breach", STORY)
    assert tally.date is not None and tally.date.isoformat() == "2031-03-11"


def test_a_single_act_after_a_dated_one_still_takes_the_story_date() -> None:
    text = (
        "On Tuesday, the militia shelled the village of Tal Nur, breaking the truce. "
        "Hours later, militia gunmen fired on an army post, violating the truce again."
    )
    dates = [c.date.isoformat() if c.date else None for c in _of("breach", text)]
    assert dates[-1] == "2031-03-11"


def test_a_recurring_breach_is_not_dated_by_the_day_of_the_accusation() -> None:
    text = "The army accused the militia on Wednesday of violating the truce daily."
    (breach,) = _of("breach", text)
    assert breach.date is None
    with switched_off(["date.repeated_breach"]):
        (breach,) = _of("breach", text)
    assert breach.date is not None and breach.date.isoformat() == "2031-03-12"
    # Going on on a day the sentence names is still that day.
    (breach,) = _of("breach", "Violations of the truce by the militia continued on Wednesday.")
    assert breach.date is not None and breach.date.isoformat() == "2031-03-12"

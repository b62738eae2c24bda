"""Round 12, branch `exfields3`: dates and attribution on real reports, as classes. Invented
sentences only (names, places and figures made up; states are the gazetteer's)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.invented import candidates, of_type
from truce.extract.components.attribution import _not_a_clause
from truce.extract.switches import switched_off

# --- date.hours_after_start --------------------------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "Within hours of the ceasefire starting, Ukraine's air force reported that Russia "
        "launched guided bombs at Velykyi Sad, violating the truce.",
        "A couple of hours into the purported ceasefire, a Ukrainian official said Russian "
        "forces were violating the truce with artillery fire.",
        "Less than a day after the truce took effect, Ukraine accused Russia of violating it.",
    ],
)
def test_an_act_hours_after_the_start_is_on_the_starts_day(second: str) -> None:
    text = "Russia's truce took effect at midnight on June 8. " + second
    breaches = of_type("breach", text)
    assert [c.date for c in breaches] == [date(2024, 6, 8)]
    with switched_off(["date.hours_after_start"]):
        assert [c.date for c in of_type("breach", text)] != [date(2024, 6, 8)]


def test_a_sentence_naming_its_own_day_keeps_it() -> None:
    text = (
        "Russia's truce took effect at midnight on June 8. On Tuesday, hours after the truce "
        "began, Ukraine accused Russia of violating it."
    )
    (breach,) = of_type("breach", text)
    assert breach.date == date(2024, 6, 11)


def test_no_dated_start_dates_nothing() -> None:
    text = "Within hours of the ceasefire starting, Ukraine accused Russia of violating it."
    (breach,) = of_type("breach", text)
    assert breach.date != date(2024, 6, 8)
    with switched_off(["date.hours_after_start"]):
        assert [c.date for c in of_type("breach", text)] == [breach.date]


# --- speakers.not_a_clause ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "left"),
    [
        ("- The Israel Defense Forces", "The Israel Defense Forces"),
        ("Although both sides", "both sides"),
        ("Hamas had repeatedly", "Hamas"),
        ("The Bibas family", "The Bibas family"),  # a noun in -ly is no adverb
        ("Italy", "Italy"),
    ],
)
def test_a_subject_loses_its_bullet_subordinator_and_adverb(phrase: str, left: str) -> None:
    kept = _not_a_clause(phrase)
    assert kept is not None
    start, np = kept
    assert np == left
    assert phrase[start:].startswith(left)


@pytest.mark.parametrize(
    "phrase",
    [
        "Israel has threatened to kill anyone who crosses a unilaterally",
        "deal promised by the Taliban will begin",
        "- Israel suspends aid transfers to Gaza after",
        "Israeli military had been targeting what it",
    ],
)
def test_a_clause_before_a_speech_verb_names_no_speaker(phrase: str) -> None:
    assert _not_a_clause(phrase) is None


def test_a_clause_before_a_speech_verb_is_not_the_speaker() -> None:
    text = (
        "Israel has threatened to kill anyone who crosses a unilaterally declared line, the "
        "boundary to which its forces withdrew under the ceasefire."
    )
    (statement,) = of_type("statement", text)
    assert statement.source.speaker == "Israel"  # the stance of its verb, not the clause
    with switched_off(["speakers.not_a_clause"]):
        (before,) = of_type("statement", text)
    assert (
        before.source.speaker == "Israel has threatened to kill anyone who crosses a unilaterally"
    )


def test_a_clause_is_no_unnamed_source_either() -> None:
    text = "The army had been shelling what it said were rebel positions in violation of the truce."
    (breach,) = of_type("breach", text)
    assert (breach.source.role, breach.source.anonymous) == (None, False)
    with switched_off(["speakers.not_a_clause"]):
        (before,) = of_type("breach", text)
    assert before.source.anonymous


# --- speakers.honorific_titles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a rank's abbreviations before the surname: the person named in full before
        (
            "Lt Gen Tomas Varga briefed reporters. Lt Gen Varga confirmed the talks took place "
            "on Saturday, resulting in an understanding to halt firing.",
            "Tomas Varga",
        ),
        # an office and the given name: the given name before the family name, after an office
        (
            "Thai Defense Minister Natthapon Suksai met his counterpart. Minister Natthapon "
            "said on Monday that Cambodia had violated the ceasefire with artillery fire.",
            "Natthapon Suksai",
        ),
        # an adviser's title before the full name
        (
            "National Security Adviser Oren Dagan later confirmed that Israel agreed to an "
            "Egyptian-proposed ceasefire.",
            "Oren Dagan",
        ),
    ],
)
def test_a_title_before_a_name_is_no_part_of_it(text: str, name: str) -> None:
    assert name in {c.source.speaker for c in candidates(text)}
    with switched_off(["speakers.honorific_titles"]):
        assert name not in {c.source.speaker for c in candidates(text)}


def test_a_surname_the_gazetteer_knows_is_never_a_given_name() -> None:
    text = (
        "President Trump said the ceasefire would hold. The Trump Administration welcomed the "
        "truce."
    )
    assert "Trump Administration" not in {c.source.speaker for c in candidates(text)}

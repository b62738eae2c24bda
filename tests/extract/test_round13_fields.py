"""Round 13, branch `exfields4`: attribution and dates on real reports, as classes. Invented
sentences only (names, outlets, places and figures made up; states are the gazetteer's)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.attributed import sources
from tests.extract.invented import of_type
from truce.extract.components.attribution import described_outlet
from truce.extract.components.speakers import person_and_title
from truce.extract.switches import switched_off

# --- speakers.title_ends_open ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Syrian Observatory for Human Rights",
        "Karvenian Centre for Civil Liberties",
        "Committee to Protect Reporters",
    ],
)
def test_a_bodys_name_going_on_after_a_preposition_is_no_title_and_name(body: str) -> None:
    assert person_and_title(body) is None
    with switched_off(["speakers.title_ends_open"]):
        assert person_and_title(body) is not None  # the split the rule stops


def test_a_title_before_a_name_still_parts() -> None:
    assert person_and_title("Special Envoy Marta Olsen") == ("Marta Olsen", "Special Envoy")
    assert person_and_title("Secretary of State Ivan Petrov") == (
        "Ivan Petrov",
        "Secretary of State",
    )


def test_the_body_speaks_by_its_whole_name() -> None:
    text = "The Syrian Observatory for Human Rights said 40 people were killed in the clashes."
    (claim,) = of_type("casualty_claim", text)
    assert claim.source.speaker == "Syrian Observatory for Human Rights"
    with switched_off(["speakers.title_ends_open"]):
        (claim,) = of_type("casualty_claim", text)
        assert claim.source.speaker == "Human Rights"


# --- attribution.abbreviation_dots -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The truce was extended by five days, according to the U.S. State Department.",
            "U.S. State Department",
        ),
        (
            "Both sides agreed to a pause, according to Marko T. Vilic, the mediator.",
            "Marko T. Vilic",
        ),
        ('"The truce must hold," said the U.N. envoy for Karvenia.', "U.N. envoy for Karvenia"),
    ],
)
def test_initials_inside_a_name_end_no_phrase(text: str, speaker: str) -> None:
    (found,) = sources(text)
    assert found.speaker == speaker
    with switched_off(["attribution.abbreviation_dots"]):
        (found,) = sources(text)
        assert found.speaker != speaker


def test_a_full_stop_after_a_word_still_ends_the_phrase() -> None:
    (found,) = sources("Five people were killed, according to local officials.")
    assert found.anonymous and found.role == "local officials"


# --- attribution.described_outlet ----------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "outlet"),
    [
        ("Palestinian news agency PNX", "PNX"),
        ("Karvenian state media KTA", "KTA"),
        ("the official KANA news agency", "KANA"),
        ("the news agency Dolor Press", "Dolor Press"),
    ],
)
def test_an_agency_named_with_what_it_is(subject: str, outlet: str) -> None:
    assert described_outlet(subject) == outlet


@pytest.mark.parametrize(
    "subject",
    [
        "Iranian news agency",
        "Houthi-run news agency",
        "state media",
        "the Syrian Observatory",
        "Hamas",
        # a broadcaster airs a statement whose speaker the sentence names elsewhere: kept
        "Israel's public broadcaster Kol Tov",
        "Ethiopian TV channel Fenet",
    ],
)
def test_no_agency_of_its_own(subject: str) -> None:
    assert described_outlet(subject) is None


@pytest.mark.parametrize(
    "text",
    [
        "Palestinian news agency PNX reported that two men were killed by an Israeli drone.",
        "Two men were killed by an Israeli drone, according to the official PNX news agency.",
    ],
)
def test_the_described_outlet_relays_and_no_one_speaks(text: str) -> None:
    (found,) = sources(text)
    assert (found.speaker, found.anonymous, found.via) == (None, False, "PNX")
    with switched_off(["attribution.described_outlet"]):
        (found,) = sources(text)
        assert found.via is None


# --- date.month_words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        (
            "Last month, Yemeni government and Houthi delegates held direct talks in Amman.",
            "meeting",
            date(2024, 5, 1),
        ),
        (
            "Putin first announced the ceasefire last month, calling it a humanitarian gesture.",
            "statement",
            date(2024, 5, 1),
        ),
        (
            "In March, Russia and Ukraine exchanged 115 prisoners of war.",
            "release",
            date(2024, 3, 1),
        ),
    ],
)
def test_a_month_in_words_dates_the_event(text: str, kind: str, day: date) -> None:
    (event,) = of_type(kind, text)
    assert (event.date, event.date_precision) == (day, "month")
    with switched_off(["date.month_words"]):
        (event,) = of_type(kind, text)
        assert event.date is None


def test_next_month_and_a_month_with_its_year() -> None:
    text = "Next month, Russian and Ukrainian delegates will hold talks in Istanbul."
    (talks,) = of_type("meeting", text)
    assert (talks.date, talks.date_precision) == (date(2024, 7, 1), "month")
    (swap,) = of_type("release", "In August 2021, Russia and Ukraine exchanged 50 prisoners.")
    assert swap.date == date(2021, 8, 1)

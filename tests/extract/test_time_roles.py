"""Dates of real reports, by class of phrasing (helper round "exdates"): a yearless date the
coming weeks hold, and times that modify a noun phrase (`truce.extract.time_roles`). Every
sentence is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.components.times import find_times
from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off
from truce.extract.time_roles import modifies_a_noun

_NLP = build_pipeline()


def _days(text: str, published: date) -> list[str | None]:
    return [ref.date.isoformat() if ref.date else None for ref in find_times(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # No cue looks ahead, yet the day is weeks away, not most of a year back.
        (
            "The two sides agreed to carry out the terms by July 29.",
            date(2031, 7, 19),
            "2031-07-29",
        ),
        ("He said the truce would last until April 22.", date(2031, 4, 2), "2031-04-22"),
        ("The truce was extended until 3 February.", date(2031, 1, 20), "2031-02-03"),
        # Not a deadline: a day told in the past is looked for before publication.
        ("The truce began on December 20.", date(2031, 11, 28), "2030-12-20"),
        # A past day stays past: near, or far back with no near day ahead.
        ("The truce held until April 22.", date(2031, 5, 6), "2031-04-22"),
        ("The accord was signed on December 20.", date(2032, 1, 5), "2031-12-20"),
        ("Talks first met on September 2.", date(2031, 5, 6), "2030-09-02"),
    ],
)
def test_a_yearless_date_weeks_ahead_is_the_coming_one(
    text: str, published: date, expected: str
) -> None:
    assert _days(text, published) == [expected]


def test_near_year_switched_off_reads_the_date_a_year_back() -> None:
    text = "The two sides agreed to carry out the terms by July 29."
    with switched_off(["date.near_year"]):
        assert _days(text, date(2031, 7, 19)) == ["2030-07-29"]


def _candidates(text: str, published: date) -> list[Candidate]:
    return list(extract(_NLP, Article(text=text, document="t", published=published)))


def _start_date(text: str, published: date) -> str | None:
    (start,) = [c for c in _candidates(text, published) if c.type == "ceasefire_start"]
    return start.date.isoformat()[:10] if start.date else None


WEDNESDAY = date(2031, 4, 2)


def test_a_possessive_time_dates_its_own_noun_not_the_event() -> None:
    text = (
        "The northern army on Wednesday declared a two-week ceasefire to help rescuers after "
        "last week's floods."
    )
    assert _start_date(text, WEDNESDAY) == "2031-04-02"
    with switched_off(["date.names_other_event"]):
        assert _start_date(text, WEDNESDAY) == "2031-03-24"  # the week of the floods


def test_a_date_between_a_determiner_and_a_noun_names_another_thing() -> None:
    text = (
        "The rebels said on Monday that they would respect the truce under the March 3 "
        "accord brokered by Qatar."
    )
    found = find_times(text, WEDNESDAY)
    accord = next(ref for ref in found if ref.text == "March 3")
    monday = next(ref for ref in found if ref.text == "Monday")
    assert modifies_a_noun(text, 0, accord) is not None
    assert modifies_a_noun(text, 0, monday) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The possessive's noun is the trigger: the time dates it.
        ("Sunday's truce took effect at dawn.", "2031-03-30"),
        # A date with a determiner but no noun after it stands on its own.
        ("The truce took effect on the March 30 at noon.", None),
    ],
)
def test_a_modifying_time_still_dates_the_trigger_it_modifies(
    text: str, expected: str | None
) -> None:
    found = find_times(text, WEDNESDAY)
    if expected is None:
        assert all(modifies_a_noun(text, 0, ref) is None for ref in found)
        return
    assert _start_date(text, WEDNESDAY) == expected


def _toll(text: str, published: date) -> tuple[str | None, str | None]:
    (toll,) = [c for c in _candidates(text, published) if c.type == "casualty_claim"]
    return (toll.date.isoformat()[:10] if toll.date else None, toll.date_precision)


SUNDAY = date(2031, 7, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A window of at most seven days ending on publication: the week from its first day.
        ("More than 90 have been killed in the valley since July 14.", ("2031-07-14", "week")),
        ("At least 40 have been killed in the valley since last Sunday.", ("2031-07-13", "week")),
        # A longer window dates nothing.
        ("More than 900 have been killed in the valley since May 2.", (None, None)),
    ],
)  # fmt: skip
def test_a_tally_since_a_day_this_week_is_dated_by_the_week(
    text: str, expected: tuple[str | None, str | None]
) -> None:
    assert _toll(text, SUNDAY) == expected


def test_since_week_switched_off_leaves_the_tally_undated() -> None:
    text = "More than 90 people have been killed in the valley since July 14."
    with switched_off(["date.since_week"]):
        assert _toll(text, SUNDAY) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A toll in the present perfect counts from the war's start: no day of its own.
        ("The talks opened on Friday to end a war that has killed 5,000 people.", (None, None)),
        # An "as of" day dates it.
        ("As of July 18, 60 people have been killed in the valley.", ("2031-07-18", "day")),
        # A toll told in the past tense keeps its day.
        ("Shelling killed 12 people in the valley on Friday.", ("2031-07-18", "day")),
        # A short window the "since" clause opens: the week from its first day.
        ("Since the fighting began on Friday, 31 people have been killed.", ("2031-07-18", "week")),
    ],
)  # fmt: skip
def test_a_cumulative_toll_has_no_day_of_its_own(
    text: str, expected: tuple[str | None, str | None]
) -> None:
    assert _toll(text, SUNDAY) == expected


def test_cumulative_toll_switched_off_takes_the_day_in_its_sentence() -> None:
    text = "The talks opened on Friday to end a war that has killed 5,000 people."
    with switched_off(["date.cumulative_toll"]):
        assert _toll(text, SUNDAY) == ("2031-07-18", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Agreed before, starting on a weekday: the nearer of the two readings.
        ("The two armies agreed a truce starting Tuesday.", "2031-07-29"),
        ("The two armies agreed a truce starting Friday.", "2031-08-01"),
        # With no past verb, the participle looks ahead as before.
        ("A truce starting Tuesday will hold along the border.", "2031-08-05"),
    ],
)
def test_a_truce_agreed_and_starting_on_a_weekday_is_the_nearer_one(
    text: str, expected: str
) -> None:
    assert _days(text, date(2031, 7, 30)) == [expected]


def test_participle_nearest_switched_off_looks_ahead() -> None:
    with switched_off(["date.participle_nearest"]):
        assert _days("The two armies agreed a truce starting Tuesday.", date(2031, 7, 30)) == [
            "2031-08-05"
        ]

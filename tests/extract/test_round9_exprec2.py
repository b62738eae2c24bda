"""Round 9, branch `exprec2`: false candidates of classes that recur across conflicts.
`breach.outbreak_in_truce` (fighting that broke out is a breach only where a truce is named) and
`statement.withdrawal_told` (a speaker telling of a withdrawal under way reports a fact, not a
position); and clock times that are no time of day. Invented sentences only."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.extract.invented import candidates, of_type
from truce.extract.components.times import find_times
from truce.extract.switches import switched_off

# --- breach.outbreak_in_truce ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # how the war began
        "Marsa descended into chaos after fighting erupted in mid-April between the army and "
        "the Eastern Brigades.",
        # a border quarrel that led to the talks
        "Clashes erupted on Wednesday, with villagers on both sides throwing stones over a "
        "dispute about a well.",
        # a death that set off the fighting
        "Clashes broke out last Monday in the capital following the death of a militia chief.",
        "Heavy fighting broke out in the south of the city on the evening of May 2.",
    ],
)
def test_an_outbreak_with_no_truce_named_is_no_breach(text: str) -> None:
    assert of_type("breach", text) == []
    with switched_off(["breach.outbreak_in_truce"]):
        assert len(of_type("breach", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the truce named in the sentence
        "Violent clashes broke out in the capital between the army and the militia on Monday, "
        "despite the ceasefire.",
        "Fighting erupted again in the north despite the deal signed last week.",
        # fighting told as going on: the rule reads outbreaks only
        "Fighting continued in the north on Tuesday.",
    ],
)
def test_fighting_beside_a_truce_or_going_on_stays_a_breach(text: str) -> None:
    assert len(of_type("breach", text)) == 1
    with switched_off(["breach.outbreak_in_truce"]):
        assert len(of_type("breach", text)) == 1


# --- statement.withdrawal_told -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Israeli military officials said the army had begun withdrawing troops from the valley.",
        "The Israeli army announced today that it has withdrawn from the town of Kessa.",
        "The Syrian defence ministry said army units have started pulling back from Tavor.",
        "The Syrian defence ministry said its forces completed their withdrawal from Tavor.",
    ],
)
def test_a_withdrawal_told_as_under_way_is_no_statement(text: str) -> None:
    assert of_type("statement", text) == []
    with switched_off(["statement.withdrawal_told"]):
        assert len(of_type("statement", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # demanded
        "The Lebanese prime minister said Israel must withdraw from the occupied villages.",
        # a condition
        "The Sudanese army said it would agree to a truce only once the RSF withdraws "
        "from the towns.",
        # withdrawn from the deal, not from a place: the truce's fate, left to other rules
        "Pashinyan said Armenia has withdrawn from the peace process.",
    ],
)
def test_a_withdrawal_demanded_or_from_a_deal_is_left_alone(text: str) -> None:
    found = len(of_type("statement", text))
    assert found == 1
    with switched_off(["statement.withdrawal_told"]):
        assert len(of_type("statement", text)) == found


# --- clock times that are no time of day ---------------------------------------------------


def test_24_00_is_the_next_midnight() -> None:
    text = "The truce runs from 12:00 on January 6 to 24:00 on January 7."
    refs = find_times(text, date(2023, 1, 5))
    assert [r.date for r in refs] == [datetime(2023, 1, 6, 12), datetime(2023, 1, 8, 0)]


@pytest.mark.parametrize(
    "text",
    [
        "The home side won 99:99 on Friday.",
        "The score stood at 24:30 on Friday.",
        "The vote was 10:75 on Friday.",
        "It was signed at 13 p.m. on Friday.",
    ],
)
def test_a_clock_that_is_no_time_of_day_leaves_the_day_alone(text: str) -> None:
    # Break-it: such figures once raised ValueError and stopped the whole report's extraction.
    [ref] = find_times(text, date(2023, 1, 5))
    assert (ref.date, ref.precision, ref.text) == (date(2022, 12, 30), "day", "Friday")
    candidates("The truce began on Friday. " + text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It began at 7 a.m. (2500 GMT) on Friday.", datetime(2022, 12, 30, 7)),
        ("It began at midnight (0075 GMT on Friday).", datetime(2023, 1, 5, 0)),
    ],
)
def test_a_gmt_equivalent_that_is_no_time_is_ignored(text: str, expected: datetime) -> None:
    [ref] = find_times(text, date(2023, 1, 5))
    assert (ref.date, ref.precision) == (expected, "exact")
    candidates("The truce began on Friday. " + text)


def test_a_gmt_equivalent_still_sets_the_zone() -> None:
    [ref] = find_times("The truce ended at 24:00 (2200 GMT) on January 7.", date(2023, 1, 5))
    assert ref.date == datetime(2023, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))


# --- start.deadline_anchor ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Under the deal, all forces would pull back within 21 days of the start of the truce.",
        "Both sides pledged not to seek advantage in the period prior to the start of the "
        "ceasefire.",
        "The monitors will stay in their barracks until the start of the ceasefire.",
    ],
)
def test_the_start_as_a_deadline_anchor_is_no_start(text: str) -> None:
    assert of_type("ceasefire_start", text) == []
    with switched_off(["start.deadline_anchor"]):
        assert len(of_type("ceasefire_start", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Aid trucks crossed into the south following the start of the ceasefire.",
        "Since the start of the truce on October 10, prices have fallen.",
    ],
)
def test_the_start_told_as_a_time_stays_a_start(text: str) -> None:
    assert len(of_type("ceasefire_start", text)) == 1

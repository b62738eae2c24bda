"""Round 5 (helper round "exdates3"): an undated single casualty figure takes the day the story
is about; a party's position told as a deed has no speaker; an agency after a capital "The"
relays. Every sentence is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.attributed import sources
from tests.extract.invented import candidates, of_type
from truce.extract.components.story_day import story_day
from truce.extract.model import Candidate
from truce.extract.switches import switched_off

WEDNESDAY = date(2031, 5, 14)


def _days(kind: str, text: str, published: date | None = WEDNESDAY) -> list[date | None]:
    return [c.date for c in of_type(kind, text, published)]  # type: ignore[arg-type]


def test_an_undated_release_stays_undated() -> None:
    # `date.release_story_day` was measured and dropped (its gains sat in one conflict): a
    # release told with no day of its own and no dated event near it keeps none.
    assert _days("release", "According to the ministry, Ukraine released 95 people.") == [None]


def test_an_undated_page_dates_no_single_act() -> None:
    assert _days("casualty_claim", "At least 12 people were wounded in the shelling.", None) == [
        None
    ]


def test_a_single_toll_takes_the_story_day() -> None:
    text = "At least 12 people were wounded in the shelling, medics said."
    assert _days("casualty_claim", text) == [WEDNESDAY]
    # A report whose events fall on the Monday: the toll told four sentences on is the Monday's.
    story = (
        "Russia freed 12 detainees on Monday in an exchange. The talks were long. "
        "Officials met at night. Families waited at the border. "
        "At least 12 people were wounded in the shelling, medics said."
    )
    assert _days("casualty_claim", story) == [date(2031, 5, 12)]
    with switched_off(["date.toll_story_day"]):
        assert _days("casualty_claim", text) == [None]


@pytest.mark.parametrize(
    "text",
    [
        "The fighting killed at least 47 people in three weeks of fighting.",
        "The war has killed more than 3,000 people.",
        "Thousands of people were killed in the clashes.",
        "The death toll stands at 310, the ministry said.",
        "The siege, which had lasted 40 days, had claimed the lives of over 9,000 people.",
    ],
)
def test_a_cumulative_toll_takes_no_story_day(text: str) -> None:
    assert all(d is None for d in _days("casualty_claim", text))


def test_the_story_day_is_the_day_most_events_fall_on_not_after_publication() -> None:
    def dated(day: date | None, precision: str | None = "day") -> Candidate:
        c = Candidate(type="release", span=(0, 1), document="t")
        c.date, c.date_precision = day, precision
        return c

    monday, tuesday, friday = date(2031, 5, 12), date(2031, 5, 13), date(2031, 5, 16)
    events = [dated(tuesday), dated(monday), dated(monday), dated(friday), dated(friday)]
    events += [dated(friday), dated(date(2031, 5, 1), "month"), dated(None)]
    assert story_day(events, WEDNESDAY) == monday  # Friday is after publication
    assert story_day([dated(tuesday), dated(monday)], WEDNESDAY) == tuesday  # first told
    assert story_day([dated(date(2031, 5, 1), "month")], WEDNESDAY) == WEDNESDAY


def _speakers(text: str) -> list[str | None]:
    return [c.source.speaker for c in candidates(text) if c.type == "statement"]


@pytest.mark.parametrize(
    "text",
    [
        "Israel is pressing for the release of more children.",
        "Russia refused to endorse a full ceasefire.",
        "Russia declined to endorse a full ceasefire.",
        "Israel has tied the start of talks to the handover of all the remains.",
    ],
)
def test_a_position_told_as_a_deed_has_no_speaker(text: str) -> None:
    assert _speakers(text) == [None]


def test_a_position_in_words_keeps_its_speaker() -> None:
    assert _speakers("Qatar welcomed the agreement.") == ["Qatar"]
    assert _speakers("Egypt urged both sides to hold their fire.") == ["Egypt"]


def test_position_as_deed_switched_off_names_the_party() -> None:
    with switched_off(["attribution.position_as_deed"]):
        assert _speakers("Israel is pressing for the release of more children.") == ["Israel"]


@pytest.mark.parametrize(
    ("text", "via"),
    [
        (
            "A military official told The Associated Press that the army would agree to a truce.",
            "The Associated Press",
        ),
        (
            "Ivan Petrov, a senior official, said he expected a truce within a day, but warned "
            'that the group has "no shortage of rockets," The Associated Press reported.',
            "The Associated Press",
        ),
        (
            "Ivan Petrov said the talks went on, The Associated Press reported.",
            "The Associated Press",
        ),
    ],
)
def test_an_agency_after_a_capital_the_relays(text: str, via: str) -> None:
    assert [s.via for s in sources(text)] == [via]
    with switched_off(["attribution.the_agency"]):
        assert [s.via for s in sources(text)] == [None]


def test_the_agency_needs_an_agency_after_the() -> None:
    # "The Council" is no agency: no relay is made up from a capital "The".
    text = "A military official told The Council that the army would agree."
    assert [s.via for s in sources(text)] == [None]

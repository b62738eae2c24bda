"""Dates and attribution on real reports, round 4 (helper round "exdates2"): a state's organ
named with a possessive keeps the name as written; "last November" and "next March" are months.
Every sentence is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.attributed import sources
from truce.extract.components.times import find_times
from truce.extract.model import SourceRef
from truce.extract.switches import switched_off


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Thailand's foreign ministry said the pause would hold.", "Thailand's foreign ministry"),
        ("Egypt’s Defence Ministry said talks went on.", "Egypt’s Defence Ministry"),
        ("Qatar's armed forces said the convoy passed.", "Qatar's armed forces"),
    ],
)
def test_a_states_organ_keeps_the_possessive_as_written(text: str, speaker: str) -> None:
    assert sources(text)[0].speaker == speaker


def test_possessive_as_written_switched_off_gives_the_adjective() -> None:
    with switched_off(["attribution.possessive_as_written"]):
        assert sources("Thailand's foreign ministry said the pause would hold.")[0].speaker == (
            "Thai foreign ministry"
        )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An office's name and a broadcaster keep the earlier spellings.
        (
            "The Israeli prime minister's office said the list arrived.",
            "Israeli prime minister's office",
        ),
        ("Israel's Channel 12 said the list arrived.", "Channel 12"),
    ],
)
def test_offices_and_broadcasters_are_not_read_as_written(text: str, speaker: str) -> None:
    assert sources(text)[0].speaker == speaker


PUBLISHED = date(2031, 1, 14)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The accord signed last November still holds.", date(2030, 11, 1)),
        ("The accord signed last January still holds.", date(2030, 1, 1)),
        ("Talks resume next March in Oslo.", date(2031, 3, 1)),
        ("Talks resume next January in Oslo.", date(2032, 1, 1)),
        ("The truce agreed last May was broken.", date(2030, 5, 1)),
    ],
)
def test_last_or_next_month_is_that_month(text: str, day: date) -> None:
    found = [t for t in find_times(text, PUBLISHED) if t.precision == "month"]
    assert [(t.date, t.precision) for t in found] == [(day, "month")]


def test_last_month_name_switched_off_dates_nothing() -> None:
    with switched_off(["date.last_month_name"]):
        assert find_times("The accord signed last November still holds.", PUBLISHED) == []


def test_last_month_name_needs_no_day_after_it() -> None:
    # "last May 3" is no month: the day after the name is a date of its own.
    found = find_times("The truce agreed on May 3 last year held.", PUBLISHED)
    assert [t.precision for t in found] == ["day"]


def _speakers(text: str) -> list[str | None]:
    from tests.extract.invented import candidates

    return [c.source.speaker for c in candidates(text) if c.type == "casualty_claim"]


def test_a_bare_ministry_is_the_ministry_of_the_land_named() -> None:
    text = (
        "Three people were killed in a drone strike in southern Lebanon, the Health Ministry said."
    )
    assert _speakers(text) == ["Lebanese Health Ministry"]


def test_a_bare_ministry_takes_the_land_the_report_names_elsewhere() -> None:
    text = (
        "Shelling went on overnight in Gaza.\n\n"
        "Four people were killed on Monday, the Ministry of Health said."
    )
    assert _speakers(text) == ["Gaza Ministry of Health"]


def test_a_ministry_named_with_its_state_is_kept() -> None:
    text = "Three people were killed in southern Lebanon, the Israeli Health Ministry said."
    assert _speakers(text) == ["Israeli Health Ministry"]


def test_ministry_of_the_place_switched_off_keeps_the_bare_name() -> None:
    text = (
        "Three people were killed in a drone strike in southern Lebanon, the Health Ministry said."
    )
    with switched_off(["attribution.ministry_of_the_place"]):
        assert _speakers(text) == ["Health Ministry"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Saraya Battalions, the armed wing of the movement, said the pause held.",
            "Saraya Battalions",
        ),
        ("Hamas, the group that runs the strip, said the pause held.", "Hamas"),
        ("The Northern Front, a rebel alliance, said talks went on.", "Northern Front"),
    ],
)
def test_a_body_speaks_by_its_name_not_its_description(text: str, speaker: str) -> None:
    assert sources(text)[0].speaker == speaker


def test_name_before_description_switched_off_takes_the_description() -> None:
    text = "Saraya Battalions, the armed wing of the movement, said the pause held."
    with switched_off(["attribution.name_before_description"]):
        assert sources(text)[0].speaker != "Saraya Battalions"


def _dates(text: str, kind: str, published: date = date(2031, 5, 30)) -> list[date | None]:
    from tests.extract.invented import of_type

    return [c.date for c in of_type(kind, text, published)]


def test_a_time_closing_a_relative_clause_dates_that_clause_not_the_event() -> None:
    text = (
        "The two armies on Thursday agreed to a five-day extension of a truce they signed on "
        "May 20 in Geneva."
    )
    assert _dates(text, "ceasefire_extension") == [date(2031, 5, 29)]


def test_a_relative_clause_after_a_comma_still_counts() -> None:
    text = (
        "The health ministry said on Thursday that shelling killed four people, straining the "
        "truce that took effect on May 2."
    )
    assert _dates(text, "casualty_claim") == [date(2031, 5, 29)]


def test_relative_clause_switched_off_takes_the_clause_day() -> None:
    text = (
        "The health ministry said on Thursday that shelling killed four people, straining the "
        "truce that took effect on May 2."
    )
    with switched_off(["date.relative_clause"]):
        assert _dates(text, "casualty_claim") == [date(2031, 5, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "The truce will reportedly be monitored by Norway.",
        "Local sources report that the militia shelled the town twice.",
        "There have been several reports of shelling near the border during the truce.",
    ],
)
def test_what_is_reported_comes_from_an_unnamed_source(text: str) -> None:
    found = sources(text)[0]
    assert (found.speaker, found.anonymous) == (None, True)


def test_a_named_speaker_is_not_made_anonymous_by_reports() -> None:
    found = sources("Qatar said reports that the talks had failed were false.")[0]
    assert (found.speaker, found.anonymous) == ("Qatar", False)


def test_reported_anonymously_switched_off_leaves_the_narration() -> None:
    with switched_off(["attribution.reported_anonymously"]):
        assert sources("The truce will reportedly be monitored by Norway.")[0] == SourceRef()

"""Round 9, branch `exweak2`: truce starts said of the deal or with the time they run from,
meetings told as held with no party named, and two readings that are not meetings (a deal
negotiated, talks by telephone). Invented sentences only."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _starts(text: str) -> list[str | None]:
    return [c.modality for c in of_type("ceasefire_start", text)]


def _meetings(text: str) -> list[str | None]:
    return [c.modality for c in of_type("meeting", text)]


@pytest.mark.parametrize(
    "text",
    [
        "The first phase took effect on Friday.",
        "The temporary peace, which took effect on October 11, has let the markets reopen.",
        "The agreement, which has been in effect since August 3, will end on Monday.",
        "The envoy announced the truce, saying it had taken effect hours earlier, at 8pm.",
        "Their accord officially came into force at midnight on Sunday.",
    ],
)
def test_a_deal_or_it_taking_effect_at_a_time_starts_the_truce(text: str) -> None:
    assert _starts(text) == ["occurred"]
    with switched_off(["start.deal_took_effect"]):
        assert _starts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rockets were fired minutes after it took effect.",  # a time clause
        "The first phase took effect.",  # no time after it
        "The new tax law, which took effect on Monday, raises prices.",  # no deal named
        "The second phase will take effect once the hostages are home.",  # ahead, no time
        "If the agreement takes effect on Friday, the crossings will open.",  # an if-clause
    ],
)
def test_no_start_from_a_time_clause_no_time_or_no_deal(text: str) -> None:
    assert _starts(text) == []


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Follow-up meetings will be held in the coming days.", "planned"),
        ("Follow-up meetings are slated for next week.", "planned"),
        ("The next round of discussions will take place on May 25.", "planned"),
        ("The committee has held its first meeting.", "occurred"),
        ("The minister chaired a meeting to review the accord.", "occurred"),
    ],
)
def test_a_meeting_told_as_held_needs_no_party(text: str, modality: str) -> None:
    assert _meetings(text) == [modality]
    with switched_off(["meeting.held_no_party"]):
        assert _meetings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hostages held in tunnels were freed on Monday.",
        "The bill was held up by committee talks.",
        "The talks were held back by the weather.",
        "The convoy was held at the crossing for hours.",
    ],
)
def test_held_without_a_meeting_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it had negotiated a ceasefire between Armenia and Azerbaijan.",
        "Egypt negotiated the ceasefire that ended the war between Israel and Hamas.",
        "Qatar and Egypt negotiated the release of 50 hostages held by Hamas.",
    ],
)
def test_a_deal_negotiated_is_not_a_meeting(text: str) -> None:
    assert _meetings(text) == []
    with switched_off(["meeting.negotiated_deal"]):
        assert len(_meetings(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "On May 12, Biden had telephone talks with Israel's prime minister Netanyahu.",
        "The army chiefs of India and Pakistan discussed several matters over call on Thursday.",
        "Israel and Hamas negotiators talked by phone on Sunday.",
    ],
)
def test_talks_by_telephone_are_not_a_meeting(text: str) -> None:
    assert _meetings(text) == []


def test_talks_by_telephone_are_a_meeting_with_the_rule_off() -> None:
    text = "The army chiefs of India and Pakistan discussed several matters over call on Thursday."
    with switched_off(["meeting.by_phone"]):
        assert len(_meetings(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Israel and Hamas negotiated in Cairo on Monday.",
        "The envoys of Israel and Hamas held talks in Cairo.",
        "Israel and Hamas met in Doha after a phone call between their mediators.",
    ],
)
def test_talks_in_person_stay_meetings(text: str) -> None:
    assert len(_meetings(text)) == 1


def _terms(text: str) -> list[str | None]:
    return [c.modality for c in of_type("agreement_term", text)]


@pytest.mark.parametrize(
    "text",
    [
        "In the interest of peace, the two DGMOs agreed to address each other's core concerns.",
        "He added that both neighboring countries have agreed to respect each other's borders.",
        "The two armies agreed to pull back from the border.",
        "Both the governments agreed on the reopening of the Batken road.",
    ],
)
def test_the_two_parties_named_by_what_they_are_agreeing_set_a_term(text: str) -> None:
    assert _terms(text) == ["occurred"]
    with switched_off(["term.two_parties_agreed"]):
        assert _terms(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders agreed to meet again next month.",  # a meeting planned, not a term
        "The two men agreed that the weather was bad.",  # no plural in "s"
        "Analysts in both capitals doubt the truce will hold.",  # nothing agreed
    ],
)
def test_no_term_from_agreeing_to_meet_or_no_agreement(text: str) -> None:
    assert _terms(text) == []


def test_a_deal_in_effect_since_a_day_started_that_day() -> None:
    found = of_type(
        "ceasefire_start", "The agreement, which has been in effect since March 3, holds."
    )
    assert [(c.date.month, c.date.day) for c in found if c.date is not None] == [(3, 3)]


def test_break_it_long_runs_of_the_new_cues_stay_bounded() -> None:
    # A hostile page: the new rules' cues repeated without end, in one sentence and in many.
    one = "Follow-up meetings will be held and the first phase took effect from " * 400
    many = "Follow-up meetings will be held. The first phase took effect on Friday. " * 200
    cues = "negotiated the ceasefire over call by phone the two DGMOs agreed to " * 300
    for text in (one, many, cues):
        found = of_type("meeting", text) + of_type("ceasefire_start", text)
        assert len(found) <= len(text) // 20

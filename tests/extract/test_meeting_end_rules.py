"""Round 5 (exmeet): truce ends told as a noun or called off by an extension, talks told as
held, and starts that belong to something else. Every sentence here is invented."""

from __future__ import annotations

from datetime import date

from tests.extract.invented import of_type
from truce.extract.switches import switched_off

# end.noun


def test_the_end_of_a_truce_told_as_a_noun_is_its_end() -> None:
    text = "The army shelled the valley again following the end of the harvest truce."
    ends = of_type("ceasefire_end", text)
    assert len(ends) == 1 and ends[0].modality == "occurred"
    text = (
        "The rebels declared a new truce on Monday, days after the expiry of a previous ceasefire."
    )
    assert len(of_type("ceasefire_end", text)) == 1
    with switched_off(["end.noun"]):
        assert of_type("ceasefire_end", text) == []


def test_an_end_noun_in_words_of_a_speaker_or_ahead_is_no_end() -> None:
    # Said by someone (the statement tells it), quoted, or ahead of time: no end.
    said = "The council stressed that raids in the hours after the end of the pause hurt talks."
    assert of_type("ceasefire_end", said) == []
    quoted = "“We will strike again right after the end of the truce,” the commander said."
    assert of_type("ceasefire_end", quoted) == []
    ahead = "Both armies will withdraw by the end of the truce in the hills."
    assert of_type("ceasefire_end", ahead) == []
    # An end of something else is none.
    assert of_type("ceasefire_end", "Villagers fled after the end of the harvest season.") == []


# end.extended_instead


def test_a_truce_due_to_end_that_is_extended_does_not_end() -> None:
    text = "Envoys said the truce, which was due to expire at noon, would be extended by two days."
    assert of_type("ceasefire_end", text) == []
    assert len(of_type("ceasefire_extension", text)) == 1
    text = (
        "Envoys said the river truce will be extended by two days, just as the ten-day pause in "
        "the hills was set to end."
    )
    assert of_type("ceasefire_end", text) == []
    # `end.scheduled_past` (exprec3) reads the same sentence the same way.
    with switched_off(["end.extended_instead", "end.scheduled_past"]):
        assert len(of_type("ceasefire_end", text)) == 1


def test_a_truce_due_to_end_with_no_extension_is_a_planned_end() -> None:
    ends = of_type("ceasefire_end", "The river truce was due to expire at midnight on Sunday.")
    assert len(ends) == 1 and ends[0].modality == "planned"


# meeting.talks_held


def test_talks_told_over_days_are_a_meeting_even_as_the_way_to_a_deal() -> None:
    text = (
        "The accord came after four days of discussions in Nairobi between Armenia and Azerbaijan."
    )
    meetings = of_type("meeting", text)
    assert len(meetings) == 1 and meetings[0].location == "Nairobi"
    with switched_off(["meeting.talks_held"]):
        assert of_type("meeting", text) == []


def test_talks_that_started_on_a_day_are_a_meeting() -> None:
    text = "Armenia and Azerbaijan reached the accord through negotiations that started on May 6."
    assert len(of_type("meeting", text)) == 1
    # Talks only as the means, with nothing telling they were held: no meeting (as before).
    assert (
        of_type("meeting", "Armenia and Azerbaijan reached the accord through negotiations.") == []
    )


# start.other_subject


def test_what_began_in_a_relative_clause_on_talks_or_a_war_is_no_truce_start() -> None:
    text = "The truce was reached through negotiations that started on May 6 in Jeddah."
    assert of_type("ceasefire_start", text) == []
    text = "The ceasefire was meant to end ten days of conflict that began with a border raid."
    assert of_type("ceasefire_start", text) == []
    with switched_off(["start.other_subject"]):
        assert len(of_type("ceasefire_start", text)) == 1


def test_a_truce_in_a_war_that_begins_is_still_a_start() -> None:
    text = "The first pause in a 40-day-old war began at 7 a.m. on Friday."
    assert len(of_type("ceasefire_start", text)) == 1


# truce.pronoun_time_clause


def test_after_it_took_effect_places_a_breach_and_starts_no_truce() -> None:
    text = "Armenia accused Azerbaijan of violating the ceasefire minutes after it took effect."
    assert of_type("ceasefire_start", text) == []
    assert len(of_type("breach", text)) == 1
    text = "The future of the truce looks bleak as raiders have killed 12 villagers since it began."
    assert of_type("ceasefire_start", text) == []
    with switched_off(["truce.pronoun_time_clause"]):
        assert len(of_type("ceasefire_start", text)) == 1


def test_a_pronoun_time_clause_with_its_date_still_dates_the_start() -> None:
    # "since it took effect on Saturday" tells when the truce began (rule date kept).
    starts = of_type("ceasefire_start", "The truce has held since it took effect on Saturday.")
    assert len(starts) == 1 and starts[0].date == date(2024, 6, 8)  # the Saturday before


# start.truce_then_time


def test_a_truce_named_with_the_time_it_starts_from_starts() -> None:
    text = "Armenia and Azerbaijan agreed to an “immediate ceasefire” beginning at midnight."
    assert len(of_type("ceasefire_start", text)) == 1
    text = "The two sides agreed on a full ceasefire on March 2, starting from 5 March."
    assert len(of_type("ceasefire_start", text)) == 1
    text = "The delegations signed a lasting ceasefire agreement with immediate effect."
    assert len(of_type("ceasefire_start", text)) == 1
    with switched_off(["start.truce_then_time"]):
        assert of_type("ceasefire_start", text) == []


def test_a_truce_beginning_with_no_time_after_it_starts_nothing_new() -> None:
    # "beginning to fray": no time follows, so no start from this rule.
    text = "Observers saw the ceasefire beginning to fray in the hills."
    assert of_type("ceasefire_start", text) == []

"""Event rules on sentences written for these tests (not from the gold set)."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract

_NLP = build_pipeline()


def _found(text: str, kind: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2022, 9, 14))
    return [c for c in extract(_NLP, article) if c.type == kind]


def test_extending_the_truce_itself_needs_no_duration() -> None:
    (found,) = _found("Envoys were trying to extend the ceasefire in Yemen.", "ceasefire_extension")
    assert (found.modality, found.quantities) == ("hoped", [])


def test_extending_something_else_without_a_duration_is_no_extension() -> None:
    assert _found("Qatar extended an invitation to both delegations.", "ceasefire_extension") == []


def test_a_source_briefed_on_talks_is_no_meeting() -> None:
    text = "An official briefed on the talks said Egypt had sent new proposals."
    assert _found(text, "meeting") == []


def test_the_meeting_after_a_source_description_is_found() -> None:
    text = "A diplomat familiar with the negotiations said Egypt and Qatar met in Cairo on Monday."
    (found,) = _found(text, "meeting")
    assert found.participants == ["egypt", "qatar"]


def test_talks_in_a_named_city_are_a_meeting_without_named_parties() -> None:
    (found,) = _found("The deal follows talks in Muscat that lasted two days.", "meeting")
    assert found.location == "Muscat"


def test_a_release_the_deal_sets_is_a_planned_release() -> None:
    text = "Under the agreement, the Houthis are to free 40 detainees and Riyadh is to free 20."
    found = _found(text, "release")
    assert [(c.modality, c.quantities[0].value) for c in found] == [("planned", 40.0)]


def test_a_headline_without_a_full_stop_does_not_hide_the_next_paragraph() -> None:
    text = "Share | Email | Print\n\nHamas freed 12 hostages on Monday, Qatar said."
    (found,) = _found(text, "release")
    assert found.quantities[0].value == 12


def test_an_unnamed_source_speaks_for_the_party_its_description_names() -> None:
    (found,) = _found("A Qatari official briefed on the talks said progress was slow.", "statement")
    assert found.actor == "qatar"


def test_unaffiliated_commentary_is_no_statement() -> None:
    assert _found("Western diplomats said the offer looked designed for show.", "statement") == []
    assert _found("One official, who asked not to be named, said it was late.", "statement") == []


def test_a_party_standing_by_the_deal_makes_a_statement_not_a_term() -> None:
    text = "The Houthis said they remained committed to the truce as long as Riyadh kept its word."
    (found,) = _found(text, "statement")
    assert (found.actor, found.modality) == ("houthis", "conditional")
    assert _found(text, "agreement_term") == []


def test_an_undated_release_takes_the_date_the_story_is_at() -> None:
    text = "Israel freed 20 prisoners on Monday. Hours later, Hamas released five hostages."
    first, second = _found(text, "release")
    assert first.date == second.date == date(2022, 9, 12)


def test_the_story_date_does_not_reach_far_or_into_plans() -> None:
    text = (
        "Israel freed 20 prisoners on Monday. The talks went on. Aid was short. "
        "Hamas released five hostages. Hamas is to free 10 more hostages."
    )
    assert [c.date for c in _found(text, "release")] == [date(2022, 9, 12), None, None]


def test_a_time_after_since_starts_a_span_and_dates_no_event() -> None:
    (found,) = _found("Hamas freed 3 hostages held since the 7 October attack.", "release")
    assert found.date is None


def test_a_statement_is_not_dated_by_publication() -> None:
    (found,) = _found("Egypt said the crossing would stay open.", "statement")
    assert found.date is None


def test_a_party_freeing_a_named_group_is_a_release_without_a_count() -> None:
    (found,) = _found("In return, Russia freed Ukrainian detainees held in Crimea.", "release")
    assert (found.actor, found.quantities) == ("russia", [])


def test_the_next_handover_of_a_series_is_a_planned_release() -> None:
    (found,) = _found("The next exchange is expected on Sunday.", "release")
    assert (found.modality, found.date) == ("planned", date(2022, 9, 18))


def test_people_returned_home_were_released() -> None:
    (found,) = _found("Kyiv said 95 Ukrainians had been returned from captivity.", "release")
    assert found.quantities[0].value == 95


def test_the_party_calling_to_free_prisoners_releases_no_one_without_a_subject() -> None:
    assert _found("Protesters demanded that the army free prisoners.", "release") == []


def test_a_truce_event_involves_both_sides_of_the_story() -> None:
    text = (
        "Hamas and Israel agreed to a four-day truce. Israel will free 150 prisoners. "
        "Hamas said the truce began on Friday."
    )
    article = Article(text=text, document="t", published=date(2022, 9, 14))
    found = {c.type: c for c in extract(_NLP, article)}
    assert found["release"].participants == ["hamas", "israel"]
    assert found["ceasefire_start"].participants == ["hamas", "israel"]


def test_the_actor_is_always_a_participant() -> None:
    (found,) = _found("Egypt said Israeli shelling had continued near Rafah.", "breach")
    assert found.actor == "israel"
    assert "israel" in found.participants


def test_an_exchange_of_equal_counts_is_a_release_by_each_side() -> None:
    text = "Kyiv and Moscow swapped 90 prisoners each on Friday."
    found = _found(text, "release")
    assert sorted((c.actor or "", c.quantities[0].value) for c in found) == [
        ("russia", 90),
        ("ukraine", 90),
    ]

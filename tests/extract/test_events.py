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


def test_a_time_after_since_starts_a_span_and_dates_no_event() -> None:
    (found,) = _found("Hamas freed 3 hostages held since the 7 October attack.", "release")
    assert found.date is None


def test_a_statement_is_not_dated_by_publication() -> None:
    (found,) = _found("Egypt said the crossing would stay open.", "statement")
    assert found.date is None


def test_an_order_to_stop_attacking_starts_a_truce_by_the_side_that_gave_it() -> None:
    (found,) = _found(
        "The Houthis ordered the group's fighters to halt all attacks on shipping, a spokesman "
        "said.",
        "ceasefire_start",
    )
    assert (found.actor, found.modality) == ("houthis", "occurred")
    (second,) = _found(
        "Israel ordered its air force to stop bombing the city on Sunday.", "ceasefire_start"
    )
    assert second.actor == "israel"


def test_an_order_to_attack_or_an_order_under_a_condition_starts_nothing() -> None:
    assert _found("Israel ordered its troops to advance on the city.", "ceasefire_start") == []
    assert (
        _found(
            "Hamas said it would resume fighting if Israel ordered its army to stop firing only "
            "in the north.",
            "ceasefire_start",
        )
        == []
    )


def test_a_halt_that_takes_effect_is_a_start() -> None:
    (found,) = _found("The halt took effect at dawn on Sunday, the army said.", "ceasefire_start")
    assert found.modality == "occurred"
    assert _found("Officials said the halt in deliveries would end soon.", "ceasefire_start") == []


def _starts(text: str) -> list[date | None]:
    return [c.date for c in _found(text, "ceasefire_start")]


def test_a_truce_that_entered_into_force_or_commenced_starts() -> None:
    assert len(_starts("The truce, which entered into force on May 12, has mostly held.")) == 1
    assert len(_starts("The ceasefire commenced early on Monday across the province.")) == 1
    assert len(_starts("A fragile ceasefire in the valley has taken effect, officials said.")) == 1


def test_a_truce_that_will_begin_starts() -> None:
    assert len(_starts("The pause will begin at 6am on Sunday, the mediators said.")) == 1


def test_a_dated_start_in_a_time_clause_is_the_start() -> None:
    assert _starts("Twelve convoys have arrived since the truce took effect on May 2.") == [
        date(2022, 5, 2)
    ]
    assert _starts("Since the start of the truce on May 10, both sides have traded fire.") == [
        date(2022, 5, 10)
    ]


def test_an_undated_time_clause_stays_a_reference_point() -> None:
    assert _starts("Twelve convoys have arrived since the truce took effect.") == []
    assert _starts("They said the time at which the pause begins would be set within a day.") == []


def test_meeting_a_need_is_no_meeting() -> None:
    text = "Egypt and Jordan said the convoys must meet the basic needs of the displaced families."
    assert _found(text, "meeting") == []


def test_talks_named_as_the_means_of_a_deal_are_no_meeting() -> None:
    text = "The truce was reached after talks in Doha between Egypt and Israel."
    assert _found(text, "meeting") == []
    text = "Qatar and Egypt announced a suspension of the Cairo talks between the two sides."
    assert _found(text, "meeting") == []


def test_talks_named_with_their_date_are_a_meeting() -> None:
    text = "At the talks on September 3 in Doha, Egypt and Israel agreed on a new exchange."
    assert len(_found(text, "meeting")) == 1


def test_a_ship_docking_or_flights_resuming_are_deliveries() -> None:
    assert len(_found("A fuel tanker docked at the port of Aden on Tuesday.", "aid_delivery")) == 1
    text = "Commercial flights have resumed from the capital to Amman under the truce."
    assert len(_found(text, "aid_delivery")) == 1


def test_a_duration_before_the_extension_is_its_length() -> None:
    text = "The two armies agreed on Monday to a three-day extension of the ceasefire."
    (found,) = _found(text, "ceasefire_extension")
    assert [(q.value, q.unit) for q in found.quantities] == [(3, "days")]


def test_a_meeting_placed_in_a_city_needs_no_named_party() -> None:
    (found,) = _found("The delegations met in Turkey's Istanbul on Friday.", "meeting")
    assert found.location is not None and "Istanbul" in found.location
    (found,) = _found("The envoys agreed on new steps at a meeting in Geneva.", "meeting")
    assert found.location is not None and "Geneva" in found.location


def test_a_truce_begun_by_a_party_or_set_to_start_on_a_day_is_a_start() -> None:
    (found,) = _found("Hezbollah and Israel commenced a ceasefire on Wednesday.", "ceasefire_start")
    assert found.modality == "occurred"
    (found,) = _found(
        "The Houthis and the government agreed to a two-month truce starting Saturday.",
        "ceasefire_start",
    )
    assert found.date is not None
    assert _found("The minister announced a ceasefire on television.", "ceasefire_start") == []


def test_ships_arriving_or_let_in_to_dock_are_deliveries() -> None:
    (found,) = _found("Only 33 vessels have arrived at Hodeidah port since April.", "aid_delivery")
    assert [q.value for q in found.quantities] == [33]
    assert (
        len(_found("The truce has allowed oil tankers to dock in Hodeidah.", "aid_delivery")) == 1
    )

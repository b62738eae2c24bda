"""Shared argument rules: whether a start or end is the truce's, and hypothetical clauses."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract

_NLP = build_pipeline()


def _types(text: str) -> list[str]:
    article = Article(text=text, document="t", published=date(2024, 6, 12))
    return [c.type for c in extract(_NLP, article)]


def test_a_truce_heading_its_clause_starts_even_far_from_the_verb() -> None:
    text = (
        "A humanitarian truce in Sudan negotiated over three weeks by Saudi and American "
        "envoys came into force on Monday."
    )
    assert "ceasefire_start" in _types(text)


def test_the_trigger_said_of_the_truce_is_found_after_another_one() -> None:
    text = "Troops started pulling back on Tuesday under a ceasefire that took hold on Friday."
    assert _types(text).count("ceasefire_start") == 1


def test_a_relative_clause_still_speaks_of_the_truce() -> None:
    assert "ceasefire_start" in _types("It is the third day of the truce, which began on Sunday.")


def test_a_start_in_a_time_clause_is_background() -> None:
    assert "ceasefire_start" not in _types(
        "Hours after the ceasefire began, 20 prisoners were freed."
    )
    assert "ceasefire_start" not in _types("They will name the hour at which the pause begins.")


def test_something_else_beginning_near_the_truce_is_not_its_start() -> None:
    assert "ceasefire_start" not in _types("It lets talks begin by the tenth day of the truce.")


def test_an_end_inside_an_if_clause_is_hypothetical() -> None:
    assert "ceasefire_end" not in _types("Leaders discussed sanctions if the truce collapsed.")
    assert "ceasefire_end" in _types("The truce collapsed on Tuesday after a week.")


def test_a_time_in_a_since_clause_after_the_trigger_dates_nothing() -> None:
    from truce.extract.switches import switched_off

    # Invented: the toll runs from the day the clause names; the day is not the deaths' day.
    text = "The ministry says 900 people have been killed since the clashes began on March 3."

    def toll_date() -> object:
        article = Article(text=text, document="t", published=date(2024, 5, 2))
        (toll,) = [c for c in extract(_NLP, article) if c.type == "casualty_claim"]
        return toll.date

    assert toll_date() is None
    # The toll is in the present perfect, which `date.cumulative_toll` leaves undated too.
    with switched_off(["date.since_clause", "date.cumulative_toll"]):
        assert toll_date() is not None
    # A time before "since" still dates its event.
    dated = "On March 3, 40 people were killed in the region since the truce."
    article = Article(text=dated, document="t", published=date(2024, 5, 2))
    (toll,) = [c for c in extract(_NLP, article) if c.type == "casualty_claim"]
    assert toll.date is not None

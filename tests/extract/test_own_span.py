"""Each candidate's span is its own words (the clauses of its trigger and arguments), and its
sentence stays in `sentence_span` (rule `span.own`). Invented sentences."""

from __future__ import annotations

from datetime import date

from truce.extract.calibration import trigger
from truce.extract.components.own_span import clause_bounds
from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

NLP = build_pipeline()


def run(text: str) -> list[Candidate]:
    return extract(NLP, Article(text=text, document="t", published=date(2031, 5, 7)))


def words(text: str, span: tuple[int, int] | list[int]) -> str:
    return text[span[0] : span[1]]


TWO_RELEASES = (
    "Ravenna's militia freed 14 hostages on Monday, while Ostland released 41 detainees on "
    "Tuesday near the river."
)


def test_two_releases_of_one_sentence_each_have_their_own_clause() -> None:
    first, second = (c for c in run(TWO_RELEASES) if c.type == "release")
    sentence = (0, len(TWO_RELEASES))
    assert first.sentence_span == second.sentence_span == sentence
    assert words(TWO_RELEASES, first.span) == "Ravenna's militia freed 14 hostages on Monday"
    assert words(TWO_RELEASES, second.span).startswith("while Ostland released 41 detainees")
    assert first.span[1] <= second.span[0]  # apart: each pairs with its own gold event
    # Each span holds the figure and the day the candidate carries.
    assert [q.value for q in first.quantities] == [14] and first.date == date(2031, 5, 5)
    assert [q.value for q in second.quantities] == [41] and second.date == date(2031, 5, 6)
    record = first.as_dict()
    assert record["span"] == list(first.span) and record["sentence_span"] == list(sentence)
    assert record["mentions"] == [list(first.span)]


def test_a_sentence_of_one_clause_is_the_span_whole() -> None:
    text = "Ostland released 41 detainees on Tuesday after weeks of talks in Corvo."
    (release,) = (c for c in run(text) if c.type == "release")
    assert release.span == release.sentence_span == (0, len(text))


def test_switched_off_the_span_is_the_sentence() -> None:
    with switched_off(["span.own"]):
        found = [c for c in run(TWO_RELEASES) if c.type == "release"]
    assert len(found) == 2
    assert all(c.span == c.sentence_span == (0, len(TWO_RELEASES)) for c in found)


def test_a_speaker_after_both_clauses_widens_neither_event() -> None:
    text = (
        "Ravenna's militia freed 14 hostages on Monday, and Ostland released 41 detainees on "
        "Tuesday, the Corvo foreign ministry said."
    )
    first, second = (c for c in run(text) if c.type == "release")
    assert words(text, first.span) == "Ravenna's militia freed 14 hostages on Monday"
    assert first.span[1] <= second.span[0]


def test_a_semicolon_and_a_dash_end_clauses() -> None:
    text = "Ostland freed 4 men; Corvo freed 9 women \u2014 and the truce held."
    assert words(text, clause_bounds(text, (0, len(text)), 21, 25)) == "Corvo freed 9 women"
    assert words(text, clause_bounds(text, (0, len(text)), 0, 7)) == "Ostland freed 4 men"
    # A window across a break takes both clauses.
    assert (
        words(text, clause_bounds(text, (0, len(text)), 8, 27))
        == "Ostland freed 4 men; Corvo freed 9 women"
    )


def test_each_mention_of_a_repeated_event_is_narrowed_from_its_own_reading() -> None:
    text = (
        "Russia released 41 detainees on Tuesday, while the talks went on.\n\n"
        "The weather was fine.\n\n"
        "Russia released 41 detainees on Tuesday, and the guards left the camp."
    )
    (release,) = (c for c in run(text) if c.type == "release")
    assert len(release.mentions) == 2
    told = [words(text, m) for m in release.mentions]
    assert told == ["Russia released 41 detainees on Tuesday"] * 2
    assert release.span in release.mentions


def test_the_confidence_feature_reads_the_sentence_not_the_narrow_span() -> None:
    # The trigger-table word of this breach ("accused") is outside the clause a narrow span
    # might keep: the feature must be the one the table was fitted on, read in the sentence.
    text = "Ostland accused Corvo of violating the truce, and Corvo denied it."
    record = {"type": "breach", "span": [46, 65], "sentence_span": [0, len(text)]}
    assert trigger(record, text) == trigger({"type": "breach", "span": [0, len(text)]}, text)


def test_a_statement_runs_on_to_what_is_said() -> None:
    text = (
        "Qatar reiterated its condemnation of the shelling of the camps, and its "
        "demand for an immediate ceasefire."
    )
    (said,) = (c for c in run(text) if c.type == "statement")
    assert said.span == (0, len(text))


def test_a_statement_stops_where_the_next_event_of_its_sentence_begins() -> None:
    text = (
        "Ukraine welcomed the truce on Monday, while Russia accused Ukraine of breaking it twice."
    )
    found = {c.type: c for c in run(text)}
    assert words(text, found["statement"].span) == "Ukraine welcomed the truce on Monday"
    assert words(text, found["breach"].span) == "while Russia accused Ukraine of breaking it twice."


def test_a_second_verb_of_the_same_subject_is_no_new_clause() -> None:
    text = "The truce was agreed on June 9 in Corvo, and will begin on August 3."
    assert clause_bounds(text, (0, len(text)), 0, 9) == (0, len(text))


PLACES = (
    "Ravenna's militia freed 14 hostages in Rafah on Monday, while Israel released 41 "
    "detainees near Ofer prison on Tuesday."
)


def test_each_release_of_a_sentence_takes_the_place_of_its_own_clause() -> None:
    first, second = (c for c in run(PLACES) if c.type == "release")
    assert (first.location, second.location) == ("Rafah", "Ofer prison")
    with switched_off(["place.own_clause"]):
        first, second = (c for c in run(PLACES) if c.type == "release")
    assert (first.location, second.location) == ("Rafah", "Rafah")  # the sentence's first


def test_no_place_is_taken_from_another_candidates_clause() -> None:
    text = "Ravenna's militia freed 14 hostages on Monday, while Israel released 41 detainees "
    text += "near Ofer prison on Tuesday."
    first, second = (c for c in run(text) if c.type == "release")
    assert (first.location, second.location) == (None, "Ofer prison")
    assert words(text, first.span) == "Ravenna's militia freed 14 hostages on Monday"

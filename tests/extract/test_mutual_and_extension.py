"""Mutual accusations are said by each side of the other (`components/mutual.py`, rule
`attribution.mutual_accusation`); an extension is not dated by the truce's new end (rule
`date.extension_new_end`); an unnamed source is someone, not a document (rule
`attribution.anonymous_needs_person`). Every sentence is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from truce.extract.components.actors import find_actors
from truce.extract.components.attribution import attribute
from truce.extract.components.mutual import MUTUAL
from truce.extract.model import Article, Candidate, SourceRef
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()
THURSDAY = date(2031, 3, 13)


def _of(kind: str, text: str) -> list[Candidate]:
    found = extract(_NLP, Article(text=text, document="t", published=THURSDAY))
    return [c for c in found if c.type == kind]


def _said_by(text: str) -> dict[str | None, str | None]:
    return {c.actor: c.source.speaker for c in _of("breach", text)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Both sides have accused each other of violating it.",
        "The two countries exchanged accusations of breaking the truce.",
        "They traded blame for the collapse of the pause.",
        "Accusations have flown back and forth between the two armies.",
        "The rivals accused one another of shelling the town.",
    ],
)
def test_mutual_wording(sentence: str) -> None:
    assert MUTUAL.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Israel accused Hamas of violating the truce.", "The two armies exchanged prisoners."],
)
def test_one_sided_wording_is_not_mutual(sentence: str) -> None:
    assert MUTUAL.search(sentence) is None


def test_each_side_accuses_the_other_named_in_the_sentence() -> None:
    text = "Armenia and Azerbaijan have accused each other of violating the truce in the region."
    assert _said_by(text) == {"armenia": "Azerbaijan", "azerbaijan": "Armenia"}
    with switched_off(["attribution.mutual_accusation"]):
        speakers = set(_said_by(text).values())
    assert speakers == {"Armenia and Azerbaijan"}  # the phrase of both: no one's voice


def test_traded_accusations_give_each_breach_its_accuser() -> None:
    text = "Russia and Ukraine traded accusations on Tuesday of breaking the energy moratorium."
    assert _said_by(text) == {"russia": "Ukraine", "ukraine": "Russia"}
    with switched_off(["attribution.mutual_accusation"]):
        assert set(_said_by(text).values()) == {None}


def test_both_sides_are_the_documents_two_sides() -> None:
    text = (
        "The truce between Israel and Hezbollah has mostly held since November. "
        "Both sides have accused each other of violating it."
    )
    assert _said_by(text) == {"hezbollah": "Israel", "israel": "Hezbollah"}


def test_a_one_sided_accusation_keeps_its_speaker() -> None:
    text = "Israel and Hezbollah agreed a truce. Israel accused Hezbollah of violating the truce."
    assert _said_by(text) == {"hezbollah": "Israel"}


def test_a_mutual_sentence_naming_three_parties_is_left_alone() -> None:
    text = (
        "Russia, Ukraine and Belarus have accused each other of violating the truce, "
        "officials said."
    )
    with switched_off(["attribution.mutual_accusation"]):
        before = _said_by(text)
    assert _said_by(text) == before


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Israel and Hamas agreed on Monday to extend the truce until Friday.", date(2031, 3, 10)),
        ("The mediators on Tuesday announced an extension of the truce to April 30.",
         date(2031, 3, 11)),
        ("Under the deal, the army was to leave the town by March 3, but the deadline was "
         "extended to March 20.", None),
        ("The ceasefire was extended on Wednesday by three days.", date(2031, 3, 12)),
    ],
)  # fmt: skip
def test_an_extension_is_dated_by_its_announcement_not_its_new_end(
    text: str, day: date | None
) -> None:
    [extension] = _of("ceasefire_extension", text)
    assert extension.date == day


def test_new_end_switched_off_dates_the_extension_by_the_new_end() -> None:
    text = (
        "Under the deal, the army was to leave the town by March 3, "
        "but the deadline was extended to March 20."
    )
    with switched_off(["date.extension_new_end"]):
        [extension] = _of("ceasefire_extension", text)
    assert extension.date == date(2031, 3, 20)


def _sources(text: str) -> list[SourceRef]:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    sentences = [(s.start_char, s.end_char) for s in nlp(text).sents]
    found = attribute(text, sentences, find_actors(text), None)
    return [found[i].source for i in range(len(sentences))]


@pytest.mark.parametrize(
    "text",
    [
        "According to the agreement, both armies will pull back from the front within a week.",
        "According to the terms of the deal, a committee will be formed to swap detainees.",
        "Violations continued on Tuesday, with shelling reported against two border towns.",
    ],
)
def test_a_document_or_a_stray_phrase_is_no_anonymous_source(text: str) -> None:
    [found] = _sources(text)
    assert found == SourceRef()
    with switched_off(["attribution.anonymous_needs_person"]):
        [before] = _sources(text)
    assert before.anonymous


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("According to local media, the shelling went on through the night.", "local media"),
        ("According to a senior official, the talks will resume.", "senior official"),
        ("Two sources said the list of detainees was late.", "sources"),
    ],
)
def test_a_person_or_a_reporting_body_stays_an_anonymous_source(text: str, role: str) -> None:
    [found] = _sources(text)
    assert (found.speaker, found.anonymous, found.role) == (None, True, role)


def test_reported_at_least_reports_a_figure() -> None:
    text = "The Health Ministry reported at least three deaths in the strikes."
    [found] = _sources(text)
    assert (found.speaker, found.anonymous) == ("Health Ministry", False)
    with switched_off(["attribution.reported_at_least"]):
        assert _sources(text) == [SourceRef()]


@pytest.mark.parametrize(
    "text",
    [
        "Explosions reported at the border post shook the town.",
        "Heavy shelling was reported at dawn near the town.",
    ],
)
def test_reported_at_a_place_or_time_still_reports_no_one(text: str) -> None:
    assert _sources(text) == [SourceRef()]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Sudan's paramilitary Rapid Support Forces (RSF) said it accepted the truce.",
         "Rapid Support Forces"),
        ("The RSF said on Thursday it accepted the truce.", "Rapid Support Forces"),
        ("Yemen's Houthi rebels said the ships could dock.", "Houthis"),
    ],
)  # fmt: skip
def test_a_described_armed_group_speaks_by_its_name(text: str, speaker: str) -> None:
    [found] = _sources(text)
    assert found.speaker == speaker
    with switched_off(["attribution.group_described"]):
        [before] = _sources(text)
    assert before.speaker != speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The al-Qassam Brigades said the captives were handed over.", "al-Qassam Brigades"),
        ("The Sudanese army said it accepted the truce.", "Sudanese army"),
        ("Hamas and the RSF said nothing.", None),
    ],
)
def test_a_groups_own_proper_name_is_kept(text: str, speaker: str | None) -> None:
    with switched_off(["attribution.group_described"]):
        [before] = _sources(text)
    [found] = _sources(text)
    assert found.speaker == before.speaker
    if speaker is not None:
        assert found.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The truce came into effect at midnight, but the Sudanese army has accused the RSF of "
         "shelling Khartoum.", "Sudanese army"),
        ("Talks went on for hours, yet Qatar said no deal was near.", "Qatar"),
    ],
)  # fmt: skip
def test_but_opening_a_clause_is_no_part_of_the_speaker(text: str, speaker: str) -> None:
    [found] = _sources(text)
    assert found.speaker == speaker
    with switched_off(["attribution.but_clause"]):
        [before] = _sources(text)
    assert before.speaker != speaker

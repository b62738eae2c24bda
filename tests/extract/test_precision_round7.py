"""Precision rules of round 7 (branch `exprec`): headlines glued to the first paragraph, headlines
the body does not retell, and history told in passing.

Every sentence here is invented (never a report's). Each rule's test also runs with the rule
switched off and shows the old answer, so that it cannot pass by accident; the neighbouring tests
show what each rule must leave alone.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.invented import NLP, candidates, of_type
from truce.extract.components.headline_alone import is_headline
from truce.extract.components.headline_lines import headline_breaks
from truce.extract.switches import switched_off


def _sentences(text: str) -> list[str]:
    doc = NLP.make_doc(text)
    for name, component in NLP.pipeline:
        doc = component(doc)
        if name == "truce_sentences_v1":
            break
    return [text[a:b].strip() for a, b in doc._.sentences]


# --- sentences.headline_line ----------------------------------------------------------------

_GLUED = (
    "Truce takes hold in the river town\n"
    "The army and the rebels observed the ceasefire on Friday, a local official said."
)


def test_a_headline_line_is_a_sentence_of_its_own() -> None:
    assert _sentences(_GLUED) == [
        "Truce takes hold in the river town",
        "The army and the rebels observed the ceasefire on Friday, a local official said.",
    ]
    with switched_off(["sentences.headline_line"]):
        assert len(_sentences(_GLUED)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # A paragraph wrapped at a fixed width: the line ends on an open word ...
        "The two sides agreed to a truce that will hold until the\nSecond round of talks.",
        # ... or the next line goes on in lower case.
        "The two sides agreed to a truce in the river town\nand its surroundings on Friday.",
        # A colon or a comma leads on to what follows.
        "The envoy wrote on Friday:\n“The truce holds.”",
    ],
)
def test_a_wrapped_or_leading_line_opens_no_sentence(text: str) -> None:
    assert headline_breaks(text) == []
    assert len(_sentences(text)) == 1


# --- doc.headline_alone ---------------------------------------------------------------------

_SECOND_HEADLINE = (
    "Rebels free dozens of captives as truce begins\n"
    "The pause in the river town held through the night.\n\n"
    "The rebels freed 31 captives at the northern crossing on Friday, the army said."
)


def test_a_headline_the_body_does_not_retell_gives_no_event() -> None:
    releases = of_type("release", _SECOND_HEADLINE)
    assert [c.quantities[0].value for c in releases] == [31]
    with switched_off(["doc.headline_alone"]):
        assert len(of_type("release", _SECOND_HEADLINE)) == 2


def test_a_headline_merged_with_its_body_copy_stays() -> None:
    text = (
        "Rebels free 31 captives at northern crossing\n"
        "The rebels freed 31 captives at the northern crossing on Friday, the army said."
    )
    (release,) = of_type("release", text)
    assert release.quantities[0].value == 31 and release.mentions  # the headline is a mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Truce begins in the river town\nThe army said so.", True),
        ("Truce begins in the river town\nand holds.", False),  # the line goes on
        ("The truce began in the river town.\nThe army said so.", False),  # a closing mark
        ("Ten were killed and hundreds\nMore fled.", False),  # an open word ends it
        ("Truce begins in the river town", False),  # the text's last line
    ],
)
def test_what_counts_as_a_headline_line(text: str, expected: bool) -> None:
    first = text.split("\n", 1)[0]
    assert is_headline(text, (0, len(first))) is expected


# --- doc.history ------------------------------------------------------------------------------

_HISTORY = "In June 2011 the northern rebels and the government signed a peace accord in Arusha."


def test_an_agreement_signed_years_before_the_report_is_history() -> None:
    assert of_type("agreement_term", _HISTORY) == []
    with switched_off(["doc.history"]):
        assert len(of_type("agreement_term", _HISTORY)) == 1


def test_an_undated_event_told_with_old_years_only_is_history() -> None:
    text = "In 2019 the army and the rebels agreed to a truce that took effect at midnight."
    assert of_type("ceasefire_start", text) == []
    with switched_off(["doc.history"]):
        assert len(of_type("ceasefire_start", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # Recent enough: two years before the report is still the truce it follows.
        "On 9 November 2022, the two governments signed a ceasefire agreement.",
        # A year after "since" starts a span that runs to the report's day.
        "The rebels signed a peace accord with the government on Friday, their first accord "
        "since the fighting resumed in 2019.",
    ],
)
def test_recent_events_and_spans_since_a_year_stay(text: str) -> None:
    assert len(of_type("agreement_term", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The fighting has killed more than 900 people since May 2019, the ministry said.",
        "The siege, which tightened on 2 May 2019, has killed more than 900 people.",
    ],
)
def test_a_running_toll_of_a_war_that_began_years_ago_stays(text: str) -> None:
    assert len(of_type("casualty_claim", text)) == 1


def test_history_needs_a_publication_date() -> None:
    found = [c for c in candidates(_HISTORY, published=None) if c.type == "agreement_term"]  # type: ignore[arg-type]
    assert len(found) == 1
    assert of_type("agreement_term", _HISTORY, published=date(2010, 1, 5)) != []

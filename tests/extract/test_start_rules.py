"""Truce starts: a declared truce starts only when the sentence says from when."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


def _starts(text: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2024, 3, 9))
    return [c for c in extract(_NLP, article) if c.type == "ceasefire_start"]


def test_a_declared_truce_with_a_time_after_it_starts() -> None:
    found = _starts("The president declared a harvest truce from 6 a.m. on Sunday in the north.")
    assert len(found) == 1
    assert found[0].date is not None  # the time after the trigger dates the start


def test_a_declaration_with_no_time_after_it_is_the_news_not_a_start() -> None:
    # Invented: the day before the trigger dates the declaration, not a start.
    text = "The president on Friday declared a brief truce and urged the rebels to follow."
    assert _starts(text) == []
    with switched_off(["start.declared_needs_time"]):
        assert len(_starts(text)) == 1

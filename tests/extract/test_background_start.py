"""A truce start told as background is the writer's, not the speaker's
(`components/background.py`). Every sentence is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.components.background import told_as_background
from truce.extract.model import Article, SourceRef
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("Hamas said the strikes ended the ceasefire that began on January 19.", True),
        ("Netanyahu said the ceasefire agreement, which began October 10, still held.", True),
        ("The army said the truce has been fragile since it took effect on Saturday.", True),
        ("Officials said 40 trucks have crossed since the start of the truce on May 2.", True),
        ("Qatar said the truce took effect at 7 a.m. on Friday.", False),
        ("The army said a ceasefire would begin on Sunday.", False),
    ],
)
def test_background_clauses(sentence: str, background: bool) -> None:
    at = next(i for w in ("took effect", "begin", "began", "start") if (i := sentence.find(w)) >= 0)
    assert told_as_background(sentence, at) is background


def _start_sources(text: str) -> list[SourceRef]:
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    return [c.source for c in extract(_NLP, article) if c.type == "ceasefire_start"]


def test_a_background_start_in_a_speakers_sentence_has_no_speaker() -> None:
    text = "Hamas said the air strikes ended the ceasefire that began on January 19."
    assert _start_sources(text) == [SourceRef()]
    with switched_off(["attribution.background_start"]):
        assert [s.speaker for s in _start_sources(text)] == ["Hamas"]


def test_a_start_the_speaker_tells_keeps_the_speaker() -> None:
    text = "Qatar said the truce took effect at 7 a.m. on Friday."
    assert [s.speaker for s in _start_sources(text)] == ["Qatar"]

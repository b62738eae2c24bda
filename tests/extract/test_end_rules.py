"""Truce ends told in words of their own: a truce shattered."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


def _types(text: str) -> list[str]:
    article = Article(text=text, document="t", published=date(2024, 6, 12))
    return [c.type for c in extract(_NLP, article)]


def test_a_truce_shattered_is_its_end() -> None:
    text = "Rocket fire resumed at dawn, shattering the fragile three-week-old truce in the valley."
    assert "ceasefire_end" in _types(text)
    assert "ceasefire_end" in _types("The raid shattered an earlier ceasefire on the border.")
    with switched_off(["trigger.ceasefire_end.shattered"]):
        assert "ceasefire_end" not in _types(text)


def test_something_else_shattered_ends_no_truce() -> None:
    assert "ceasefire_end" not in _types("The blast shattered the windows of the town hall.")
    # "could shatter": the bare verb is a threat, no end (only "shattered", "shattering").
    text = "Officials warned that one more raid could shatter the truce in the valley."
    assert "ceasefire_end" not in _types(text)

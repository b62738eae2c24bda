"""A sentence's computed-once values: computed on the first read only, never carried into a
copy with other fields, and the same answers as computing afresh."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from truce.extract.components.kinds.ceasefire_start import _start_matches, start_matches
from truce.extract.components.sentence_view import Sentence
from truce.extract.model import TimeRef


def _sentence(text: str, times: list[TimeRef] | None = None) -> Sentence:
    return Sentence(0, 0, len(text), text, [], times or [], [], None, "occurred")


def test_computed_once_per_key() -> None:
    s = _sentence("A truce took effect.")
    calls: list[int] = []

    def count(_: Sentence) -> int:
        calls.append(1)
        return len(calls)

    assert s.once("k", count) == 1
    assert s.once("k", count) == 1
    assert s.once("other", count) == 2


def test_a_copy_with_other_times_starts_afresh() -> None:
    # "a truce reached on 24 November" is a start only with the day among the sentence's
    # times: a copy given the times must not reuse the bare sentence's answer.
    text = "A truce reached on 24 November held."
    day = TimeRef(date(2023, 11, 24), "day", (19, 30), "24 November")
    bare = _sentence(text)
    assert start_matches(bare) == []
    dated = replace(bare, times=[day])
    assert dated.memo == {}
    assert [m.group() for m in start_matches(dated)] == ["truce reached"]
    assert [m.span() for m in start_matches(dated)] == [m.span() for m in _start_matches(dated)]
    assert start_matches(bare) == []


def test_the_memo_is_no_part_of_equality() -> None:
    a, b = _sentence("A truce took effect."), _sentence("A truce took effect.")
    start_matches(a)
    assert a == b

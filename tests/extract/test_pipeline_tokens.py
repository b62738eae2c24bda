"""The pipeline's tokenizer makes the tokens spaCy's blank English one makes, though it drops the
special cases for a lone line break, tab or space (so that spaCy keeps caching the words after
one: `pipeline._drop_plain_special_cases`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from truce.extract.pipeline import build_pipeline

GOLD = Path(__file__).parents[2] / "eval" / "gold" / "documents"
_COLUMNS = ["ORTH", "NORM", "LOWER", "IDX", "LENGTH", "IS_PUNCT", "IS_SPACE", "SPACY", "LIKE_NUM"]
_STOCK = spacy.blank("en")
_OURS = build_pipeline()


def _columns(doc: Doc) -> list[list[int]]:
    return [list(map(int, row)) for row in doc.to_array(_COLUMNS)]


def _same(text: str) -> None:
    # Twice: the second time the words come from the tokenizers' caches.
    for _ in range(2):
        assert _columns(_OURS.make_doc(text)) == _columns(_STOCK.make_doc(text)), repr(text)


def test_the_plain_special_cases_are_gone_and_the_others_kept() -> None:
    rules = _OURS.tokenizer.rules or {}
    assert "\n" not in rules and "\t" not in rules and " " not in rules
    assert "—" not in rules and "’" not in rules and "D.C." not in rules
    assert "\xa0" in rules  # its token has a norm of its own: kept
    assert "a.m." in rules and "Dec." in rules and "don't" in rules  # they change the tokens
    assert ":)" in rules  # the affix rules would split it
    assert set(rules) < set(_STOCK.tokenizer.rules or {})


def _affix_searches_on_a_second_reading(nlp: Any, text: str) -> int:
    """How many words of `text` the tokenizer splits afresh when it reads `text` again (each
    word it did not keep in its cache asks the prefix pattern)."""
    calls = 0
    search = nlp.tokenizer.prefix_search

    def counted(string: str) -> Any:
        nonlocal calls
        calls += 1
        return search(string)

    nlp.tokenizer.prefix_search = counted
    nlp.make_doc(text)
    calls = 0
    nlp.make_doc(text)
    return calls


def test_words_after_a_spaced_dash_are_kept_in_the_cache() -> None:
    # Why they are dropped: spaCy keeps a word's tokens only until a document's first special
    # case, so the words after "—" were split by the affix rules on every reading.
    text = "Gaza — Israelis and Palestinians"
    assert _affix_searches_on_a_second_reading(build_pipeline(), text) == 0
    assert _affix_searches_on_a_second_reading(spacy.blank("en"), text) == 3


def test_gold_reports_give_the_same_tokens() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        _same(path.read_text(encoding="utf-8"))


_PIECES = st.sampled_from(
    ["Hamas", "Israel's", "U.S.", "don't", "Mr.", "(AFP)", "--", "12,000", "1:30", "a.m.", ":)"]
    + ["\u2019s", "\u201cfreed\u201d", "e.g.", "truce.", "\n", "\n\n", "\t", " ", "  ", "\xa0"]
    + ["\r\n", " \n", "\n ", "\u2009", "\u3000", "\x85", "\u2028", "\x0b", "\x1c", "-\n", ".\n"]
    + [
        "—",
        "(—",
        "—.",
        "——",
        "’",
        "’s",
        "Hamas’",
        "'",
        "('",
        "D.C.",
        "D.C.,",
        "(D.C.)",
        "C++",
        "o_O",
    ]
    + ["XD", "^_^", "¯\\(ツ)/¯", "—Hamas", "Gaza—", "x—y"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.sampled_from(["", " ", "\n"]))
def test_any_text_of_words_and_blanks_gives_the_same_tokens(pieces: list[str], gap: str) -> None:
    _same(gap.join(pieces))


def test_a_lone_line_break_and_the_words_after_it() -> None:
    _same("Ceasefire holds\nGAZA, Nov. 25 (AFP) - Hamas freed 13 hostages.\n\tIsrael's army said")
    _same("\n")
    _same(" \n \t ")
    _same("")

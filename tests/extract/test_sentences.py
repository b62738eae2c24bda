"""Sentence boundaries: the same as spaCy's own sentencizer, found from token arrays."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import truce.extract.components  # noqa: F401  (registers the components)

GOLD = Path(__file__).parents[2] / "eval" / "gold" / "documents"

_STOCK = spacy.blank("en")
_STOCK.add_pipe("sentencizer")
_OURS = spacy.blank("en")
_OURS.add_pipe("truce_sentences_v1")


def _stock(text: str) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in _STOCK(text).sents]


def _ours(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    doc = _OURS(text)
    return doc._.sentences, [(s.start_char, s.end_char) for s in doc.sents]


def test_splits_after_final_marks_keeping_closing_quotes() -> None:
    text = "“We are ready.” The talks began! Did they? Yes… and then U.S. envoys left."
    spans, sents = _ours(text)
    assert [text[a:b] for a, b in spans] == [
        "“We are ready.”",
        "The talks began!",
        "Did they?",
        "Yes… and then U.S. envoys left.",
    ]
    assert sents == spans


def test_empty_and_punctuation_only_texts() -> None:
    assert _ours("") == ([], [])
    assert _ours("...!?")[0] == _stock("...!?")


def test_gold_documents_split_as_spacy_splits_them() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        text = path.read_text()
        spans, sents = _ours(text)
        assert spans == sents == _stock(text), path.name


_PIECES = st.sampled_from(
    ["Hamas", "freed", "10", "hostages", ".", "!", "?", "”", "“", '"', ")", "(", "…", "...", "-"]
    + ["U.S.", "a.m.", "\n", "\n\n", " ", "  ", "。", "！", ",", ";", "—", "'s", "Mr.", "e.g."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(lambda pieces: " ".join(pieces)))
def test_any_text_splits_as_spacy_splits_it(text: str) -> None:
    spans, sents = _ours(text)
    assert spans == sents == _stock(text)

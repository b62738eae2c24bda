"""Sentence boundaries: spaCy's sentencizer rule found from token arrays, and blank lines; with
rule `sentences.headline_line` on, the line after a headline's line opens one as well (those
starts only: `test_headline_lines_only_add_their_own_starts`)."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import truce.extract.components  # noqa: F401  (registers the components)
from truce.extract.components.headline_lines import headline_breaks
from truce.extract.switches import switched_off

GOLD = Path(__file__).parents[2] / "eval" / "gold" / "documents"

_STOCK = spacy.blank("en")
_STOCK.add_pipe("sentencizer")
_OURS = spacy.blank("en")
_OURS.add_pipe("truce_sentences_v1")


def _stock(text: str) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in _STOCK(text).sents]


def _rule(text: str) -> list[tuple[int, int]]:
    """spaCy's sentencizer loop, token by token, with a blank line opening a sentence."""
    doc = _STOCK.make_doc(text)
    if not len(doc):
        return []
    marks = set(_STOCK.get_pipe("sentencizer").punct_chars)  # type: ignore[attr-defined]
    starts, seen_final = [0], False
    for token in doc:
        final = token.text in marks
        blank = token.is_space and token.text.count("\n") >= 2
        if (seen_final or blank) and not token.is_punct and not final:
            starts.append(token.i)
            seen_final = False
        elif final:
            seen_final = True
    starts = sorted(set(starts))
    ends = [*starts[1:], len(doc)]
    return [
        (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in zip(starts, ends, strict=True)
    ]


def _has_blank_line(text: str) -> bool:
    return any(t.is_space and t.text.count("\n") >= 2 for t in _STOCK.make_doc(text))


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
    assert _ours("...!?")[0] == _stock("...!?") == _rule("...!?")


def test_gold_documents_split_by_the_rule() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        text = path.read_text()
        with switched_off(["sentences.headline_line"]):
            spans, sents = _ours(text)
        assert spans == sents == _rule(text), path.name
        if not _has_blank_line(text):
            assert spans == _stock(text), path.name


def test_a_blank_line_ends_a_sentence_that_has_no_mark() -> None:
    text = "Share | Email\n\nGAZA, Jan 20 - Three women were freed.\nThey are well."
    spans, _ = _ours(text)
    assert [text[a:b].strip() for a, b in spans] == [
        "Share | Email",
        "GAZA, Jan 20 - Three women were freed.",
        "They are well.",
    ]


_PIECES = st.sampled_from(
    ["Hamas", "freed", "10", "hostages", ".", "!", "?", "”", "“", '"', ")", "(", "…", "...", "-"]
    + ["U.S.", "a.m.", "\n", "\n\n", " ", "  ", "。", "！", ",", ";", "—", "'s", "Mr.", "e.g."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(lambda pieces: " ".join(pieces)))
def test_any_text_splits_by_the_rule(text: str) -> None:
    with switched_off(["sentences.headline_line"]):
        spans, sents = _ours(text)
    assert spans == sents == _rule(text)
    if not _has_blank_line(text):
        assert spans == _stock(text)


_LINES = st.sampled_from(["Truce holds", "in the town", "Hamas freed 10.", "The army said", "of"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_LINES, st.sampled_from(["\n", "\n\n", " ", "\n  "])), max_size=12))
def test_headline_lines_only_add_their_own_starts(parts: list[tuple[str, str]]) -> None:
    text = "".join(line + gap for line, gap in parts)
    with switched_off(["sentences.headline_line"]):
        before, _ = _ours(text)
    after, sents = _ours(text)
    assert after == sents
    starts_before, starts_after = {a for a, _ in before}, {a for a, _ in after}
    assert starts_before <= starts_after
    assert starts_after - starts_before <= set(headline_breaks(text))

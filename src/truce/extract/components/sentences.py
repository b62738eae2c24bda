"""Sentence boundaries by spaCy's rule (`Sentencizer`), computed on token arrays, plus one rule
of our own: a blank line ends a sentence.

spaCy's rule: a sentence ends at a token that is one of the sentence-final marks; the next token
that is neither punctuation nor such a mark opens the next sentence (so closing quotes and
brackets stay with the sentence they close). The stock component walks the document one `Token`
object at a time, which costs more than tokenizing it; here the same rule runs on the arrays of
token attributes, and the boundaries are written back so `doc.sents` works as before.

Put as arrays: a token that is not punctuation starts a sentence when a final mark lies between
it and the previous token that is not punctuation, or the start of the text (the first token
always starts one).

A blank line (a whitespace token holding two line breaks) also opens a sentence: headlines,
datelines, bylines and share bars end without a mark, and spaCy's rule would glue them to the
paragraph after them. So does a line after a headline's line, with one line break only (rule
`sentences.headline_line`, `headline_lines.py`).

A sentence longer than `max_chars` (TRUCE_EXTRACT_MAX_SENTENCE_CHARS) is cut into pieces at word
boundaries, after the last comma, semicolon or colon in a piece's second half if there is one:
every later component works per sentence and per candidate in it, so an unpunctuated megabyte
would otherwise cost the square of its length.
"""

from __future__ import annotations

import re
from typing import cast

import numpy as np
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from thinc.types import Ints2d

from truce.extract.components.headline_lines import headline_breaks
from truce.extract.limits import extract_limits
from truce.extract.pipeline import annotate, doc_text

_FINAL_MARKS = tuple(Sentencizer.default_punct_chars)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_PAUSES = frozenset({",", ";", ":"})


class SentencesComponent:
    def __init__(self, nlp: Language, max_chars: int) -> None:
        strings = nlp.vocab.strings
        self.final_marks = np.sort(np.array([strings[m] for m in _FINAL_MARKS], dtype="uint64"))
        self.pauses = frozenset(strings[m] for m in _PAUSES)
        self.max_chars = max_chars

    def _is_final(self, orths: np.ndarray) -> np.ndarray:
        """Which tokens are final marks: `np.isin`, by binary search (several times faster)."""
        at = np.searchsorted(self.final_marks, orths)
        at[at == len(self.final_marks)] = 0
        return np.asarray(self.final_marks[at] == orths)

    @staticmethod
    def _blank_lines(doc: Doc, starts: np.ndarray) -> np.ndarray:
        """The tokens holding a blank line: each opens a sentence, as the whitespace after a
        final mark does under spaCy's rule. `starts` are the tokens' character offsets."""
        text = doc_text(doc)
        found = [m.start() for m in _BLANK_LINE.finditer(text)]
        if not found:
            return np.zeros(0, dtype="int64")
        tokens = np.searchsorted(starts, np.array(found, dtype=starts.dtype), side="right") - 1
        # A blank line inside a token (none is made of it but whitespace) opens nothing.
        blank = [i for i in set(tokens.tolist()) if text[int(starts[i])].isspace()]
        return np.array(blank, dtype="int64")

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            annotate(doc, "sentences", [])
            return doc
        columns = doc.to_array(["ORTH", "IS_PUNCT", "IDX", "LENGTH"])
        final = self._is_final(columns[:, 0])
        words = np.flatnonzero(~(final | (columns[:, 1] != 0)))
        finals_before = np.cumsum(final)
        # A word opens a sentence when a final mark came after the word before it (or, for
        # the first word, anywhere before it).
        before_previous = np.concatenate(([0], finals_before[words[:-1]]))
        opening = words[finals_before[words] > before_previous]
        opened = (opening, self._blank_lines(doc, columns[:, 2]), _headlines(doc, columns[:, 2]))
        starts = np.union1d([0], np.concatenate(opened))
        starts = self._cut_long(starts.astype("int64"), columns)
        flags = np.full(len(doc), -1, dtype="int64")
        flags[starts] = 1
        doc.from_array(["SENT_START"], cast(Ints2d, flags.astype("uint64").reshape(-1, 1)))
        lasts = np.concatenate((starts[1:] - 1, [len(doc) - 1]))
        begin = columns[starts, 2].tolist()
        end = (columns[lasts, 2] + columns[lasts, 3]).tolist()
        annotate(doc, "sentences", list(zip(begin, end, strict=True)))
        return doc

    def _cut_long(self, starts: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """`starts` with more sentence starts, so that no sentence is longer than `max_chars`
        (but one made of a single longer token). Each cut looks at one piece's tokens only."""
        offsets = columns[:, 2]
        ends = np.concatenate((offsets[starts[1:]], [offsets[-1] + columns[-1, 3]]))
        long = np.flatnonzero(ends - offsets[starts] > self.max_chars)
        if len(long) == 0:
            return starts
        added: list[int] = []
        for n in long.tolist():
            first = int(starts[n])
            last = int(starts[n + 1]) if n + 1 < len(starts) else len(offsets)
            while int(ends[n]) - int(offsets[first]) > self.max_chars:
                limit = int(offsets[first]) + self.max_chars
                # The last token that can open the next piece and keep this one under the cap.
                cut = int(np.searchsorted(offsets[first:last], limit, side="right")) + first - 1
                half = int(offsets[first]) + self.max_chars // 2
                for k in range(cut, first, -1):
                    if int(offsets[k]) < half:
                        break
                    if int(columns[k - 1, 0]) in self.pauses:
                        cut = k
                        break
                cut = max(cut, first + 1)
                if cut >= last:
                    break
                added.append(cut)
                first = cut
        return np.union1d(starts, np.array(added, dtype="int64")).astype("int64")


def _headlines(doc: Doc, starts: np.ndarray) -> np.ndarray:
    """The tokens that open the line after a headline's line (rule `sentences.headline_line`,
    `headline_lines.py`). `starts` are the tokens' character offsets."""
    found = headline_breaks(doc_text(doc))
    if not found:
        return np.zeros(0, dtype="int64")
    at = np.searchsorted(starts, np.array(found, dtype=starts.dtype))
    # Each break is where a line's first token begins.
    kept = [
        int(i)
        for i, o in zip(at.tolist(), found, strict=True)
        if i < len(starts) and starts[i] == o
    ]
    return np.array(kept, dtype="int64")


@Language.factory(
    "truce_sentences_v1",
    assigns=["token.is_sent_start", "doc._.sentences"],
    default_config={"max_chars": None},
)
def make_sentences(nlp: Language, name: str, max_chars: int | None) -> SentencesComponent:
    return SentencesComponent(nlp, max_chars or extract_limits().max_sentence_chars)

"""Checks that keep a document the pipeline cannot use from reaching it.

The readers apply the same checks to what they decode, so an article built in code and an article
read from a corpus are refused for the same reasons, under the same codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from truce.extract.limits import MAX_TEXT_CHARS as MAX_TEXT_CHARS
from truce.extract.limits import extract_limits
from truce.extract.model import Article

# Language and binary checks look at a prefix: it is enough to tell, and keeps them O(1).
_SAMPLE_CHARS = 20_000
# Fewer words than this cannot be told apart from a headline in any language; let them through.
_MIN_WORDS_FOR_LANGUAGE = 12
_MIN_STOPWORD_SHARE = 0.12
_MIN_ASCII_LETTER_SHARE = 0.6
_MAX_CONTROL_SHARE = 0.05

# Function words that make up a third or more of any English prose and rarely occur in other
# languages written in Latin script (French "a" and "on" aside, which are too few to tip the share).
_ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "against",
        "all",
        "also",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "between",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "other",
        "our",
        "out",
        "over",
        "said",
        "says",
        "she",
        "should",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "under",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


@dataclass(frozen=True)
class Problem:
    """Why a document cannot be extracted, with a stable code and what to do about it."""

    code: str
    message: str
    hint: str = ""


# The catalogue of input problems: code -> what to do next. Readers and `check_article` share it,
# so a document refused in a corpus and an `Article` refused in code carry the same code.
UNREADABLE = "X101"
BINARY = "X102"
EMPTY = "X103"
NOT_ENGLISH = "X104"
ENORMOUS = "X105"
UNDECODABLE = "X106"
MALFORMED_LINE = "X107"
MALFORMED_FEED = "X108"
CORRUPT_ARCHIVE = "X109"
BAD_METADATA = "X110"
NO_MAIN_TEXT = "X111"
TOO_MANY_CANDIDATES = "X600"
EXTRACTION_FAILED = "X199"

HINTS: dict[str, str] = {
    UNREADABLE: "check the path exists and is a readable file, directory or glob",
    BINARY: "pass text, HTML, a feed, JSON Lines or WARC; convert PDFs and office files first",
    EMPTY: "check the file is the one you meant; empty documents are skipped",
    NOT_ENGLISH: "only English reports are extracted; translate it first or leave it out",
    ENORMOUS: "split the corpus into one article per document (e.g. JSON Lines, one per line)",
    UNDECODABLE: "save the file as UTF-8",
    MALFORMED_LINE: 'each line must be one JSON object with "text" or "html", e.g. '
    '{"text": "...", "url": "...", "published": "2023-11-28", "outlet": "..."}',
    MALFORMED_FEED: "check the file is an RSS or Atom feed (open it in a browser or feed reader)",
    CORRUPT_ARCHIVE: "the compressed file or WARC is damaged; fetch or compress it again",
    BAD_METADATA: 'give dates as ISO 8601 ("2023-11-28"); a NAME.meta.json must be a JSON object',
    NO_MAIN_TEXT: "the page has no article text (an index, a login wall?); save the article page",
    EXTRACTION_FAILED: "a fault in the extractor, not in the document: report it with the "
    "document, which the others do not depend on",
    TOO_MANY_CANDIDATES: "split it into one article per document, or raise "
    "TRUCE_EXTRACT_MAX_CANDIDATES (docs/extraction.md)",
}


def problem(code: str, message: str) -> Problem:
    return Problem(code, message, HINTS[code])


def check_text(text: str) -> Problem | None:
    """The first reason `text` is unusable, or None."""
    if not text.strip():
        return problem(EMPTY, "the document has no text")
    cap = extract_limits().max_chars
    if len(text) > cap:
        return problem(ENORMOUS, f"the document has {len(text):,} characters, more than {cap:,}")
    sample = text[:_SAMPLE_CHARS]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        return problem(BINARY, "the document looks binary, not text")
    share = english_share(sample)
    if share is not None and share < _MIN_STOPWORD_SHARE:
        return problem(
            NOT_ENGLISH,
            f"the document does not look like English ({share:.0%} English function words)",
        )
    return None


def english_share(text: str) -> float | None:
    """Share of English function words among the words, or 0.0 for mostly non-Latin script;
    None when the text is too short to judge."""
    words = _WORD.findall(text)
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    letters = sum(len(word) for word in words)
    ascii_letters = sum(1 for word in words for char in word if char.isascii())
    if ascii_letters < _MIN_ASCII_LETTER_SHARE * letters:
        return 0.0
    return sum(1 for word in words if word.lower() in _ENGLISH_STOPWORDS) / len(words)


def check_article(article: Article) -> Problem | None:
    """Whether `article` can go through the pipeline; `extract_many` skips it when not."""
    return check_text(article.text)

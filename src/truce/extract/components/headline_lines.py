"""A headline's line is a sentence of its own, even with no blank line after it.

Rule `sentences.headline_line`: real pages put a headline, a standfirst, a section heading or a
page's kicker on a line of its own with no closing mark, and often only a single line break
before the first paragraph ("Truce takes effect in the port city\nThe ceasefire began at
noon ..."). spaCy's rule glues such a line to the sentence after it; the two then read as one
sentence, so the headline's event is not seen as a headline's (and is not merged with the body
copy that tells it again: `repeats.py`), and the body's speaker or date is lent to it.

A line opens a new sentence when the line before it ends with no closing mark, is no longer
than `MAX_HEADLINE` characters, does not end on a word that cannot end a heading (an article, a
preposition, a conjunction: a hard-wrapped paragraph breaks anywhere) and the new line begins
as a sentence does (a capital letter, a digit or an opening quote).
"""

from __future__ import annotations

from truce.extract.switches import on

# A line holding a headline or a heading: no closing mark at its end ...
_CLOSERS = (".", "!", "?", ",", ";", ":", ")", "…", "-", "–", "—", "[", "(", "/", "&", "|")
MAX_HEADLINE = 200
# ... nor a word a heading does not end on; a paragraph wrapped at a fixed width often does.
_OPEN_WORDS = frozenset(
    (
        *("a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and"),
        *("or", "but", "as", "that", "which", "who", "its", "their", "his", "her", "is", "are"),
        *("was", "were", "has", "have", "had", "will", "would", "be", "been", "than", "into"),
        *("over", "after", "before", "last", "next", "hundreds", "thousands", "dozens", "some"),
        "more",
    )
)
# What a line that opens a sentence begins with.
_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"“‘'")


def headline_breaks(text: str) -> list[int]:
    """The offsets of the lines that a headline line before them ends (each opens a
    sentence)."""
    if not on("sentences.headline_line"):
        return []
    out = []
    start, end = 0, text.find("\n")
    while end >= 0:
        after = end + 1
        while after < len(text) and text[after] in " \t\r":
            after += 1
        # A line longer than a headline (with its spaces) is not copied to be looked at.
        short = end - start <= MAX_HEADLINE + 20
        if (
            short
            and after < len(text)
            and text[after] in _OPENERS
            and heading_like(text[start:end])
        ):
            out.append(after)
        start, end = end + 1, text.find("\n", end + 1)
    return out


def heading_like(line: str) -> bool:
    """Whether a line may be a headline's: short, with no closing mark and no open word at
    its end (a closing quote aside)."""
    line = line.strip()
    if not line or len(line) > MAX_HEADLINE:
        return False
    line = line.rstrip("\u201d\u2019\"' ")
    if not line or line.endswith(_CLOSERS):
        return False
    return line.rsplit(None, 1)[-1].lower() not in _OPEN_WORDS

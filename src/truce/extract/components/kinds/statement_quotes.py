"""One statement per quotation: the sentences of a quotation that runs on after the sentence
that gave its statement are that statement's words, not statements of their own.

   “We made progress. We will meet again next week,” the minister said.

gives one statement (on "said"), however the quotation is cut into sentences; a sentence that
opens a new quotation, or stands outside any, is left alone.
"""

from __future__ import annotations

from truce.extract.model import Candidate

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb"}
_CLOSERS = set(_OPENERS.values())
_STRAIGHT = '"'


def open_quote_before(text: str, at: int) -> int | None:
    """Where the quotation that `at` stands inside opened, within its paragraph; None when `at`
    is outside any quotation."""
    start = text.rfind("\n", 0, at) + 1
    opened: int | None = None
    straight: int | None = None
    for index in range(start, at):
        char = text[index]
        if char in _OPENERS:
            opened = index
        elif char in _CLOSERS:
            opened = None
        elif char == _STRAIGHT:
            straight = index if straight is None else None
    if opened is not None and straight is not None:
        return max(opened, straight)
    return opened if opened is not None else straight


def drop_quote_continuations(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Without the statements whose sentence lies inside a quotation that opened in the
    sentence of an earlier statement."""
    out: list[Candidate] = []
    spans: list[tuple[int, int]] = []
    for c in candidates:
        if c.type == "statement":
            opened = open_quote_before(text, c.span[0])
            if opened is not None and any(lo <= opened < hi for lo, hi in spans):
                continue
            spans.append(c.span)
        out.append(c)
    return out

"""One statement per quotation: the sentences of a quotation that runs on after the sentence
that gave its statement are that statement's words, not statements of their own.

   “We made progress. We will meet again next week,” the minister said.

gives one statement (on "said"), however the quotation is cut into sentences; a sentence that
opens a new quotation, or stands outside any, is left alone. The text is read once, whatever
the number of statements (a report of a megabyte may hold thousands).
"""

from __future__ import annotations

import re

from truce.extract.model import Candidate

_OPENERS = {"\u201c", "\u00ab"}
_CLOSERS = {"\u201d", "\u00bb"}
_STRAIGHT = '"'
_MARKS = re.compile('[\n"\u201c\u201d\u00ab\u00bb]')


def quotes_open_at(text: str, positions: list[int]) -> dict[int, int | None]:
    """For each position, where the quotation it stands inside opened within its paragraph
    (None when it stands outside any): one pass over the text's quote marks."""
    found: dict[int, int | None] = {}
    wanted = sorted(set(positions))
    marks = _MARKS.finditer(text)
    mark = next(marks, None)
    opened: int | None = None
    straight: int | None = None
    for at in wanted:
        while mark is not None and mark.start() < at:
            char = mark.group()
            if char == "\n":
                opened = straight = None
            elif char in _OPENERS:
                opened = mark.start()
            elif char in _CLOSERS:
                opened = None
            else:
                straight = mark.start() if straight is None else None
            mark = next(marks, None)
        if opened is not None and straight is not None:
            found[at] = max(opened, straight)
        else:
            found[at] = opened if opened is not None else straight
    return found


def open_quote_before(text: str, at: int) -> int | None:
    """Where the quotation that `at` stands inside opened, within its paragraph; None when `at`
    is outside any quotation."""
    return quotes_open_at(text, [at])[at]


def drop_quote_continuations(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Without the statements whose sentence lies inside a quotation that opened in the
    sentence of an earlier statement."""
    statements = [c.span[0] for c in candidates if c.type == "statement"]
    if not statements:
        return candidates
    opened_at = quotes_open_at(text, statements)
    out: list[Candidate] = []
    spans: list[tuple[int, int]] = []
    for c in candidates:
        if c.type == "statement":
            opened = opened_at[c.span[0]]
            if opened is not None and any(lo <= opened < hi for lo, hi in spans[-50:]):
                continue
            spans.append(c.span)
        out.append(c)
    return out

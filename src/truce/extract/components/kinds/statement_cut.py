"""A statement cut off mid-sentence says nothing yet (rule `statement.cut_short`).

Pages reach the reader cut short: a feed's teaser ending in "…", a page excerpt that stops
mid-word ("A senior official said on Thursday that Israel was pr"). A statement is what a party
says; when the text stops before the party has said it, nothing is known to record. So a
statement whose sentence is the text's last, stops without closing punctuation (or on an
ellipsis), and gives fewer than `SAID_WORDS` words after its last verb of speech is dropped
("stated that t", "said on Thursday that Israel was pr"); one cut after the content is told
("would not launch any further attacks if Israel immediately discontin") is kept. Other kinds keep their candidates: a release or a truce's start is told
by its trigger, which the cut leaves whole.
"""

from __future__ import annotations

import re

from truce.extract.model import Candidate

# What a finished sentence ends on (an ellipsis does not finish one).
_CLOSERS = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", "]")


_SPEECH = re.compile(
    r"\b(?:said|says|say|stated|states|told|added|announced|claimed|claims|declared|insisted|"
    r"warned|noted|wrote|tweeted|explained|called\s+(?:on|for))\b",
    re.IGNORECASE,
)
SAID_WORDS = 10


def drop_cut_statements(candidates: list[Candidate], text: str) -> list[Candidate]:
    end = len(text.rstrip())
    tail = text[:end]
    if not tail or (tail.endswith(_CLOSERS) and not tail.endswith("...")):
        return candidates  # the text ends on a finished sentence
    return [c for c in candidates if not (c.type == "statement" and _unsaid(c, text, end))]


def _unsaid(c: Candidate, text: str, end: int) -> bool:
    if c.span[1] < end:
        return False
    sentence = text[c.span[0] : end]
    verbs = list(_SPEECH.finditer(sentence))
    said = sentence[verbs[-1].end() :] if verbs else sentence
    return len(said.split()) < SAID_WORDS

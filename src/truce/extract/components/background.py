"""A truce's start told as background: the writer's reference, whoever speaks around it.

Rule `attribution.background_start`: "the ceasefire that began on January 19", "the ceasefire
agreement, which began October 10", "since the truce took effect on Saturday", "since the start
of the truce on October 10" refer to a start the report takes as known. Inside a speaker's
sentence ("Hamas said it viewed the attacks as the end of the ceasefire that began on January
19") the speaker does not tell that start: it is the writer's narration (eval/gold/README.md,
"source": the writer's own narration is all null).
"""

from __future__ import annotations

import re

from truce.extract.switches import on
from truce.extract.triggers import TRUCE_NOUN

_STARTED = (
    r"(?:began|begun|started|took\s+effect|came\s+into\s+(?:effect|force)|"
    r"went\s+into\s+(?:effect|force)|entered\s+into\s+force|was\s+(?:declared|agreed|reached))"
)
BACKGROUND_START = re.compile(
    rf"\b{TRUCE_NOUN}(?:\s+(?:agreement|deal|accord))?,?\s+(?:that|which)\s+"
    rf"(?:(?:has|had|first|initially|officially)\s+)*{_STARTED}"
    rf"|\bsince\s+(?:it|the\s+{TRUCE_NOUN}(?:\s+(?:agreement|deal))?)\s+"
    rf"(?:(?:first|initially|officially)\s+)*{_STARTED}"
    rf"|\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+{TRUCE_NOUN}",
    re.IGNORECASE,
)


# Rule `attribution.background_clause`: the same start told in a temporal clause ("shortly after
# the truce took effect at midnight", "since a UN-brokered two-month truce entered into force",
# "hours before the truce was due to take effect") or in a relative clause after words naming
# the truce's parties ("the ceasefire agreement between Israel and X that took effect on ...").
_DUE = r"(?:was|is|were)\s+(?:due|set|scheduled)\s+to\s+(?:take\s+effect|begin|start)"
BACKGROUND_CLAUSE = re.compile(
    rf"\b(?:since|after|before|until|when)\s+(?:an?|the|its|their)\s+(?:[\w’'-]+\s+){{0,3}}?"
    rf"{TRUCE_NOUN}(?:\s+(?:agreement|deal|accord))?\s+(?:(?:first|initially|officially)\s+)*"
    rf"(?:{_STARTED}|{_DUE})"
    rf"|\b{TRUCE_NOUN}(?:\s+(?:agreement|deal|accord))?\s+between\s+[^,;.]{{3,60}}?\s+(?:that|which)\s+"
    rf"(?:(?:has|had|first|initially|officially)\s+)*{_STARTED}",
    re.IGNORECASE,
)


def told_as_background(sentence: str, at: int) -> bool:
    """Whether the truce start whose trigger is at `at` (an offset into `sentence`) is told in
    a relative or "since" clause (or, rule `attribution.background_clause`, another temporal
    clause or a relative clause after the truce's parties)."""
    if not on("attribution.background_start"):
        return False
    lo, hi = max(0, at - 80), min(len(sentence), at + 80)
    for match in BACKGROUND_START.finditer(sentence, lo, hi):
        if match.start() <= at <= match.end():
            return True
    if not on("attribution.background_clause"):
        return False
    for match in BACKGROUND_CLAUSE.finditer(sentence, max(0, at - 120), hi):
        if match.start() <= at <= match.end():
            return True
    return False

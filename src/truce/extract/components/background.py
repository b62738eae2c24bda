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


def told_as_background(sentence: str, at: int) -> bool:
    """Whether the truce start whose trigger is at `at` (an offset into `sentence`) is told in
    a relative or "since" clause."""
    if not on("attribution.background_start"):
        return False
    for match in BACKGROUND_START.finditer(sentence, max(0, at - 80), min(len(sentence), at + 80)):
        if match.start() <= at <= match.end():
            return True
    return False

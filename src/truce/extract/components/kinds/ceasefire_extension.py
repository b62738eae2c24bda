"""Truce extensions: with the added time ("extended by two days", "a five-day extension"), or,
without one, only extending the truce itself ("working to extend the truce").
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import (
    DURATION_UNITS,
    Context,
    KindRule,
    first_trigger,
    speculative,
)
from truce.extract.components.sentence_view import Sentence, candidate
from truce.extract.model import Candidate
from truce.extract.triggers import TRUCE_NOUN

KIND = EventType.CEASEFIRE_EXTENSION

EXTEND_THE_TRUCE = re.compile(
    rf"(?:extend(?:ed|ing|s)?|prolong(?:ed|ing|s)?|renew(?:ed|ing|s)?)\s+"
    rf"(?:the|a|its|their)\s+(?:\w+\s+)?{TRUCE_NOUN}s?\b|extension\s+of\s+the\s+{TRUCE_NOUN}",
    re.IGNORECASE,
)
# How far before the noun a duration says how long the extension is: "a five-day extension".
_DURATION_BEFORE = 12


def extract(s: Sentence, context: Context) -> list[Candidate]:
    match = first_trigger(KIND, s)
    if match is None or speculative(s.text, match):
        return []
    trigger = s.start + match.start()
    days = [q for q in s.quantities if q.span[0] >= trigger and q.unit in DURATION_UNITS]
    days = days or [
        q
        for q in s.quantities
        if q.unit in DURATION_UNITS and 0 <= trigger - q.span[1] <= _DURATION_BEFORE
    ]
    if not days and not EXTEND_THE_TRUCE.match(s.text, match.start()):
        return []
    c = candidate(KIND.value, s, trigger, context.article)
    c.quantities = days[:1]
    return [c]


RULE = KindRule(KIND, extract)

"""Truce extensions: with the added time ("extended by two days", "a five-day extension"), or,
without one, only extending the truce itself ("working to extend the truce").
"""

from __future__ import annotations

import re
from dataclasses import replace

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
from truce.extract.switches import on
from truce.extract.triggers import TRUCE_NOUN

KIND = EventType.CEASEFIRE_EXTENSION

EXTEND_THE_TRUCE = re.compile(
    rf"(?:extend(?:ed|ing|s)?|prolong(?:ed|ing|s)?|renew(?:ed|ing|s)?)\s+"
    rf"(?:the|a|its|their)\s+(?:\w+\s+)?{TRUCE_NOUN}s?\b|extension\s+of\s+the\s+{TRUCE_NOUN}",
    re.IGNORECASE,
)
# Rule `extension.to_a_date`: a truce or its deadline moved to a later day, with no duration:
# "the deadline was extended to Feb. 18", "announced an extension of a ceasefire until the end
# of this month", "an extension of their ceasefire to May 31".
TO_A_DATE = re.compile(
    rf"\b(?:{TRUCE_NOUN}|deadline|truce\s+period)s?\s+(?:was|were|has\s+been|had\s+been|is|"
    rf"will\s+be)\s+(?:\w+\s+)?(?:extended|prolonged)\s+(?:to|until|till|through)\s+|"
    rf"\b(?:extension|extend(?:ed|ing|s)?|prolong(?:ed|ing|s)?)\s+(?:of\s+)?(?:the|a|an|its|"
    rf"their)\s+(?:[\w-]+\s+){{0,2}}?(?:{TRUCE_NOUN}|deadline)s?\s+(?:to|until|till|through)\s+",
    re.IGNORECASE,
)
_DATE_REACH = 20  # how far after "to"/"until" the date must begin


def to_a_date(s: Sentence) -> bool:
    """Whether the sentence moves the truce or its deadline to a later day (`TO_A_DATE`)."""
    if not on("extension.to_a_date"):
        return False
    for match in TO_A_DATE.finditer(s.text):
        at = s.start + match.end()
        if s.text.startswith("the end of", match.end()) or any(
            at <= t.span[0] <= at + _DATE_REACH and t.date is not None for t in s.times
        ):
            return True
    return False


# Rule `date.extension_new_end`: "extended the truce until May 31", "the deadline was extended to
# Feb. 18": the day after "to"/"until" is the truce's new end, the content of the extension, not
# the day it was decided; the event is dated by another time of the sentence ("on Monday
# extended ...") or not at all. A deadline the sentence gives besides ("was to withdraw by
# Jan. 26, but the deadline was extended") dates no extension either.
_NEW_END = re.compile(
    r"(?:\b(?:extend\w*|extension|prolong\w*|renew\w*)\b[^.;]{0,80}?\b(?:to|into)|"
    r"\b(?:until|till|through|by|before|no\s+later\s+than))\s+"
    r"(?:the\s+end\s+of\s+|(?:mid|early|late)[\s-]+)?$",
    re.IGNORECASE,
)


def _not_new_end(s: Sentence) -> Sentence:
    """The sentence without the times that give the extended truce's new end (`_NEW_END`)."""
    if not on("date.extension_new_end"):
        return s
    kept = [t for t in s.times if not _NEW_END.search(s.text, 0, t.span[0] - s.start)]
    return s if len(kept) == len(s.times) else replace(s, times=kept)


# How far before the noun a duration says how long the extension is: "a five-day extension".
_DURATION_BEFORE = 12

# Rule `extension.asked_for` (branch `exprec2`): an extension urged, asked for, pressed for,
# refused or only possible is none agreed: "urged the rebels to extend their ceasefire", "we
# request the other side to extend", "under pressure to extend", "warned it would not extend
# the ceasefire", "would consider extending the truce", "the possibility of an extension".
# (A proposal is left out: "agreed to the UN's proposal to renew the truce" is the extension.)
_ASKED = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|ask(?:s|ed|ing)?|call(?:s|ed|ing)?\s+on|"
    r"pressure|pressing|refus(?:e|es|ed|ing|al)|would\s+not|will\s+not|won['’]t|"
    r"consider(?:s|ed|ing)?|possib(?:le|ility)|demand(?:s|ed|ing)?|appeal(?:s|ed|ing)?)"
    r"\b[^.;:]{0,60}$",
    re.IGNORECASE,
)
_ASKED_REACH = 80


def asked_for(text: str, match: re.Match[str]) -> bool:
    if not on("extension.asked_for"):
        return False
    return _ASKED.search(text, max(0, match.start() - _ASKED_REACH), match.start()) is not None


def extract(s: Sentence, context: Context) -> list[Candidate]:
    match = first_trigger(KIND, s)
    if match is None or speculative(s.text, match) or asked_for(s.text, match):
        return []
    trigger = s.start + match.start()
    days = [q for q in s.quantities if q.span[0] >= trigger and q.unit in DURATION_UNITS]
    days = days or [
        q
        for q in s.quantities
        if q.unit in DURATION_UNITS and 0 <= trigger - q.span[1] <= _DURATION_BEFORE
    ]
    if not days and not EXTEND_THE_TRUCE.match(s.text, match.start()) and not to_a_date(s):
        return []
    c = candidate(KIND.value, _not_new_end(s), trigger, context.article)
    c.quantities = days[:1]
    return [c]


RULE = KindRule(KIND, extract)

"""Truce ends: a truce expiring, collapsing or ended, said of the truce itself ("the truce
expired", "resumed its offensive, ending the truce"), not in a time clause ("after the truce
ended"), nor in what was supposed to happen ("the pause, supposed to expire on Tuesday"), nor
in what only might ("the truce could collapse", "threatened to end the truce"), nor a truce
ending a war ("the ceasefire that ended an 11-day conflict": the war ends, not the truce).
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import (
    Context,
    KindRule,
    counterfactual,
    first_trigger,
    speculative,
)
from truce.extract.components.sentence_view import Sentence, candidate, finditer, of_the_truce
from truce.extract.model import Candidate
from truce.extract.switches import on
from truce.extract.triggers import TRIGGERS, TRUCE_NOUNS

KIND = EventType.CEASEFIRE_END

# What a truce ends when it is the subject: "ended an 11-day conflict", "to end 12 days of
# escalating conflict", "ended months of cross-border warfare", "to end border clashes".
# The words between may not open a clause or a time ("ended on Friday as fighting resumed").
_A_WAR = re.compile(
    r"\s+(?:(?!(?:on|at|in|as|after|before|when|while|with|and|but|amid|following|since)\b)"
    r"[\w'’-]+\s+){0,5}?(?:wars?|conflicts?|fighting|hostilities|operations?|offensives?|"
    r"warfare|bloodshed|clashes|violence|escalation|bombardment|bombing|campaign)\b",
    re.IGNORECASE,
)

# The end triggers that can take an object ("was ended" cannot).
_TRANSITIVE = re.compile(r"(?:(?:has|had)\s+)?ended|(?:to|would|will)\s+end", re.IGNORECASE)


def ends_a_war(text: str, match: re.Match[str]) -> bool:
    """Whether the end trigger takes a war as its object ("ended an 11-day conflict"), with no
    truce named in between: then the truce ended the war."""
    if not on("end.ended_a_war") or not _TRANSITIVE.fullmatch(match.group()):
        return False
    war = _A_WAR.match(text, match.end())
    return war is not None and TRUCE_NOUNS.search(war.group()) is None


def extract(s: Sentence, context: Context) -> list[Candidate]:
    if first_trigger(KIND, s) is None or not context.names_the_truce(s):
        return []
    match = next(
        (
            m
            for m in finditer(TRIGGERS[KIND], s)
            if of_the_truce(KIND, s.text, m)
            and not counterfactual(s.text, m)
            and not speculative(s.text, m)
            and not ends_a_war(s.text, m)
        ),
        None,
    )
    if match is None:
        return []
    return [candidate(KIND.value, s, s.start + match.start(), context.article)]


RULE = KindRule(KIND, extract)

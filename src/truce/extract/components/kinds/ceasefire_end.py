"""Truce ends: a truce expiring, collapsing or ended, said of the truce itself ("the truce
expired", "resumed its offensive, ending the truce"), not in a time clause ("after the truce
ended") nor in what was supposed to happen ("the pause, supposed to expire on Tuesday").
"""

from __future__ import annotations

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import Context, KindRule, counterfactual, first_trigger
from truce.extract.components.sentence_view import Sentence, candidate, finditer, of_the_truce
from truce.extract.model import Candidate
from truce.extract.triggers import TRIGGERS

KIND = EventType.CEASEFIRE_END


def extract(s: Sentence, context: Context) -> list[Candidate]:
    if first_trigger(KIND, s) is None or not context.names_the_truce(s):
        return []
    match = next(
        (
            m
            for m in finditer(TRIGGERS[KIND], s)
            if of_the_truce(KIND, s.text, m) and not counterfactual(s.text, m)
        ),
        None,
    )
    if match is None:
        return []
    return [candidate(KIND.value, s, s.start + match.start(), context.article)]


RULE = KindRule(KIND, extract)

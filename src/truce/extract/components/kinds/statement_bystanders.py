"""A state named once, only to react, is a bystander: its reaction is no event.

   China's foreign ministry spokesperson said: "We welcome the ceasefire agreement."
   Oman's Foreign Minister called on the international community to investigate.

Third states' reactions are negatives in the real set's guidelines (eval/real/README.md); the
parties, their mediators and brokers are named again and again (the deal, the talks, the
releases), a bystander state only where it speaks. So a statement whose party is a state that
the report names nowhere outside the sentences of that statement, and that is not one of the
report's two sides, is dropped (rule `statement.bystander_state`). Agencies, armed groups and
bodies (the UN, the ICRC) are left alone: the guidelines keep their statements.
"""

from __future__ import annotations

from collections import defaultdict

from truce.extract.model import ActorMention, Candidate, Span


def drop_bystander_statements(
    candidates: list[Candidate], actors: list[ActorMention], sides: list[str]
) -> list[Candidate]:
    if not any(c.type == "statement" for c in candidates):
        return candidates
    states = {a.actor for a in actors if a.kind == "state"}
    where: dict[str, list[Span]] = defaultdict(list)
    for a in actors:
        where[a.actor].append(a.span)
    return [c for c in candidates if not _bystander(c, states, where, sides)]


def _bystander(
    c: Candidate, states: set[str], where: dict[str, list[Span]], sides: list[str]
) -> bool:
    if c.type != "statement" or c.actor is None or c.actor in sides or c.actor not in states:
        return False
    told = [c.span, *c.mentions]
    return all(any(lo <= s[0] < hi for lo, hi in told) for s in where[c.actor])

"""Mutual accusations: "Both sides have accused each other of violating the truce", "the two
countries exchanged accusations", "blame has gone back and forth between X and Y".

Rule `attribution.mutual_accusation`. Such a sentence alleges two breaches, each side accusing
the other: the breach whose actor is one side is said by the other side (gold README: a breach's
speaker is who alleges it; the real set codes each of the two so). The sentence names no single
speaker ("Both sides" is no one's voice), so the attribution component gives it none or the
phrase of both. The two sides are the parties the sentence names when it names two, else the
document's two sides. A breach without an actor beside one whose actor is a side gets the other
side as its actor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from truce.extract.model import ActorMention, Candidate, SourceRef
from truce.extract.switches import on

MUTUAL = re.compile(
    r"\b(?:each\s+other|one\s+another|back\s+and\s+forth|each\s+blaming\s+the\s+other|"
    r"mutual\s+(?:accusations|allegations|recriminations)|"
    r"(?:exchanged|trading|traded|exchanging|exchange)\s+(?:\w+\s+)?(?:accusations|allegations|"
    r"charges|blame))\b",
    re.IGNORECASE,
)
_PARTY_KINDS = frozenset(("state", "armed-group"))
_ARTICLE = re.compile(r"^(?:the|The)\s+")


def _name(actor: str, actors: Sequence[ActorMention], lo: int, hi: int) -> str | None:
    """The party as the text names it: in the sentence if it is named there, else its name the
    document uses most (a name, not an adjective: "Armenia", not "Armenian")."""
    within = [m for m in actors if m.actor == actor and lo <= m.span[0] < hi]
    named = [m for m in within if m.kind in _PARTY_KINDS and m.text[:1].isupper()]
    if named:
        return _ARTICLE.sub("", named[0].text)
    counts = Counter(
        _ARTICLE.sub("", m.text)
        for m in actors
        if m.actor == actor and m.kind in _PARTY_KINDS and m.text[:1].isupper()
    )
    nouns = [(n, k) for n, k in counts.most_common() if not n.endswith(("ian", "ese", "i", "ish"))]
    best = nouns or counts.most_common()
    return best[0][0] if best else None


def _pair(
    actors: Sequence[ActorMention], lo: int, hi: int, conflict: Sequence[str]
) -> tuple[str, str] | None:
    named = []
    for m in actors:
        if lo <= m.span[0] < hi and m.kind in _PARTY_KINDS and m.actor not in named:
            named.append(m.actor)
    if len(named) == 2:
        return named[0], named[1]
    if len(named) < 2 and len(conflict) == 2 and set(named) <= set(conflict):
        return conflict[0], conflict[1]
    return None


def attribute_mutual(
    candidates: list[Candidate], text: str, actors: Sequence[ActorMention], conflict: Sequence[str]
) -> None:
    """Each breach of a mutual accusation is said by the side it does not accuse (in place)."""
    if not on("attribution.mutual_accusation"):
        return
    by_span: dict[tuple[int, int], list[Candidate]] = {}
    for c in candidates:
        if c.type == "breach":
            by_span.setdefault(c.span, []).append(c)
    for (lo, hi), breaches in by_span.items():
        if not MUTUAL.search(text, lo, hi):
            continue
        pair = _pair(actors, lo, hi, conflict)
        if pair is None:
            continue
        accused = {c.actor for c in breaches} & set(pair)
        for c in breaches:
            if c.actor is None and len(accused) == 1 and len(breaches) == 2:
                (one,) = accused
                c.actor = pair[1] if one == pair[0] else pair[0]
                c.participants = sorted(set(c.participants) | {c.actor})
            if c.actor not in pair:
                continue
            other = pair[1] if c.actor == pair[0] else pair[0]
            name = _name(other, actors, lo, hi)
            if name is not None:
                c.source = replace(SourceRef(name), via=c.source.via)

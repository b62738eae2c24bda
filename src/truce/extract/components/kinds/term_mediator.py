"""A mediator telling what the sides will do is the deal's term, not its own statement
(rule `term.mediator_tells`, branch `exstmt2`).

   Neither side will target the other, including ships in the Red Sea, Oman said.
   Israel will withdraw its forces over a period of 60 days, he added.

A planned statement whose speaker is none of the document's two sides (a mediator, a broker)
and whose reported clause has a side (or "neither side", "both parties") as subject of
"will", "shall" or "must" tells a provision of the deal: an `agreement_term` in force, with
its speaker kept. A side telling what it will do ("Israel will act with increasing force,
the office said") stays a statement, and so does a side telling what the other will suffer.
Runs once over the candidates, after the sides are known: linear in their number.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from truce.extract.model import ActorMention, Candidate
from truce.extract.switches import on

# "neither side", "both parties", "each of the two sides", "the parties", "the two countries".
_SIDES = re.compile(
    r"\b(?:neither|both|each)(?:\s+of\s+the)?\s+(?:two\s+)?(?:sides?|parties|party|countries|"
    r"nations)\s+(?:will|shall|must|would)\s+|"
    r"\bthe\s+(?:two\s+)?(?:sides|parties|warring\s+parties)\s+(?:will|shall|must)\s+",
    re.IGNORECASE,
)
# A side's name followed by the modal: "Israel will withdraw", "Hezbollah must pull back".
_MODAL_AFTER = re.compile(r"\s*(?:forces\s+|troops\s+)?(?:will|shall|must)\s+(?:not\s+)?[a-z]")
_PARTY_KINDS = frozenset({"state", "armed-group"})


def mediator_terms(
    candidates: list[Candidate], text: str, actors: Sequence[ActorMention], sides: list[str]
) -> None:
    """Turn, in place, each planned statement of a speaker outside `sides` that tells what
    a side will do into the deal's term."""
    if not on("term.mediator_tells") or len(sides) < 2:
        return
    starts = [m.span[0] for m in actors]
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    for c in candidates:
        if c.type != "statement" or c.modality != "planned" or c.actor in sides:
            continue
        if c.actor is None and c.source.speaker is None:
            continue
        lo, hi = c.span
        if _SIDES.search(text, lo, hi) or _side_subject(text, actors, starts, ordered, c, sides):
            c.type = "agreement_term"
            c.modality = "occurred"  # a term in force, whatever its content (gold guideline)
            c.actor, c.target = None, None


def _side_subject(
    text: str,
    actors: Sequence[ActorMention],
    starts: list[int],
    ordered: bool,
    c: Candidate,
    sides: list[str],
) -> bool:
    lo, hi = c.span
    first = bisect_left(starts, lo) if ordered else 0
    for m in actors[first:]:
        if ordered and m.span[0] >= hi:
            break
        if not lo <= m.span[0] < hi or m.kind not in _PARTY_KINDS or m.actor not in sides:
            continue
        if _MODAL_AFTER.match(text, m.span[1]):
            return True
    return False

"""A deal's provisions told in one sentence as clauses of their own (round 9, `exsplit2`).

Rule `term.clause_provisions`: a sentence that states a term often goes on with a second
provision in a clause of its own, opened by "and that", "while" and a new subject, "and to" and
a second verb, or "stating that" after a signed text:

   The deal requires the rebels to pull back north of the river while the army is expected to
   leave the border towns.
   The envoy said the parties agreed to a truce and to allow fuel ships into the port.
   The sides signed a declaration stating that a final accord will be signed by May 1.

Each such clause that sets what a party must, will or may do (a modal or "is to", "is expected
to", "agreed to", "requiring ... to", "to allow") is a term of its own, as long as another part
of the sentence is a term by the rules before: the cue alone names no deal.
"""

from __future__ import annotations

import re

from truce.extract.components.sentence_view import Sentence
from truce.extract.switches import on

# Where a second provision opens. "while" needs a subject after it (a name, or "the" and a
# noun), not a participle ("while respecting the truce").
# A second infinitive ("and to") shares its subject with the first: it parts only next to a
# part that is a term by its clause alone (`infinitive`).
_BREAK = re.compile(
    r",?\s+and\s+that\s+|,?\s+while\s+(?=(?:the\s+)?[A-Z])|,?\s+while\s+the\s+(?=[a-z]+\s+"
    r"(?:is|are|was|were|will|would|must|shall|has|have)\b)|(?P<infinitive>\s+and\s+to\s+"
    r"(?=[a-z]+\s))|\s+stating\s+that\s+",
)
_CUES = (" and that ", " while ", " and to ", " stating that ")
# What a provision sets: a party's duty, plan or leave.
_PROVISION_VERB = re.compile(
    r"\b(?:will|would|shall|must|(?:is|are|was|were)\s+(?:expected\s+)?to|agreed\s+to|"
    r"requir(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){1,4}?to|to\s+(?:allow|permit|let|enable))\b",
    re.IGNORECASE,
)


def more_breaks(s: Sentence) -> list[tuple[int, bool]]:
    """Where a provision of its own opens in `s`, by the clause cues above, with the rule on;
    each with whether it is a second infinitive (see `_BREAK`)."""
    lowered = s.lower or s.text.lower()
    if not any(cue in lowered for cue in _CUES) or not on("term.clause_provisions"):
        return []
    return [(m.start(), m["infinitive"] is not None) for m in _BREAK.finditer(s.text)]


# A party saying what it will do speaks its own position: "while Borovia said it would keep
# fighting" is no provision of the deal.
_SPOKEN = re.compile(
    r"\b(?:said|says|say|told|tells|announced|warned|insisted|stated|added|vowed|threatened|"
    r"claimed|argued|denied|refused)\b",
    re.IGNORECASE,
)


def states_provision(text: str, lo: int, hi: int) -> bool:
    """Whether `text[lo:hi]`, a part of a term's sentence with no term word, sets a duty, plan
    or leave (rule `term.clause_provisions`), not as a party's words about itself."""
    if not on("term.clause_provisions"):
        return False
    verb = _PROVISION_VERB.search(text, lo, hi)
    return verb is not None and _SPOKEN.search(text, lo, verb.start()) is None

"""Aid deliveries: aid, fuel or trucks entering or delivered, or ships and flights in their own
words ("a fuel tanker docked at Hodeidah", "commercial flights have resumed from Sanaa"); never
in a sentence that states what the deal provides, nor one ahead at a rate ("200 trucks would
enter daily"): there a delivery is a term.
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.agreement_term import rate_ahead
from truce.extract.components.kinds.common import Context, KindRule, first_trigger
from truce.extract.components.sentence_view import Sentence, candidate, search
from truce.extract.model import Candidate
from truce.extract.switches import on
from truce.extract.triggers import TERM_CUES

KIND = EventType.AID_DELIVERY

# Deliveries in the words of ships and flights: "a fuel tanker docked at Hodeidah", "allowed
# oil tankers to dock", "33 vessels have arrived at the port", "commercial flights have resumed
# from Sanaa", "260 trucks of aid moved into the crossing".
AID_MORE = re.compile(
    r"\b(?:tankers?|ships?|vessels?|flights?|trucks?|convoys?)\b[^.;]{0,60}?\b(?:dock(?:ed)?|"
    r"moored|landed|(?:has|have|had)\s+(?:resumed|arrived)|moved\s+into)\b",
    re.IGNORECASE,
)
AID_MORE_CUES = ("dock", "moored", "landed", "resumed", "arrived", "moved into")
# Rule `aid.verb_forms`: the trigger's verbs in the forms it lacks, and passing through: "aid
# entering Gaza", "dozens of trucks passing through the Rafah crossing", "the Red Crescent was
# allowed to deliver aid", "delivering fuel to the north".
AID_FORMS = re.compile(
    r"\b(?:aid|trucks?|lorries|convoys?|fuel|supplies|humanitarian\s+assistance)\b[^.;]{0,60}?"
    r"\b(?:entering|passing\s+through|crossing\s+(?:into|through)|arriving)\b|"
    r"\b(?:deliver|delivering|bring\s+in|bringing\s+in)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:aid|fuel|supplies|food)\b",
    re.IGNORECASE,
)
# The cues the trigger table's lack ("entering", "crossing", "arriving" cue the kind already,
# with an aid noun; "deliver food" has none).
AID_FORMS_CUES = ("passing through", "bring in", "bringing in", "deliver")

# Rule `aid.into` (branch exmiss): aid let or going in, or received, in words the trigger lacks:
# "allowed some humanitarian aid into the city", "allowed an influx of aid into the Strip", "aid
# will be allowed to flow into the region", "aid trucks rolled into the town", "600 aid trucks
# would go in", "another ship was allowed into the port", "the town has received its first aid
# convoy", "humanitarian assistance is moving today to eight locations". Not "allowing the entry of
# 18 fuel ships into the port", which the deals list as a provision.
_AID_NOUN = (
    r"(?:aid|assistance|supplies|fuel|food|trucks?|lorries|convoys?|ships?|vessels?|tankers?)"
)
AID_INTO = re.compile(
    r"\ballow(?:ed|s|ing)?\s+(?:(?:some|more|in|an\s+influx\s+of)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_AID_NOUN}\s+(?:to\s+flow\s+)?into\b|"
    rf"\b{_AID_NOUN}\b[^.;]{{0,40}}?\b(?:rolled|poured|flowed|went|go|going|(?:was|were|be)\s+"
    r"allowed(?:\s+to\s+flow)?)\s+(?:in|into)\b|"
    r"\breceived\s+(?:its|their|the)\s+(?:first\s+|second\s+|new\s+)?(?:humanitarian\s+)?"
    r"(?:aid|assistance)(?:\s+convoys?)?\b|"
    r"\b(?:aid|assistance)\s+(?:is|are|was|were)\s+moving\b",
    re.IGNORECASE,
)
AID_INTO_CUES = (
    *("allow", "rolled", "poured", "flowed", "went in", "go in", "going in", "received", "moving"),
)


def _forms(s: Sentence) -> re.Match[str] | None:
    return search(AID_FORMS, s) if on("aid.verb_forms") else None


def _into(s: Sentence) -> re.Match[str] | None:
    if not on("aid.into"):
        return None
    lowered = s.lower or s.text.lower()
    # Every alternative has one of its cue words; a sentence the table cued may have none.
    return search(AID_INTO, s) if any(map(lowered.__contains__, AID_INTO_CUES)) else None


AID_UNITS = {"trucks", "ships", "flights"}


def extract(s: Sentence, context: Context) -> list[Candidate]:
    match = first_trigger(KIND, s, lambda s: search(AID_MORE, s), _forms, _into)
    if match is None or search(TERM_CUES, s):
        return []
    c = candidate(KIND.value, s, s.start + match.start(), context.article)
    if c.modality != "occurred" and rate_ahead(s) is not None:
        return []  # "200 trucks of aid would enter daily": the deal's rate, a term
    c.quantities = [q for q in s.quantities if q.unit in AID_UNITS]
    return [c]


RULE = KindRule(KIND, extract, cues=AID_MORE_CUES + AID_FORMS_CUES + AID_INTO_CUES)

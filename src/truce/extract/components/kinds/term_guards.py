"""What looks like a term but is a party's position on the deal (branch `exprec`).

- A warning of what a party will do if the deal is violated (rule `term.threat_if_violated`):
  "warned that if it is violated, Israel retains the right to respond with force", "our forces
  will deal firmly with any movement that violates this agreement", "would respond decisively
  if Hezbollah violates any part of the agreement". The deal is named, but what the sentence
  tells is the party's threat: a statement (conditional), as the gold guideline says of
  threats, not one of the deal's terms.
- A party accepting a proposal (rule `term.accepts_proposal`): "the RSF announced that it has
  agreed to a humanitarian truce proposed by the Quad", "agreed to the mediators' proposal":
  the party's answer to an offer, a statement, not a term agreed between the sides.
"""

from __future__ import annotations

import re

from truce.extract.components.sentence_view import Sentence, search
from truce.extract.switches import on

_VIOLATED = re.compile(
    r"\b(?:if|should|whenever|any|anyone|whoever)\b[^.;]{0,60}?\bviolat\w*|"
    r"\bviolat\w*\s+(?:of\s+)?(?:any\s+(?:part|provision|term)s?\s+of\s+)?"
    r"(?:this|the|that|our|its)\s+(?:agreement|deal|truce|ceasefire|cease-fire|accord)",
    re.IGNORECASE,
)
_RESPONSE = re.compile(
    r"\b(?:warn\w*|threat\w*|respond\w*|response|retaliat\w*|deal\s+(?:firmly|forcefully|"
    r"decisively)|act\s+(?:firmly|forcefully|decisively))\b",
    re.IGNORECASE,
)
_ACCEPTS = re.compile(
    r"\b(?:agreed|agrees|accepted|accepts)\s+(?:to\s+)?(?:a|an|the|their|its)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:proposal|proposed|initiative|offer|plan)\b",
    re.IGNORECASE,
)

_ACCEPT_CUES = ("propos", "offer", "initiative", "plan")


def threat_if_violated(s: Sentence) -> bool:
    lowered = s.lower or s.text.lower()
    if "violat" not in lowered or not on("term.threat_if_violated"):
        return False
    return search(_VIOLATED, s) is not None and search(_RESPONSE, s) is not None


def accepts_proposal(s: Sentence) -> bool:
    lowered = s.lower or s.text.lower()
    if not any(cue in lowered for cue in _ACCEPT_CUES) or not on("term.accepts_proposal"):
        return False
    return search(_ACCEPTS, s) is not None

"""Two readings of a meeting word that its sentence decides (branch `exstmt2`).

- `meeting.negotiated_deal`: "negotiated" with a deal as its object ("Egypt negotiated the
  ceasefire", "the plan negotiated under the auspices of ...") tells who brokered the deal,
  not that anyone met.
- `meeting.talks_lasted`: talks measured in time ("after five days of discussions in
  Geneva", "following weeks of talks") were held, even where "after" makes them the way to
  something else (which `meeting._TALKS_AS_MEANS` otherwise reads as no meeting).
"""

from __future__ import annotations

import re

from truce.extract.switches import on
from truce.extract.triggers import TRUCE_NOUN

_DEAL = rf"(?:{TRUCE_NOUN}|deal|agreement|accord|plan|settlement|arrangement|exchange|swap)s?"
# "negotiated the ceasefire", "negotiated a prisoner swap", "negotiated Gaza's truce".
_NEGOTIATED_OBJECT = re.compile(
    rf"negotiated\s+(?:(?:the|a|an|its|their|this|that)\s+)?(?:[\w'’-]+\s+){{0,2}}?{_DEAL}\b",
    re.IGNORECASE,
)
# "the plan negotiated under", "a deal negotiated by Qatar": the participle after the deal.
_DEAL_NEGOTIATED = re.compile(rf"\b{_DEAL}\s+(?:(?:was|were|being|been|had\s+been)\s+)?$", re.I)
# "five days of", "weeks of", "10 hours of", "two rounds of", "months of intense".
_LASTED = re.compile(
    r"\b(?:\d+|[a-z]+)[\s-]+(?:days?|weeks?|hours?|months?|rounds?)\s+of\s+"
    r"(?:[a-z-]+\s+)?$|\b(?:days|weeks|months|hours)\s+of\s+(?:[a-z-]+\s+)?$",
    re.IGNORECASE,
)


def negotiated_a_deal(text: str, match: re.Match[str]) -> bool:
    """Whether the meeting word `match` is "negotiated" said of a deal (rule
    `meeting.negotiated_deal`)."""
    if match.group().lower() != "negotiated" or not on("meeting.negotiated_deal"):
        return False
    if _NEGOTIATED_OBJECT.match(text, match.start()):
        return True
    return _DEAL_NEGOTIATED.search(text, max(0, match.start() - 40), match.start()) is not None


def talks_lasted(text: str, match: re.Match[str]) -> bool:
    """Whether the talks of `match` are measured in time ("after five days of talks"; rule
    `meeting.talks_lasted`)."""
    if not on("meeting.talks_lasted"):
        return False
    return _LASTED.search(text, max(0, match.start() - 40), match.start()) is not None

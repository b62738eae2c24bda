"""What a deal holds, told by the one who speaks for it (`term.told_by_speaker`).

A mediator or a party saying that a deal was made, or what it sets, states the deal (a term,
gold guideline), not a position of its own: "Oman has brokered a ceasefire between the Houthis
and the US, its foreign minister said", "Oman said it mediated a ceasefire deal", "the envoy
added the truce was extended under the same terms", "the terms of the prisoner exchange
stipulate that five officers will stay in Turkey", "the deal expects Hezbollah forces to leave
their positions, Biden said". Read in the active voice only: "the Egypt-brokered truce held"
and "the ceasefire mediated by Qatar" name a deal, they do not tell one.
"""

from __future__ import annotations

import re

from truce.extract.components.sentence_view import Sentence, finditer
from truce.extract.switches import on

_DEAL = r"(?:deal|agreement|accord|truce|ceasefire|cease-fire|armistice|pact)"
TOLD = re.compile(
    # "has brokered a ceasefire", "helped broker a truce deal", "it mediated the agreement".
    rf"\b(?:(?:helped\s+(?:to\s+)?)?broker|brokered|mediated|negotiated)\s+(?:an?|the)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_DEAL}\b(?!\s+(?:talks|negotiations|efforts))|"
    # "the terms of the prisoner exchange stipulate", "the deal expects X to leave".
    rf"\bterms\s+of\s+the\s+(?:[\w-]+\s+){{0,3}}?(?:{_DEAL}|exchange|swap)\s+"
    rf"(?:stipulate|provide\s+for|require|include)\b|"
    rf"\b{_DEAL}\s+(?:also\s+)?expects\b|"
    # "extended under the same terms as the previous one".
    r"\b(?:under|on)\s+the\s+same\s+terms\b",
    re.IGNORECASE,
)
CUES: tuple[str, ...] = (
    "broker",
    "mediated",
    "negotiated",
    "stipulate",
    "provide for",
    "require",
    "include",
)
CUES += ("expects", "same terms")


def told(s: Sentence, lowered: str) -> list[re.Match[str]]:
    """Where the sentence tells that a deal was made or what it sets, if the rule is on."""
    if not any(cue in lowered for cue in CUES) or not on("term.told_by_speaker"):
        return []
    return list(finditer(TOLD, s))

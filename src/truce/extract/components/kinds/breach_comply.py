"""Breaches told as a party not doing what the deal asks (round 7, branch `exweak`).

Rule `breach.non_compliance`: a party refusing or failing to do its part, or a provision not
yet carried out, alleges a breach by that party: "after the army refused to comply", "the
militia failed to withdraw by the deadline", "the rebels have yet to honour the deal", "a
provision for the militia to reopen the roads has yet to be implemented", "the troops have not
withdrawn". No breach word is needed: not doing what was agreed is the allegation. Inside an
if-clause ("if the army fails to withdraw") it alleges nothing; its negation ("have not
withdrawn") is the breach's own wording, so the breach is told as done, not denied.
"""

from __future__ import annotations

import re

from truce.extract.components.sentence_view import Sentence, hypothetical, search
from truce.extract.model import Candidate
from truce.extract.switches import on

# What a party owes under a deal: to comply, withdraw, honour it, carry it out, keep a deadline.
_DUTY = (
    r"(?:fully\s+)?(?:comply|withdraw|pull\s+(?:out|back)|honou?r|abide|implement|respect|"
    r"fulfil+|meet\s+(?:the|its|their)\s+(?:[\w-]+\s+)?(?:deadline|timeframe|timeline|"
    r"obligations|commitments)|be\s+(?:fully\s+)?implemented)"
)
NON_COMPLIANCE = re.compile(
    rf"\b(?:refus(?:ed|es|ing)|fail(?:ed|s)|(?:has|have|had)\s+yet)\s+to\s+{_DUTY}\b|"
    r"\b(?:did|does|do)\s+not\s+(?:fully\s+)?(?:comply|withdraw|pull\s+(?:out|back)|honou?r|"
    r"abide)\b|"
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:fully\s+)?(?:withdrawn|pulled\s+(?:out|back)|"
    r"complied|honou?red|been\s+implemented)\b|"
    r"\bnon-?compliance\b",
    re.IGNORECASE,
)
# The words one of which a sentence needs for the rule to look at it.
CUES = (
    "refus",
    "fail",
    "yet to",
    "not comply",
    "not withdraw",
    "not fully",
    "not honour",
    "not honor",
    "not abide",
    "not pull",
    "not yet",
    "withdrawn",
    "not complied",
    "not been implemented",
    "compliance",
)


def not_complying(s: Sentence) -> re.Match[str] | None:
    """The first refusal or failure to do one's part in `s`, outside any if-clause."""
    if not on("breach.non_compliance"):
        return None
    match = search(NON_COMPLIANCE, s)
    return match if match is not None and not hypothetical(s.text, match.start()) else None


def told_as_done(c: Candidate) -> None:
    """A failure told with a negation ("the troops have not withdrawn") alleges a breach that
    occurred: the "not" is the failure, not a denial of it."""
    if c.modality == "denied":
        c.modality = "occurred"

"""More verbs in which a party takes a position of its own (`statement.more_stances`).

Besides the verbs of `statement._STANCE`: congratulating, echoing, refusing a position
("refused to endorse a 30-day ceasefire", not "refused to comply": a deed), requesting,
alleging, insisting, and setting conditions ("the army conditioned any truce on a full
withdrawal", "Israel has tied the start of talks to the handover of the remains"); a condition
set is a statement whose content is conditional (gold guideline).
"""

from __future__ import annotations

import re

from truce.extract.switches import on

STANCES = re.compile(
    r"\s*(?:,[^,.;]{1,80},\s*)?(?:(?:has|have|had|also|publicly|again|firmly|flatly|"
    r"on\s+\w+day)\s+)*"
    r"(?P<verb>congratulated|congratulates|echoed|echoes|"
    # Refusing a position, not a deed ("refused to comply" narrates a failure to act).
    r"refuse[sd]?\s+to\s+(?:endorse|accept|sign|agree|back|support|recogni[sz]e|join|extend|"
    r"renew|negotiate|discuss|attend)|requested|"
    r"requests|alleged|alleges|insisted|insists|"
    r"(?P<condition>conditioned|conditions|tied|ties|linked|links))\b"
    # A condition is set on something: "conditioned any truce on", "tied X to Y".
    r"(?(condition)(?=[^.;]{1,120}?\b(?:on|upon|to)\b))",
    re.IGNORECASE,
)
CUES: tuple[str, ...] = ("congratulat", "echo", "refuse", "request", "allege", "insist")
CUES += ("condition", "tie", "link")
# The words that let a sentence with no speech verb and no other trigger be read at all
# ("Hamas conditioned any truce on ..." was skipped before any stance was looked for): the
# verbs themselves, narrower than CUES ("tie" is in "parties").
SENTENCE_CUES: tuple[str, ...] = ("congratulat", "echoed", "echoes", "refuse", "requested")
SENTENCE_CUES += ("requests", "alleged", "alleges", "insist", "conditioned", "conditions")
SENTENCE_CUES += ("tied", "ties ", "linked", "links")


def more_stance(text: str, at: int) -> re.Match[str] | None:
    """The stance verb right after a party's name ending at `at`, if the rule is on."""
    if not on("statement.more_stances"):
        return None
    return STANCES.match(text, at)

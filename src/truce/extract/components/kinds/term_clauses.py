"""A provision a deal sets that names no deal word (round 5, `exterms`).

`term.withdraw_within`: a withdrawal, a departure or a deployment with a deadline is a provision
of the deal even where the sentence names no deal: "troops would pull back within 21 days", "the
fighters must leave the country within three months", "the army will withdraw over a period of
60 days". A sentence that sets two such steps ("X would deploy in the south, while Y would
withdraw within 60 days") states two provisions, cut at "while".

`quantity.term_own_counts`: a term's counts are the deal's, not the war's or the talks': "to end
an 11-day military operation", "following five days of talks", "talks that lasted 10 hours",
"two years into a war that has killed thousands" give the term no count.
"""

from __future__ import annotations

import re

from truce.extract.components.sentence_view import Sentence, finditer, search
from truce.extract.lexicon_numbers import SMALL_NUMBERS, word_alternation
from truce.extract.model import Quantity
from truce.extract.switches import on
from truce.extract.triggers import TRUCE_WORDS

_WORDS = list(dict.fromkeys([*SMALL_NUMBERS, "thirty", "sixty", "ninety"]))
_COUNT = rf"(?:\d[\d,]*|{word_alternation(_WORDS)})"
WITHDRAW_WITHIN = re.compile(
    r"\b(?:withdraw\w*|pull(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:out|back)|leave|leaves|"
    r"depart\w*|deploy\w*|retreat\w*|evacuat\w*|redeploy\w*)\b(?:(?!\bwhile\b)[^.;]){0,120}?"
    rf"\b(?:within|over\s+a\s+period\s+of|no\s+later\s+than)\s+(?:a\s+maximum\s+period\s+of\s+)?"
    rf"{_COUNT}[\s-]+(?:days?|weeks?|months?)\b|"
    # "withdraw forces in the next 60 days"
    r"\b(?:withdraw\w*|pull(?:s|ed|ing)?\s+(?:out|back)|leave|depart\w*|retreat\w*)\s+"
    rf"(?:[\w-]+\s+){{0,4}}?in\s+the\s+(?:next|coming)\s+{_COUNT}[\s-]+(?:days?|weeks?|months?)\b",
    re.IGNORECASE,
)
WITHDRAW_CUES = ("within", "over a period", "no later than", "in the next", "in the coming")
# Whose withdrawal: armed men, or a truce named in the sentence ("the team will leave within
# three days" is no provision).
_ARMED = re.compile(
    r"\b(?:forces|troops|fighters|mercenaries|army|armies|units|militias?|soldiers|"
    r"combatants|weapons|rebels|militants|guerrillas)\b",
    re.IGNORECASE,
)
CUES = WITHDRAW_CUES
# "X would deploy in the south, while Y would withdraw": two provisions.
WHILE_BREAK = re.compile(r",?\s+while\s+", re.IGNORECASE)


def clauses(s: Sentence, lowered: str) -> list[re.Match[str]]:
    """Where the sentence sets a withdrawal deadline, with the rule on."""
    found: list[re.Match[str]] = []
    if any(cue in lowered for cue in WITHDRAW_CUES) and on("term.withdraw_within"):
        deadlines = list(finditer(WITHDRAW_WITHIN, s))
        if deadlines and (search(_ARMED, s) or search(TRUCE_WORDS, s)):
            found += deadlines
    return sorted(found, key=lambda m: m.start())


def while_breaks(s: Sentence) -> list[int]:
    """Where a second provision opens with "while", in a sentence that sets a withdrawal
    deadline after it."""
    if " while " not in (s.lower or s.text.lower()) or not on("term.withdraw_within"):
        return []
    deadlines = [m.start() for m in finditer(WITHDRAW_WITHIN, s)]
    breaks = WHILE_BREAK.finditer(s.text)
    return [m.start() for m in breaks if any(d > m.start() for d in deadlines)]


# What a count measures when it is the war's or the talks', read after it ("11-day military
# operation", "five days of UN-hosted talks", "two years into a war") or before it ("talks that
# lasted 10 hours"); a truce word between ("a 30-day cessation of hostilities") keeps it.
_TRUCE_WORD = r"(?:truce|ceasefire|cease-fire|cessation|pause|halt|calm|moratorium|deal|agreement)"
_NOT_THE_DEALS_AFTER = re.compile(
    rf"[\s-]*(?:of\s+|into\s+(?:an?\s+|the\s+)?)?(?:(?!{_TRUCE_WORD}\b)[\w-]+\s+){{0,2}}?"
    r"(?:war|conflict|fighting|military\s+operation|operation|offensive|talks|negotiations|"
    r"clashes|bombardment|escalation)\b",
    re.IGNORECASE,
)
_NOT_THE_DEALS_BEFORE = re.compile(
    r"\b(?:talks|negotiations|meeting|war|fighting)\s+(?:that\s+|which\s+)?"
    r"(?:had\s+|has\s+)?(?:lasted|lasting|went\s+on\s+for)\s+(?:for\s+)?(?:about\s+|some\s+)?$",
    re.IGNORECASE,
)
_TOLLS = {"killed", "injured", "wounded", "dead", "groups"}


def own_counts(text: str, start: int, counts: list[Quantity]) -> list[Quantity]:
    """The counts that are the term's own (`quantity.term_own_counts`): not a toll, nor how
    long the war or the talks went on. `text` is the sentence's, starting at `start`."""
    if not counts or not on("quantity.term_own_counts"):
        return counts
    kept = []
    for q in counts:
        lo, hi = q.span[0] - start, q.span[1] - start
        if q.unit in _TOLLS or _NOT_THE_DEALS_AFTER.match(text, hi):
            continue
        if not _NOT_THE_DEALS_BEFORE.search(text, max(0, lo - 50), lo):
            kept.append(q)
    return kept

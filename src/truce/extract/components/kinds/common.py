"""What the kind rules share: a kind's rule and its place in the table, the sentence's context,
the first trigger that is no counterfactual, whether a date follows a trigger at once, and
whether the sentence names the truce.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from truce.domain.claims import EventType
from truce.extract.components.sentence_view import Sentence, finditer, search
from truce.extract.model import Article, Candidate
from truce.extract.switches import on
from truce.extract.triggers import HALT, HALT_NOUNS, TRIGGERS, TRUCE_WORDS

DURATION_UNITS = {"days", "weeks", "months", "hours"}

Finder = Callable[[Sentence], "re.Match[str] | None"]


@dataclass
class Context:
    """One sentence's surroundings: the article, the sides that hold hostages and prisoners
    in it, and the candidates the kinds before in the table found in the sentence."""

    article: Article
    holders: tuple[str | None, str | None]
    found: list[Candidate] = field(default_factory=list)
    _truce_named: bool | None = None

    def names_the_truce(self, s: Sentence) -> bool:
        """Whether the sentence names a truce, a deal or a halt (worked out once)."""
        if self._truce_named is None:
            self._truce_named = _names_the_truce(s)
        return self._truce_named


@dataclass(frozen=True)
class KindRule:
    """How one event type is extracted from a sentence.

    `extract` gives the sentence's candidates of the kind; it runs when the kind is cued (a
    trigger word of the table in `triggers`, or one of `cues`, the words its own patterns need)
    or, when `always`, on every sentence read (a statement is decided by who speaks).
    """

    kind: EventType
    extract: Callable[[Sentence, Context], list[Candidate]]
    cues: tuple[str, ...] = ()
    always: bool = False


# What was supposed to happen did not: "the pause, supposed to expire on Tuesday, was extended".
_COUNTERFACTUAL = re.compile(
    r"\b(?:supposed|meant|ought)\s+to\s+(?:be\s+|have\s+(?:been\s+)?)?$", re.IGNORECASE
)


def counterfactual(text: str, match: re.Match[str]) -> bool:
    if not on("guard.counterfactual"):
        return False
    return _COUNTERFACTUAL.search(text, max(0, match.start() - 40), match.start()) is not None


# What only might happen, or is threatened: "the truce could collapse", "may be over",
# "threatened to end the truce", "risks collapsing". ("May" the month is capitalised.)
_SPECULATIVE = re.compile(
    r"\b(?:(?:could|might|(?-i:may))\s+(?:\w+ly\s+|well\s+|soon\s+|still\s+)?(?:be\s+)?|"
    r"threat(?:en|ens|ened|ening)\s+(?:to\s+)?|risk(?:s|ed|ing)?\s+)$",
    re.IGNORECASE,
)


def speculative(text: str, match: re.Match[str]) -> bool:
    """Whether the trigger is what might happen or what a party threatens, not what did or is
    set to: "the ceasefire could collapse", "Hamas threatened to end the truce"."""
    if not on("guard.speculative"):
        return False
    return _SPECULATIVE.search(text, max(0, match.start() - 40), match.start()) is not None


def first_trigger(kind: EventType, s: Sentence, *more: Finder) -> re.Match[str] | None:
    """The kind's first trigger in the sentence: the table's, else the first of `more` that
    finds one; one a counterfactual governs gives way to the table's next that none does."""
    pattern = TRIGGERS[kind]
    match = search(pattern, s)
    for finder in more if on("trigger.own_patterns") else ():
        if match is not None:
            break
        match = finder(s)
    if match is not None and counterfactual(s.text, match):
        match = next((m for m in finditer(pattern, s) if not counterfactual(s.text, m)), None)
    return match


_JUST_BEFORE_A_DATE = re.compile(r"\s*(?:,\s*)?(?:on|at|from|in)?\s*$", re.IGNORECASE)
# How far after a trigger a date may stand to be the trigger's own ("took effect on April 2").
_DATED_REACH = 30


def dated(s: Sentence, match: re.Match[str]) -> bool:
    """Whether a date follows the trigger at once: "took effect on April 2", not "begins would be
    announced within the next 24 hours"."""
    at = s.start + match.end()
    return any(
        at <= t.span[0] <= at + _DATED_REACH
        and t.date is not None
        and _JUST_BEFORE_A_DATE.match(s.text[match.end() : t.span[0] - s.start]) is not None
        for t in s.times
    )


def _names_the_truce(s: Sentence) -> bool:
    if search(TRUCE_WORDS, s) is not None:
        return True
    lowered = s.lower or s.text.lower()
    return any(noun in lowered for noun in HALT_NOUNS) and search(HALT, s) is not None

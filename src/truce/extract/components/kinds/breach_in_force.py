"""Attacks told with no truce wording, while the report's truce is in force (branch `exstrike`).

Rule `breach.truce_in_force`: a report that has told a truce starting (or extended) and not
ending goes on to say "Israeli strikes hit the towns of ...", "forces abducted four citizens",
"an air strike on a vehicle killed ...": the sentence names no truce, but the attack falls in
the truce's time, which makes it an alleged breach (eval/real's guideline: fighting before a
truce starts or after it ends is none). What the report has told so far is a `TruceClock`:

- running once an occurred start or extension is told;
- started on the first dated start's day: an attack on that day or before is the war that led
  to the truce ("hours before the truce, Israel launched strikes"), not a breach;
- stopped by an occurred end (on its day, or from then on when the end is undated).

The attack's day is its own (the sentence's) or the publication day. An attack in a time
clause ("since Israel launched ..."), an if-clause, under a negation ("no air strikes") or
dated long before is history, not news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from truce.extract.components.kinds import breach_acts
from truce.extract.components.kinds.breach import adjective_before
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    hypothetical,
    search,
    subject_before,
)
from truce.extract.model import Article, Candidate, calendar_day
from truce.extract.switches import on

RULE = "breach.truce_in_force"

# A hostile act told as done: a strike or shell that hit, struck or killed ("Israeli strikes
# hit", "an air force strike on a vehicle", "tank shells targeting a bus"), or a verb of attack
# with its object ("bombed seven villages", "abducted four citizens", "is seizing the ship").
_WEAPON = (
    r"(?<!these\s)(?<!those\s)(?<!such\s)(?<!hunger\s)(?<!general\s)(?:(?:air|drone|missile|artillery|rocket)\s?)?"
    r"(?:strikes?|airstrikes?|shells|shelling|bombardment|raids?)"
)
_HIT = (
    r"(?:hit|hits|struck|targeted|targeting|killed|killing|wounded|destroyed|levelled|"
    r"leveled|on\s+(?:a|an|the)\b)"
)
ACT = re.compile(
    rf"\b{_WEAPON}\s+(?:[\w'’-]+\s+){{0,3}}?{_HIT}|"
    r"\b(?:bombed|shelled|raided|stormed|abducted|kidnapped|opened\s+fire\s+(?:on|at|upon)|"
    r"(?:fired|launched)\s+(?:[\w-]+\s+){0,2}?(?:missiles|rockets|shells|drones)\s+(?:at|on|into|"
    r"towards?)|shot\s+(?:dead|at)|(?:is|are|was|were|has|have|had)\s+seiz(?:ed|ing)\s+"
    r"(?:a|an|the)\b)",
    re.IGNORECASE,
)
CUES = (
    *("strike", "shell", "bombard", "raid", "bombed", "stormed", "abducted", "kidnapped"),
    *("opened fire", "fired", "launched", "shot", "seiz"),
)
# "no air strikes", "without any sound of fighting or air strikes", "did not shell": none told.
_NEGATED = re.compile(
    r"\b(?:no|not|without|never|nor|den(?:y|ies|ied)|halt\w*|stop\w*|end(?:s|ed|ing)?)\b[^,;.]{0,40}$",
    re.IGNORECASE,
)
# "would strike", "will launch", "could be bombed": not done.
_MODAL = re.compile(
    r"\b(?:would|will|could|might|may|should|must|to)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)

# "the strikes", "in the strike that targeted ...": an attack told before.
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def cued(lowered: str) -> bool:
    """Whether the sentence has a word an attack of `ACT` needs (one pass, no pattern)."""
    return any(c in lowered for c in CUES)


@dataclass
class TruceClock:
    """What the report has told so far of its truce: whether it runs, since which day, and
    whether (and when) it ended."""

    running: bool = False
    started: date | None = None
    ended: date | None = None
    ended_undated: bool = False
    first_breach: int | None = None  # where the report's first breach is told

    def tell(self, found: list[Candidate]) -> None:
        """Take the truce events of one sentence."""
        for c in found:
            if c.type == "breach" and self.first_breach is None:
                self.first_breach = c.span[0]
            if c.modality != "occurred":
                continue
            day = calendar_day(c.date) if c.date is not None else None
            if c.type in ("ceasefire_start", "ceasefire_extension"):
                self.running = True
                if c.type == "ceasefire_start" and day is not None:
                    self.started = day if self.started is None else min(self.started, day)
            elif c.type == "ceasefire_end":
                if day is None:
                    self.ended_undated = True
                else:
                    self.ended = day if self.ended is None else max(self.ended, day)

    def undate(self, found: list[Candidate]) -> None:
        """Breaches in force that took the story's day (`story.StoryDate`) keep it only if the
        truce had begun by then."""
        for c in found:
            if (
                c.date is not None
                and self.started is not None
                and calendar_day(c.date) <= self.started
            ):
                c.date, c.date_precision = None, None

    def in_force(self, day: date | None) -> bool:
        """Whether the truce holds on `day` (None: a day the report does not give)."""
        if not self.running or self.ended_undated:
            return False
        if day is None:
            return self.ended is None
        if self.started is not None and day <= self.started:
            return False
        return self.ended is None or day < self.ended


def breach_in_force(
    s: Sentence, found: list[Candidate], clock: TruceClock, article: Article
) -> list[Candidate]:
    """The attack of a sentence that gave no breach, as a breach, when the truce is in force on
    its day."""
    if not clock.running or any(c.type == "breach" for c in found) or not on(RULE):
        return []
    act = search(ACT, s)
    if act is None or _history(s, act, clock, article.published):
        return []
    trigger = s.start + act.start()
    c = candidate("breach", s, trigger, article)
    day = (
        calendar_day(c.date)
        if c.date is not None and c.date_precision in ("day", "exact")
        else None
    )
    if c.modality != "occurred" or not clock.in_force(day or _published(article)):
        return []
    c.actor = adjective_before(s, trigger) or subject_before(s, trigger) or by_actor(s, trigger)
    return [c]


def _history(s: Sentence, act: re.Match[str], clock: TruceClock, published: date | None) -> bool:
    at = act.start()
    told = clock.first_breach is not None and clock.first_breach < s.start
    if told and _THE_BEFORE.search(s.text, max(0, at - 10), at):
        return True  # "killed in the strikes": the attack of a breach told before
    if hypothetical(s.text, at) or _NEGATED.search(s.text, max(0, at - 60), at):
        return True
    if _MODAL.search(s.text, max(0, at - 30), at):
        return True
    if breach_acts.history(s, at, published):
        return True
    # A day in the sentence at or before the truce's start: the war before it.
    started = clock.started
    return started is not None and any(
        t.date is not None and calendar_day(t.date) <= started for t in s.times
    )


def _published(article: Article) -> date | None:
    return calendar_day(article.published) if article.published is not None else None

"""Rules over the whole story rather than one sentence: the date the story is at, the two sides
of its conflict, and one meeting told over several sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from truce.extract.components.ongoing import is_ongoing
from truce.extract.model import ActorMention, Candidate, TimeRef, calendar_day
from truce.extract.switches import on

_Date = date  # `StoryDate` has a method named `date`


def merge_meetings(candidates: list[Candidate]) -> list[Candidate]:
    """Later sentences about the same meeting add participants instead of new events: a meeting
    joins the first kept meeting sharing a participant with it."""
    kept: list[Candidate] = []
    # participant -> where in `kept` the first meeting holding it is. Participants only grow, so
    # the first stays first, and a meeting is looked up by its own participants, not the lot.
    first_with: dict[str, int] = {}
    for c in candidates:
        if c.type != "meeting":
            kept.append(c)
            continue
        at = min((first_with[p] for p in c.participants if p in first_with), default=None)
        if at is None:
            at = len(kept)
            kept.append(c)
        else:
            earlier = kept[at]
            earlier.participants = sorted(set(earlier.participants) | set(c.participants))
            earlier.location = earlier.location or c.location
        for p in kept[at].participants:
            first_with.setdefault(p, at)
    return kept


def sides(actors: list[ActorMention]) -> list[str]:
    """The two sides of the document's conflict: its two most named states or armed groups
    (ties go to the one named first)."""
    counts = Counter(a.actor for a in actors if a.kind in {"state", "armed-group"})
    if on("doc.known_pair"):
        # A group the gazetteer pairs with the government it fights, both named: those two are
        # the sides, however often a mediator is named ("the US and Saudi Arabia", RSF and SAF).
        from truce.extract.gazetteer import GOVERNMENT_OF

        named = Counter(a.actor for a in actors if a.kind in {"state", "armed-group", "agency"})
        paired = [g for g, _ in counts.most_common() if GOVERNMENT_OF.get(g) in named]
        if paired:
            pair = (paired[0], GOVERNMENT_OF[paired[0]])
            return sorted(pair, key=lambda side: -named[side])
    return [actor for actor, _ in counts.most_common(2)]


class StoryDate:
    """The date the story is at. Wire copy narrates in order and dates an event once: "Hours
    later, Israel released 39 prisoners", "They also handed over wounded captives" happened on
    the day given just before. An event of these kinds that the sentence leaves undated takes
    the date of the last dated event at most `REACH` sentences back."""

    KINDS = {"release", "breach", "aid_delivery"}
    REACH = 2

    def __init__(self) -> None:
        self.last: tuple[int, date, str | None] | None = None

    def date(self, index: int, found: list[Candidate], sentence: str = "") -> None:
        ongoing: bool | None = None  # rule `date.ongoing_no_story`, asked once when needed
        for c in found:
            if c.date is not None and c.type != "statement":
                self.last = (index, c.date, c.date_precision)
            elif self._follows(index, c) and self.last is not None:
                if ongoing is None:
                    ongoing = is_ongoing(sentence)
                if not ongoing:
                    c.date, c.date_precision = self.last[1], self.last[2]

    def told(self, index: int, times: Sequence[TimeRef], published: _Date | None) -> None:
        """Rule `date.story_times`: a sentence that gives no dated event may still move the
        story on ("The exchange began on Friday, May 23."): its last day, if that day is not
        after publication (a day looked forward to is not where the story is)."""
        days = [
            calendar_day(t.date)
            for t in times
            if t.date is not None and t.precision in {"day", "exact"}
        ]
        days = [d for d in days if published is None or d <= published]
        if days and (self.last is None or self.last[0] != index):
            self.last = (index, days[-1], "day")

    def _follows(self, index: int, c: Candidate) -> bool:
        near = self.last is not None and index - self.last[0] <= self.REACH
        if near and self.last is not None and self.last[0] == index and on("date.story_before"):
            # Rule `date.story_before`: the sentence's own times were open to the event and
            # it took none ("have arrived since the truce took effect on April 2 and was
            # extended on June 2"); a date from the story is one told before the sentence.
            return False
        return near and c.date is None and c.type in self.KINDS and c.modality == "occurred"

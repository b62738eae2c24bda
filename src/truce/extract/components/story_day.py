"""The story's day for a single act the report tells without a time of its own.

A report about one exchange or one deadly strike tells the act's day once, or not at all when it
is the day of the report ("According to the ministry, Kyiv released 195 people."; "At least 20
people were injured, including three by live bullets."). The annotators date such an act by the
day the story is about (eval/real/README.md and eval/gold/README.md, "date": for a single-day
casualty figure, the day of the deaths), where `story.StoryDate` reaches only two sentences back.

- Rule `date.release_story_day`: an occurred release left undated.
- Rule `date.toll_story_day`: an occurred casualty claim with a count, left undated.

Both only for an act told once and done: not an ongoing or cumulative one (`ongoing.ONGOING`:
"has released 20 since", "continues"), not one looked forward to or wanted ("would be freed",
"decided to swap"), not a tally over a window ("so far", "as of", "in three weeks of fighting",
"thousands"), not a group described by a past release ("the prisoners released by Hamas"), and
only in a report with a publication day (an undated page dates no relative act: real README).

The story's day is the day most of the report's dated events fall on, not after publication
(ties: the one told first), else the publication day.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from truce.extract.components.ongoing import ONGOING
from truce.extract.model import Candidate
from truce.extract.switches import on

_RULES = {"release": "date.release_story_day", "casualty_claim": "date.toll_story_day"}
# Looked forward to, wanted or decided, not done; a tally over a window; a group described by
# a release told elsewhere.
_NOT_ONE_ACT = re.compile(
    r"\b(?:would|will|could|may|might|to\s+be|set\s+to|scheduled|expected|decided\s+to|"
    r"agreed\s+to|plans?\s+to|so\s+far|as\s+of|in\s+total|during|toll|tolls|tall(?:y|ies)|"
    r"thousands|hundreds|dozens|tens\s+of|still|(?:days|weeks|months|years)\s+of)\b"
    r"|\b(?:prisoners|hostages|captives|detainees|soldiers)\s+(?:released|freed)\s+by\b",
    re.IGNORECASE,
)


def date_single_acts(candidates: list[Candidate], text: str, published: date | None) -> None:
    """Give the story's day to each undated single act of the kinds the rules name."""
    if published is None:
        return
    wanted = [
        c
        for c in candidates
        if c.date is None
        and c.modality == "occurred"
        and c.type in _RULES
        and on(_RULES[c.type])
        and (c.type != "casualty_claim" or c.quantities)
    ]
    if not wanted:
        return
    day = story_day(candidates, _day(published))
    for c in wanted:
        sentence = text[c.span[0] : c.span[1]]
        if ONGOING.search(sentence) is None and _NOT_ONE_ACT.search(sentence) is None:
            c.date, c.date_precision = day, "day"


def story_day(candidates: list[Candidate], published: date) -> date:
    """The day most of the dated events fall on, not after `published` (the first told wins a
    tie); `published` when none is dated to the day."""
    days = Counter(
        _day(c.date)
        for c in candidates
        if c.date is not None and c.date_precision in ("day", "exact")
        if _day(c.date) <= published
    )
    return max(days, key=days.__getitem__) if days else published


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value

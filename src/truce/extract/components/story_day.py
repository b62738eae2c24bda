"""The story's day for a single act the report tells without a time of its own.

A report about one deadly strike tells its day once, or not at all when it is the day of the
report ("At least 20 people were injured, including three by live bullets."). The annotators date
such a figure by the day the story is about (eval/gold/README.md, "date": for a single-day
casualty figure, the day of the deaths), where `story.StoryDate` reaches only two sentences back.

- Rule `date.toll_story_day`: an occurred casualty claim with a count, left undated.

(The same for releases, `date.release_story_day`, gained only on Russia–Ukraine exchanges and
was dropped: docs/history/extraction.md, "Round 5", exdates3.)

Only for an act told once and done: not an ongoing or cumulative one (`ongoing.ONGOING`:
"has killed 300 since", "continues"), not one looked forward to ("would", "expected"), not a
tally over a window ("so far", "as of", "the toll", "in three weeks of fighting", "thousands"),
not background in the past perfect ("the war had claimed the lives of 15,000"), and only in a
report with a publication day (an undated page dates no relative act: real README).

The story's day is the day most of the report's dated events fall on, not after publication
(ties: the one told first), else the publication day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from truce.extract.components.ongoing import ONGOING
from truce.extract.model import Candidate, calendar_day
from truce.extract.switches import on

# Looked forward to, wanted or decided, not done; a tally over a window.
_NOT_ONE_ACT = re.compile(
    r"\b(?:would|will|could|may|might|to\s+be|set\s+to|scheduled|expected|decided\s+to|"
    r"agreed\s+to|plans?\s+to|so\s+far|as\s+of|in\s+total|during|toll|tolls|tall(?:y|ies)|"
    r"thousands|hundreds|dozens|tens\s+of|still|(?:days|weeks|months|years)\s+of|"
    # A past perfect tells the background ("which had claimed the lives of over 15,000").
    r"had\s+(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|t))\b",
    re.IGNORECASE,
)


def date_single_acts(
    candidates: list[Candidate],
    text: str,
    published: date | None,
    among: Sequence[Candidate] = (),
) -> None:
    """Rule `date.toll_story_day`: give the story's day to each undated single casualty figure;
    `among` are the document's other candidates, which tell the story's day too."""
    if published is None or not on("date.toll_story_day"):
        return
    wanted = [
        c
        for c in candidates
        if c.type == "casualty_claim"
        and c.date is None
        and c.modality == "occurred"
        and c.quantities
    ]
    if not wanted:
        return
    told = sorted([*among, *candidates], key=lambda c: c.span[0]) if among else candidates
    day = story_day(told, calendar_day(published))
    for c in wanted:
        sentence = text[c.span[0] : c.span[1]]
        if ONGOING.search(sentence) is None and _NOT_ONE_ACT.search(sentence) is None:
            c.date, c.date_precision = day, "day"


def story_day(candidates: list[Candidate], published: date) -> date:
    """The day most of the dated events fall on, not after `published` (the first told wins a
    tie); `published` when none is dated to the day."""
    days = Counter(
        calendar_day(c.date)
        for c in candidates
        if c.date is not None and c.date_precision in ("day", "exact")
        if calendar_day(c.date) <= published
    )
    return max(days, key=days.__getitem__) if days else published

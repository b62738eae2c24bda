"""A breach the report's lead tells without a day: the day of the report.

Rule `date.lead_breach_day`. "The rebels have accused the army of shelling their positions in
violation of the ceasefire", "A fragile truce has been thrown into doubt after an air strike on a
depot, prompting accusations of a breach from both sides": the first sentence of a report that
tells an event is its news, and a breach told there with no day of its own is the day's
(eval/gold/README.md, "date": the event's own day). The annotators date such a breach on the
publication day; the extractor left it undated (`story.StoryDate` dates only what follows a
dated event).

Measured held out by conflict on the dev split (`bench/undated_days.py`, docs/extraction.md,
exdates5): of the matched events the extractor leaves undated, the gold gives the publication
day to 150 and leaves 555 undated; no genre, type, tense, modality, dateline or publication time
tips that balance, and only the breaches of the lead do (11 on the publication day against 5
undated, four of the five told as going on). Other types in the lead (statements, terms, tolls,
meetings, starts) are left undated more often than not, and are left alone.

Only an occurred breach, in the first sentence that gives any candidate, in a report with a
publication day (an undated page dates no relative act: real README), and not one told as going
on or recurring ("continues to carry out daily strikes", "have killed 300 since the truce
began", "hostilities have continued"): that is a tally or a habit, which no single day dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from truce.extract.model import Candidate, calendar_day
from truce.extract.switches import on

# Told as going on or recurring: no single day.
_GOING_ON = re.compile(
    r"\b(?:continu(?:e|es|ed|ing)|ongoing|keeps?|kept\s+up|repeatedly|since|daily|nightly|"
    r"on\s+a\s+daily\s+basis)\b",
    re.IGNORECASE,
)


def _sentence(c: Candidate) -> tuple[int, int]:
    return c.sentence_span or c.span


def date_lead_breaches(
    candidates: list[Candidate],
    text: str,
    published: date | None,
    among: Sequence[Candidate] = (),
) -> None:
    """Rule `date.lead_breach_day`: give the publication day to each occurred breach left
    undated in the first sentence that gives a candidate; `among` are the document's other
    candidates (the rules' own, when the learned path's are dated), which tell where the lead
    is too."""
    if published is None or not on("date.lead_breach_day"):
        return
    wanted = [
        c for c in candidates if c.type == "breach" and c.date is None and c.modality == "occurred"
    ]
    if not wanted:
        return
    lead = min(_sentence(c)[0] for c in [*among, *candidates])
    day = calendar_day(published)
    for c in wanted:
        start, end = _sentence(c)
        if start == lead and _GOING_ON.search(text[start:end]) is None:
            c.date, c.date_precision = day, "day"

"""Acts told as coming hours after the truce began: the truce's first day.

Rule `date.hours_after_start`. "Within hours of the ceasefire starting, Ukraine's air force
reported that Russia launched guided bombs", "A couple of hours into the purported ceasefire, a
Ukrainian official said", "within an hour after the truce came into effect, the two sides
accused each other", "Pakistan resorted to unprovoked actions mere hours after the agreement":
the sentence dates its act by the truce's start and names no day of its own. The annotators
date such an act on the day the truce began (eval/gold/README.md, "date": the day of the act),
which the report tells in its ceasefire start; the extractor left it undated or gave it the
story's day (the day of the report, days later).

The day is that of the first ceasefire start the report dates to the day (occurred or planned):
the truce the report is about, told in its lead. A sentence that names a day itself (a weekday,
a month and day, "today", "yesterday") is left to the time rules; a report with no dated start
dates nothing this way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from truce.extract.model import Candidate, calendar_day
from truce.extract.switches import on

# "within hours of", "within an hour after", "mere hours after", "a couple of hours into",
# "less than a day after", "hours after": then the truce, as it began or as agreed.
_HOURS_AFTER = re.compile(
    r"\b(?:within\s+(?:(?:an?|the\s+first|a\s+few|a\s+couple\s+of)\s+)?(?:hours?|minutes?)|"
    r"(?:mere|just|only|a\s+few|a\s+couple\s+of|several|two|three|\d+)\s+(?:hours?|minutes?)|"
    r"less\s+than\s+(?:a|an|one)\s+(?:day|hour)|hours|minutes)\s+"
    r"(?:after|of|into)\s+(?:the\s+|a\s+|its\s+|this\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:ceasefire|cease-fire|truce|agreement|deal|understanding)\b",
    re.IGNORECASE,
)
# A day the sentence names itself.
_OWN_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)
# The acts dated by when they happened after the start (not the truce's own acts).
_KINDS = frozenset(("breach", "casualty_claim", "statement", "aid_delivery", "release"))


def date_hours_after_start(
    candidates: list[Candidate], text: str, among: Sequence[Candidate] = ()
) -> None:
    """Rule `date.hours_after_start`: give each act told as hours after the truce began the
    day of the report's first dated ceasefire start; `among` are the document's other
    candidates (the rules' own, when the learned path's are dated)."""
    if not on("date.hours_after_start"):
        return
    wanted = [c for c in candidates if c.type in _KINDS and _told_hours_after(c, text)]
    if not wanted:
        return
    starts = sorted(
        (
            c
            for c in [*among, *candidates]
            if c.type == "ceasefire_start"
            and c.date is not None
            and c.date_precision in ("day", "exact")
            and c.modality in ("occurred", "planned")
        ),
        key=lambda c: c.span[0],
    )
    if not starts:
        return
    assert starts[0].date is not None
    day = calendar_day(starts[0].date)
    for c in wanted:
        c.date, c.date_precision = day, "day"


def _told_hours_after(c: Candidate, text: str) -> bool:
    start, end = c.sentence_span or c.span
    sentence = text[start:end]
    if "hour" not in sentence and "minute" not in sentence and "a day" not in sentence:
        return False  # the cheap test before the patterns
    return _HOURS_AFTER.search(sentence) is not None and _OWN_DAY.search(sentence) is None

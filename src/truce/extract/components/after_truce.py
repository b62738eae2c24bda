"""An event the sentence dates only by the truce: "less than a day after the ceasefire began",
"Shortly after the ceasefire took effect", "A day after the ceasefire".

The report dates its truce once ("took effect on November 27"); an act told by its distance
from the truce's start has that start's day, or the days the sentence counts on from it.

- Rule `date.after_truce`: a candidate (not the start itself, not a term) whose sentence names
  no day of its own and places it hours, minutes, "shortly", "moments", "within a day" (the
  start's day) or N days (N days on) after the truce's start, in a report whose truce start is
  dated to the day. An end ("minutes after the truce expired", "after the end of the truce")
  is not the start and dates nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from truce.extract.lexicon_numbers import count_value
from truce.extract.model import Candidate, TimeRef, calendar_day
from truce.extract.switches import on

RULE = "date.after_truce"
_AFTER = re.compile(
    r"\b(?:(?P<days>a|an|one|the|two|three|four|five|six|\d)\s+days?|shortly|soon|just|mere|"
    r"immediately|moments?|minutes?|hours?|(?:less|more)\s+than\s+(?:a|an|one)\s+(?:day|hour)|"
    r"within\s+(?:a|an|one)\s+(?:day|hour)|(?:a\s+few|few|several|\d+)\s+(?:hours|minutes))\s+"
    r"(?:after|of)\s+(?:the|a|its)\s+(?:(?!(?:end|expiry|collapse|lapse)\b)[\w-]+\s+){0,3}?"
    r"(?:ceasefire|cease-fire|truce|pause)\b(?!\s+(?:had\s+)?(?:expired|ended|lapsed|collapsed))",
    re.IGNORECASE,
)
_NOT_DATED = frozenset(("ceasefire_start", "agreement_term"))


def date_after_truce(
    candidates: list[Candidate], text: str, times_within: Callable[[int, int], list[TimeRef]]
) -> None:
    """Rule `date.after_truce` (see the module's docstring)."""
    if not on(RULE) or "after" not in text:
        return
    starts = [
        calendar_day(c.date)
        for c in candidates
        if c.type == "ceasefire_start"
        and c.modality == "occurred"
        and c.date is not None
        and c.date_precision in ("day", "exact")
    ]
    if not starts:
        return
    start = min(starts)
    for c in candidates:
        if c.type in _NOT_DATED:
            continue
        sentence = text[c.span[0] : c.span[1]]
        match = _AFTER.search(sentence)
        if match is None:
            continue
        own = times_within(*c.span)
        if any(t.date is not None and t.precision in ("day", "exact") for t in own):
            continue  # the sentence names its day
        days = (match["days"] or "").lower()
        gap = 1 if days in ("a", "an", "the") else int(count_value(days)) if days else 0
        c.date, c.date_precision = start + timedelta(days=gap), "day"

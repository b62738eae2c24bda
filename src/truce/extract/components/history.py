"""History told in passing is no event of the report's.

Rule `doc.history`: a report recalls what happened years before it ("In 2011 the rebels signed
an accord with the government", "the border truce of 2014", "the junta that took over in
2019 ..."): background a monitor does not record as news of the truce it
follows. A candidate is history when it is dated `YEARS` or more years before the report, or,
left undated, when its sentence names years and every one of them is that old. A toll is kept
("has killed 900 people since May 2019": a running total, told up to now), and so is a year a
few words after "since" ("their first talks since the fighting resumed in 2019"), which starts
a span that runs to the report's day.
"""

from __future__ import annotations

import re
from datetime import date

from truce.extract.model import Candidate, calendar_day
from truce.extract.switches import on

YEARS = 3  # how many years before the report an event is history
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_SINCE = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){0,5}$", re.IGNORECASE)
_KEPT = frozenset({"casualty_claim"})


def _old_years(words: str, published: date) -> bool:
    """Whether `words` name years, all `YEARS` or more before `published`, none after
    "since"."""
    found = list(_YEAR.finditer(words))
    if not found:
        return False
    for year in found:
        if int(year.group()) > published.year - YEARS:
            return False
        if _SINCE.search(words, max(0, year.start() - 40), year.start()):
            return False
    return True


def is_history(c: Candidate, text: str, published: date | None) -> bool:
    if published is None or c.type in _KEPT:
        return False
    if c.date is not None:
        return (published - calendar_day(c.date)).days > 365 * YEARS - 1
    return _old_years(text[c.span[0] : c.span[1]], published)


def drop_history(candidates: list[Candidate], text: str, published: date | None) -> list[Candidate]:
    """The candidates but those told as history (read on their sentences' spans)."""
    if not on("doc.history") or published is None:
        return candidates
    return [c for c in candidates if not is_history(c, text, published)]

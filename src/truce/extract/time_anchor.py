"""The day a report's relative dates count from ("on Tuesday", "a day earlier", "last night").

Three sources, in this order:

- the dateline's date ("GAZA, Nov. 28 (Xinhua) --", "RIYADH, May 29 --"): the day the copy was
  filed, where the story is told. An agency's story datelined the 28th and published on the
  29th says "on Tuesday" of the week of the 28th. Its year is the one that puts it nearest the
  publication date (or the corpus marker's), never after it by more than a day;
- the publication date the caller gives (a sidecar's or feed's `published`);
- the date marker some corpora put before the text (" date 2023-11-24 Watch more ...").

With none of them the report has no anchor and relative dates stay unresolved (an extractor must
not invent one: eval/real/README.md, "Publication date").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from truce.extract.lexicon_numbers import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "GAZA, Nov. 28 (Xinhua) --", "JERUSALEM/GAZA, Dec. 1 (Xinhua) --", "RIYADH, May 29 --":
# capitals (and "/"), a comma, a month and a day, then an agency in brackets or a dash.
DATELINE_DATE = re.compile(
    rf"(?:^|\n)[ \t]*[A-Z][A-Z .'’/-]{{1,40}},(?:[ \t]+[A-Z][a-z]+,)?[ \t]+"
    rf"(?P<month>{_MONTH})\.?[ \t]+(?P<day>\d{{1,2}})(?:,?[ \t]+(?P<year>\d{{4}}))?"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:--|[-–—:])"
)
# " date 2023-11-24 Watch more on ...": the marker opens the text.
DATE_MARKER = re.compile(r"\s*date (?P<iso>\d{4}-\d{2}-\d{2})\b")
# A dateline is looked for in the head of the text only: below it, a capitalised line with a
# date is a heading or a quoted document, not the copy's dateline.
HEAD_CHARS = 1200


def marker_date(text: str) -> date | None:
    found = DATE_MARKER.match(text)
    if found is None:
        return None
    try:
        return date.fromisoformat(found["iso"])
    except ValueError:
        return None


def dateline_date(text: str, near: date | None) -> date | None:
    """The dateline's date, its year taken from the dateline or else from `near`."""
    found = DATELINE_DATE.search(text, 0, HEAD_CHARS)
    if found is None:
        return None
    month, day = MONTHS[found["month"]], int(found["day"])
    if found["year"]:
        return _date(int(found["year"]), month, day)
    if near is None:
        return None
    options = [_date(year, month, day) for year in (near.year - 1, near.year, near.year + 1)]
    # Filed before it was published (a day after at most: the page's clock may be behind).
    allowed = [d for d in options if d is not None and d <= near + timedelta(days=1)]
    return max(allowed) if allowed else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def story_anchor(text: str, published: date | None) -> date | None:
    """The day relative dates in `text` count from (see the module's docstring)."""
    found = DATE_MARKER.match(text)
    marker = marker_date(text)
    near = published or marker
    # The dateline may follow the marker on its line: " date 2023-11-24 GAZA, Nov 24 (...)".
    return dateline_date(text[found.end() :] if found else text, near) or near

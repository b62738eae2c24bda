"""Events told as ongoing or cumulative, which no single day dates.

"Israel has violated the truce over 100 times since", "both sides have repeatedly accused each
other", "continues to carry out daily airstrikes", "Hamas has released 20 captives": a tally or
a habit over days or weeks (the gold leaves these undated: eval/gold/README.md, "date").

- Rule `date.ongoing_no_story`: such an event does not take the date the story is at
  (`story.StoryDate`), which is the day of some other, single event told before it.
- Rule `date.repeated_breach`: a breach said to recur ("daily", "each other", "N times",
  "twice") is not dated by a day in its sentence either: that day is the
  accusation's ("accused Ukraine on Wednesday of attacking daily"), not a breach's.
"""

from __future__ import annotations

import re

from truce.extract.model import Candidate
from truce.extract.switches import on

# A present perfect ("has violated", "have been killed", "has repeatedly shelled"), a verb of
# going on, or a word of recurrence or of a tally since a start.
# Not after a modal: "should have been released" is no tally.
_PERFECT = (
    r"(?<!should )(?<!would )(?<!could )(?<!must )(?<!might )"
    r"\b(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|t)\b"
)
# Recurrence the sentence states as such. Not "repeatedly": "accused them of repeatedly attacking
# positions during the night" gives the night of the attacks (gold set).
_RECURRING = (
    r"\b(?:daily|nightly|on\s+a\s+daily\s+basis|each\s+other|one\s+another|"
    r"\d[\d,]*\s+times|(?:two|three|four|five|several|many|dozens\s+of|hundreds\s+of)\s+times|"
    r"twice|persistent(?:ly)?)\b"
)
# Going on now, which dates no day of its own but may go on on the day the sentence names
# ("attacks continue on Wednesday"): enough to refuse the story's date, not to drop the
# sentence's. Not the past "had continued", told of a day the story gives.
_GOING_ON = r"\b(?:continu(?:e|es|ing)|ongoing|keeps?|repeatedly)\b"
ONGOING = re.compile(rf"{_PERFECT}|{_RECURRING}|{_GOING_ON}|\bsince\b", re.IGNORECASE)
RECURRING = re.compile(_RECURRING, re.IGNORECASE)
_STORY_KINDS = frozenset(("release", "breach", "aid_delivery"))


def is_ongoing(sentence: str) -> bool:
    """Whether the sentence tells its event as ongoing or cumulative (rule
    `date.ongoing_no_story`)."""
    return on("date.ongoing_no_story") and ONGOING.search(sentence) is not None


def undate_repeated_breaches(found: list[Candidate], sentence: str) -> None:
    """Rule `date.repeated_breach`: a recurring breach keeps no day of its sentence."""
    if not on("date.repeated_breach") or not any(c.type == "breach" for c in found):
        return
    if RECURRING.search(sentence) is None:
        return
    for c in found:
        if c.type == "breach" and c.date is not None and c.date_precision in ("day", "exact"):
            c.date, c.date_precision = None, None

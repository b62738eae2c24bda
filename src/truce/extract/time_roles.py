"""Times that date another thing than the event a trigger names.

Rule `date.names_other_event`: a time written as a modifier of a noun phrase dates what that
noun names, not the sentence's event:

- a possessive: "a ceasefire to help recovery after last week's earthquake", "under Monday's
  deal";
- a date between a determiner and a noun: "the November 9, 2020 trilateral statement", "the
  7 October attack", "its May 20 agreement".

Such a time can still date the trigger when the noun it modifies is the trigger ("Sunday's
releases", "the May 20 agreement was extended" for the agreement): the trigger then starts
within the noun phrase that follows the time.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from truce.extract.model import TimeRef, calendar_day

_POSSESSIVE = re.compile(r"['’]s\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|an?)\s+$", re.IGNORECASE)
# After an attributive date: a word that opens the noun phrase it modifies (not a preposition,
# a conjunction, a verb or a clock time going on the expression).
_NOUN_AFTER = re.compile(r"\s+(?P<word>[A-Za-z][\w-]*)")
_NOT_A_NOUN = frozenset(
    ("at", "in", "on", "to", "of", "for", "from", "and", "or", "but", "when", "after", "before")
    + ("until", "till", "by", "with", "as", "was", "were", "is", "are", "had", "has", "will")
    + ("would", "that", "which", "who", "morning", "afternoon", "evening", "night", "local")
    + ("gmt", "utc", "am", "pm", "a", "the", "last", "this", "next", "since", "through", "amid")
)
# The noun phrase a modifying time opens reaches this far: "last week's devastating earthquake".
_PHRASE_REACH = 40
_DAY_KINDS = ("day", "exact")


def modifies_a_noun(text: str, start: int, ref: TimeRef) -> int | None:
    """Where the noun phrase that `ref` modifies ends (an offset into the document), or None
    when the time stands on its own. `text` is the sentence, beginning at `start`."""
    lo, hi = ref.span[0] - start, ref.span[1] - start
    if lo < 0 or hi > len(text):
        return None
    if _POSSESSIVE.match(text, hi):
        return _phrase_end(text, hi + 2) + start
    if ref.precision not in _DAY_KINDS or not _DETERMINER_BEFORE.search(text, max(0, lo - 8), lo):
        return None
    after = _NOUN_AFTER.match(text, hi)
    if after is None or after["word"].lower() in _NOT_A_NOUN or after["word"].isdigit():
        return None
    return _phrase_end(text, hi) + start


def _phrase_end(text: str, at: int) -> int:
    """The end of the noun phrase from `at`: the next comma or full stop, within reach."""
    stop = min(len(text), at + _PHRASE_REACH)
    for i in range(at, stop):
        if text[i] in ",.;:(":
            return i
    return stop


def for_trigger(text: str, start: int, times: list[TimeRef], trigger: int) -> list[TimeRef]:
    """`times` without those that modify a noun phrase the trigger is not in."""
    out = []
    for ref in times:
        end = modifies_a_noun(text, start, ref)
        if end is None or ref.span[1] <= trigger < end:
            out.append(ref)
    return out


# Rule `date.since_week`: "killed in the town since July 13" in a July 20 report, "freed under
# the deal to 39 since Friday": a tally over a window of at most seven days is dated by the
# window's first day, precision week (gold README, "week"); a longer window dates nothing.
# "since Friday", "since the conflict began on Friday": the day right after "since" or in the
# short clause it opens.
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;.]{0,40}$", re.IGNORECASE)
_WEEK = timedelta(days=7)


def since_week(
    text: str, start: int, times: list[TimeRef], published: date | None
) -> TimeRef | None:
    """The window a "since" day opens, when it ends on publication within a week."""
    if published is None or "since" not in text.lower():
        return None
    for ref in times:
        lo = ref.span[0] - start
        if ref.date is None or ref.precision not in _DAY_KINDS or lo < 0:
            continue
        if not _SINCE_BEFORE.search(text, max(0, lo - 50), lo):
            continue
        day = calendar_day(ref.date)
        if timedelta(0) <= published - day <= _WEEK:
            return TimeRef(day, "week", ref.span, ref.text)
    return None


# Rule `date.cumulative_toll`: "a war that has killed thousands", "Israeli attacks have killed
# more than 67,800": a toll in the present perfect counts from the war's start, with no day of
# its own (gold README: null "for cumulative tolls with no 'as of' date"); a day in its sentence
# is another event's. "As of October 10, 25 have been killed" keeps its day.
_PERFECT_TOLL = re.compile(
    r"\b(?:has|have)\s+(?:since\s+|so\s+far\s+)?(?:\w+ly\s+)?(?:been\s+)?"
    r"(?:killed|claimed|left|wounded|injured)\b",
    re.IGNORECASE,
)
_AS_OF = re.compile(r"\bas\s+of\b", re.IGNORECASE)


def cumulative_toll(sentence: str) -> bool:
    """Whether the sentence tells a toll in the present perfect, with no "as of" day."""
    return _PERFECT_TOLL.search(sentence) is not None and _AS_OF.search(sentence) is None


# Rule `date.relative_clause`: "killed five people, ... the ceasefire that took effect on
# November 27", "agreed to an extension of the deal they signed on May 20": a time after the
# trigger at the end of a relative clause opened after it dates that clause's verb, not the
# trigger's event. The clause: a relative word (or the subject pronoun of a contact clause), at
# most three words, a verb in the past, then the time with its preposition, no comma between.
_RELATIVE_THEN_TIME = re.compile(
    r"\b(?:that|which|who|they|it|he|she|we)\s+(?:(?:had|has|have|was|were)\s+)?"
    r"(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:took\s+effect|came\s+into\s+(?:force|effect)|[a-z]+ed|began|signed|reached|held|"
    r"broke|went|took|came|met|made)\s+(?:(?:on|at|in|from|since|by)\s+)?(?:the\s+)?$"
)
_CLAUSE_REACH = 300


def outside_relative_clause(
    text: str, start: int, times: list[TimeRef], trigger: int
) -> list[TimeRef]:
    """`times` without those after the trigger that close a relative clause opened after it."""
    out = []
    for ref in times:
        lo, at = ref.span[0] - start, trigger - start
        if lo > at >= 0 and lo - at <= _CLAUSE_REACH:
            window = text[at:lo]
            cut = max(window.rfind(","), window.rfind(";"))
            if _RELATIVE_THEN_TIME.search(window, cut + 1):
                continue
        out.append(ref)
    return out

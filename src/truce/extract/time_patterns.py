"""The patterns that find time expressions: dates, weekdays, relative days, windows, clock times.

`truce_times_v1` (components/times.py) resolves what these find against the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from truce.extract.lexicon_numbers import MONTHS, SMALL_NUMBERS, WEEKDAYS, word_alternation

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_COUNT = r"(?:\d+|" + "|".join(SMALL_NUMBERS) + ")"
_LOWER_STARTS = ["today", "tonight", "this", "yesterday", "last", "overnight", "during", "tomorrow"]
_LOWER_STARTS += ["in", "over", "within", "the", "early", "late", "mid", "earlier", "later", "next"]
_LOWER_STARTS += ["since", "from", "until", "by", "through", "of", "and", "recent"]
# Only word starts that can open an expression are tried: about six times faster than the bare
# alternation below. (`ANCHOR` uses the narrower `LOOKAHEAD` below; the tests check the two
# find the same expressions.)
STARTS = word_alternation(
    [*MONTHS, *WEEKDAYS, *_LOWER_STARTS, *(w.capitalize() for w in _LOWER_STARTS)]
)
# Most of those starts are common words ("in", "the", "of"), and each one tried costs a walk
# through every branch. A start word is only tried when the word after it can go on an
# expression: what each branch below allows after it (case aside, a superset).
_THEN_MONTH = [*MONTHS, "early", "late", "mid"]
_FOLLOWERS = {
    "in": [*_THEN_MONTH, "recent", "the"],
    "over": ["recent", "the"],
    "within": ["the", *SMALL_NUMBERS],
    "the": ["past", "last"],
    "during": [*_THEN_MONTH, "the"],
    "this": ["month", "morning", "afternoon", "evening", "week", *WEEKDAYS],
    "last": ["night", "week", "month", *WEEKDAYS, *MONTHS],
    "next": ["week", "month", *WEEKDAYS, *MONTHS],
    "earlier": ["this"],
    "later": ["this"],
    "recent": ["days"],
    **dict.fromkeys(["since", "from", "until", "by", "through", "of", "and"], _THEN_MONTH),
    **dict.fromkeys(["early", "late", "mid"], [*MONTHS, "this"]),
}
_STANDALONE = [*MONTHS, *WEEKDAYS, *(w for w in _LOWER_STARTS if w not in _FOLLOWERS)]


def _prefix_tree(words: dict[str, str]) -> str:
    """An alternation of `words` factored by shared prefixes (as `word_alternation`), each
    word followed by its own pattern: one walk per position instead of one per word."""
    tree: dict[str, Any] = {}
    for word, then in words.items():
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = then

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append(f"(?:{node['']})")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(tree)


_THEN: dict[str, str] = {}
for _word in _STANDALONE:
    _THEN[_word] = _THEN[_word.capitalize()] = r"\b"
for _word, _after in _FOLLOWERS.items():
    _then = rf"[-\s]+(?i:{word_alternation(sorted(set(_after)))})\b"
    if _word == "within":
        _then += r"|\s+\d"
    _THEN[_word] = _THEN[_word.capitalize()] = _then
LOOKAHEAD = rf"\d|{_prefix_tree(_THEN)}"
ANCHOR = re.compile(
    rf"\b(?={LOOKAHEAD})(?:"
    rf"(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)"
    rf"|(?P<dm>\b(?P<dmd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmm>{_MONTH})\b\.?(?:,?\s+(?P<dmy>\d{{4}})\b)?)"
    rf"|(?P<md>\b(?P<mdm>{_MONTH})\.?\s+(?P<mdd>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<mdy>\d{{4}})\b)?)"
    rf"|(?P<my>\b(?:(?:early|late|mid)[- ])?(?P<mym>{_MONTH})\.?,?\s+(?P<myy>\d{{4}})\b)"
    rf"|(?P<mo>\b(?:(?:in|since|from|until|by|during|through|of|and)\s+(?:(?:early|late|mid)[- ])?"
    rf"|(?:early|late|mid)[- ])(?P<mom>{_MONTH})\b(?!\.?,?\s+\d))"
    # Rule `date.last_month_name`: "the deal signed last November", "talks next March".
    rf"|(?P<lastm>\b(?P<lmrel>[Ll]ast|[Nn]ext)\s+(?P<lmm>{_MONTH})\b(?!\.?,?\s+\d))"
    r"|(?P<thism>(?i:\b(?:(?:earlier|early|later|late)\s+)?this\s+month\b))"
    # Rule `date.month_words`: "last month", "next month"; a month after a capitalised
    # preposition opening a sentence ("In August, ...", "Since March, when ...").
    r"|(?P<relm>(?i:\b(?:last|next)\s+month\b))"
    rf"|(?P<mocap>\b(?:In|Since|From|Until|By|During|Through)\s+(?:(?:early|late|mid)[- ])?"
    rf"(?P<mocm>{_MONTH})\b(?!\.?,?\s+\d))"
    rf"|(?P<wd>\b(?:(?P<wrel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wdn>{_WEEKDAY})(?:\s+and\s+(?P<wd2>{_WEEKDAY}))?\b)"
    r"|(?P<rel>(?i:\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|last\s+night"
    r"|overnight|during\s+the\s+night|tomorrow)\b))"
    r"|(?P<week>(?i:\b(?:last|this|next)\s+week\b))"
    r"|(?P<recent>(?i:\b(?:(?:in|over)\s+)?(?:recent\s+days|the\s+(?:past|last)\s+(?:few\s+days"
    r"|week|seven\s+days))\b))"
    r"|(?P<lastday>(?i:\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+24\s+hours\b))"
    rf"|(?P<window>(?i:\b(?:in|within|over)\s+the\s+(?:next|coming)\s+(?:{_COUNT}\s+)?(?:hours|days)"
    rf"\b|\bwithin\s+{_COUNT}\s+hours\b)))"
)
# Zone abbreviations written after a clock time ("5 PM IST"), with their offsets in minutes.
# Only abbreviations one zone owns: "IST" is India's in these reports (Israel writes IDT/IST
# too, but its reports give GMT equivalents), "AST" Arabia's. Source: the IANA tz database.
ZONE_ABBREVIATIONS: dict[str, int] = {
    "GMT": 0, "UTC": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "AST": 180, "IRST": 210, "PKT": 300, "IST": 330, "EST": -300, "EDT": -240,
}  # fmt: skip
_ABBREVIATION = "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))
_GMT = r"(?P<gmt>\d{4}|\d{1,2}:\d{2})"
_CLOCK = re.compile(
    r"(?<![\w:.])(?=\d|[mnMN])(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*"
    r"(?P<ampm>[ap]\.m\.|[AP]\.M\.|(?:am|pm|AM|PM)\b)"
    r"|(?P<hh>\d{1,2}):(?P<mm>\d{2})\b|(?P<oc>\d{1,2})\s+o['’]clock\b"
    r"|(?P<named>midnight|noon|midday))"
    rf"(?:\s+(?P<abbr>{_ABBREVIATION})\b)?"
    r"(?:\s+(?:local|[A-Z][a-z]+)\s+time)?"
    rf"(?:\s*\({_GMT}\s*(?:GMT|UTC)(?:\s+on\s+(?P<gmtday>{_WEEKDAY}))?\))?"
)
# A clock time starts the text, or follows a character outside `[\w:.]`: searching for that
# character first lets the engine skip in C through the words, where no time starts.
_CLOCK_AFTER = re.compile(r"[^\w:.]" + _CLOCK.pattern)


def clocks(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What `_CLOCK.finditer(text, start, end)` finds."""
    pos = start
    while True:
        clock = _CLOCK.match(text, pos, end)
        if clock is None:
            before = _CLOCK_AFTER.search(text, pos, end)
            if before is None:
                return
            clock = _CLOCK.match(text, before.start() + 1, end)
            assert clock is not None
        yield clock
        pos = clock.end()


TRAILING_GMT = re.compile(rf"\s*\({_GMT}\s*(?:GMT|UTC)\)")
CLOCK_THEN_ANCHOR = re.compile(r"[\s,]*(?:on\s+)?")
ANCHOR_THEN_CLOCK = re.compile(r"\s*,?\s*(?:at\s+)?")
AT_END = re.compile(r"\b[Aa]t\s+$")

# A day counted from the story's last date: "the following day", "a day earlier". Not "a day
# before the truce began" (a day before an event the clause names, dated by that event).
DAY_SHIFT = re.compile(
    r"\b(?i:(?:the\s+(?:following|next)\s+day|(?:a|one)\s+day\s+later)"
    r"|(?P<back>(?:the\s+(?:previous|preceding)\s+day|(?:a|one)\s+day\s+earlier)))\b"
)

# Rule `date.same_day`: "earlier in the day", "later in the day": the day the story is at (the
# last day the text gave before it), like "the following day" one day on.
SAME_DAY = re.compile(r"\b(?i:(?:earlier|later)\s+(?:in|on)\s+the\s+day)\b")

# The words next to "day" in every match of DAY_SHIFT or SAME_DAY, across whitespace.
_BEFORE_DAY = ("the", "following", "next", "previous", "preceding")
_AFTER_DAY = ("later", "earlier")


def may_shift_days(low: str | None) -> bool:
    """False only when neither DAY_SHIFT nor SAME_DAY can match in the text `low` lowers
    (`lexicon_numbers.lowered`; None: unknown, True): each of their matches has "day" with
    whitespace and one of `_BEFORE_DAY` before it or whitespace and one of `_AFTER_DAY` after.
    Most reports say "day" only in "Friday", "today" or "days": a few look-ups instead of two
    case-insensitive scans of the whole text."""
    if low is None:
        return True
    end = len(low)
    at = low.find("day")
    while at >= 0:
        before = at
        while before and low[before - 1].isspace():  # what `\s` matches
            before -= 1
        if before < at and low.endswith(_BEFORE_DAY, 0, before):
            return True
        after = at + 3
        while after < end and low[after].isspace():
            after += 1
        if after > at + 3 and low.startswith(_AFTER_DAY, after):
            return True
        at = low.find("day", at + 1)
    return False

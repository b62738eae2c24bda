"""Time expressions resolved against the publication date, with a precision.

The rules follow eval/gold/README.md ("date, date_precision"): a weekday is the nearest such day
before publication, or after it when its clause looks ahead; "in recent days" is the seven days
ending on publication; "overnight" is dated by the evening it began; a clock time with a GMT
equivalent gets that offset, one without it the zone of the place named with it or of the
dateline (`truce.extract.time_zones`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta, timezone
from itertools import accumulate
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.lexicon_numbers import MONTHS, SMALL_NUMBERS, WEEKDAYS, lowered
from truce.extract.model import TimeRef
from truce.extract.pipeline import annotate, annotation, doc_text
from truce.extract.switches import on
from truce.extract.time_anchor import story_anchor
from truce.extract.time_patterns import (
    ANCHOR,
    ANCHOR_THEN_CLOCK,
    AT_END,
    CLOCK_THEN_ANCHOR,
    DAY_SHIFT,
    SAME_DAY,
    TRAILING_GMT,
    ZONE_ABBREVIATIONS,
    clocks,
    may_shift_days,
)
from truce.extract.time_zones import clock_zone, dateline_zones

# Not after "a.m." or an initial ("U.S."): those full stops end no clause.
# Each branch opens on a literal, so the engine skips to the next candidate character in C; the
# lookbehinds include the mark just read.
_CLAUSE_START = re.compile(
    "|".join(
        rf"{re.escape(mark)}(?<![ap]\.m{re.escape(mark)})(?<!\b[A-Z]{re.escape(mark)})\s"
        for mark in ".;!?"
    )
    + r"|\n|t(?<=\bt)hat\b"
)
# The last cue before an expression decides whether its clause looks ahead.
_FUTURE_CUES = [
    *("will", "would", "shall", r"is\s+to", r"are\s+to", "due", "expected", "scheduled"),
    *(r"set\s+to", "planned", "plans", "next", "could", "may", "might", "can"),
]
_PAST_CUES = [
    *("said", "was", "were", "had", "been", "began", "took", "went", "met", "came", "last"),
    *("ago", "earlier", "since", r"\w+ed"),
]
# Rule `date.future_cues`: a passive after a modal or "to" ("will be released on Friday", "to be
# freed"), a start told ahead ("starting Saturday", "effective Monday") and an expectation
# ("expecting a release") look ahead too. Spelt first so that "be released" is read before its
# participle, which alone is a past cue. Not "to begin": "were to begin by Monday" looks back.
_MORE_FUTURE_CUES = [
    *(r"be\s+\w+ed", r"be\s+held", "starting", "effective", "expecting", "expects", "expect"),
]


def _cue_pattern(future: list[str]) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:(?P<future>{'|'.join(future)})|(?P<past>{'|'.join(_PAST_CUES)}))\b",
        re.IGNORECASE,
    )


# Rule `date.until_ahead` (2026-12-08, lead): a schedule a time closes looks ahead ("is to last
# until at least Tuesday morning", "will run until Sunday"), though "last" alone is a past cue
# ("last Tuesday"); what lasted is told in the past ("lasted until Tuesday": a past cue).
_UNTIL_AHEAD = [
    *(r"last\s+until", r"lasts\s+until", r"last\s+till", r"run\s+until", r"runs\s+until"),
    *(r"continue\s+until", r"remain\s+until", r"hold\s+until"),
]
_CUE = _cue_pattern(_FUTURE_CUES)
_CUE_MORE = _cue_pattern([*_MORE_FUTURE_CUES, *_FUTURE_CUES])
_CUE_UNTIL = _cue_pattern([*_UNTIL_AHEAD, *_MORE_FUTURE_CUES, *_FUTURE_CUES])


def _reversed_cue(cue: str) -> str:
    return r"\s+".join(_reversed_word(word) for word in reversed(cue.split(r"\s+")))


def _reversed_word(word: str) -> str:
    return r"de\w+" if word == r"\w+ed" else word[::-1]


# The same cues spelt backwards, for the lowered window read backwards: the first match is the
# last cue (cues are whole words and none overlaps another), found without scanning the clause.
def _last_cue_pattern(future: list[str]) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:(?P<future>{'|'.join(map(_reversed_cue, future))})"
        rf"|(?P<past>{'|'.join(map(_reversed_cue, _PAST_CUES))}))\b"
    )


_LAST_CUE = _last_cue_pattern(_FUTURE_CUES)
_LAST_CUE_MORE = _last_cue_pattern([*_MORE_FUTURE_CUES, *_FUTURE_CUES])
_LAST_CUE_UNTIL = _last_cue_pattern([*_UNTIL_AHEAD, *_MORE_FUTURE_CUES, *_FUTURE_CUES])


def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The cue patterns the switched rules ask for: forwards, and backwards."""
    if not on("date.future_cues"):
        return _CUE, _LAST_CUE
    if on("date.until_ahead"):
        return _CUE_UNTIL, _LAST_CUE_UNTIL
    return _CUE_MORE, _LAST_CUE_MORE


_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
_LOWER_CONDITION = re.compile(r"\b(?:if|unless)\b")
_MAX_OFFSET_MINUTES = 14 * 60
# A window longer than a week ("withdraw over the next 60 days") dates nothing (real set README).
_MAX_WINDOW_DAYS = 7
_DAYS = ("day", "exact")


def _looks_ahead(text: str, low: str | None, pos: int) -> bool:
    """Whether the clause before `pos` looks ahead; `low` is `lowered(text)`."""
    window_start = max(0, pos - 160)
    for boundary in _CLAUSE_START.finditer(text, window_start, pos):
        window_start = boundary.end()
    if low is None:
        window = text[window_start:pos]
        if _CONDITION.search(window):
            return True  # a deadline inside a condition: "if Hamas did not return them by Saturday"
        cues = _cues()[0].findall(window)
        return bool(cues) and bool(cues[-1][0])
    window = low[window_start:pos]
    if ("if" in window or "unless" in window) and _LOWER_CONDITION.search(window):
        return True
    last = _cues()[1].search(window[::-1])
    return last is not None and last.lastgroup == "future"


# Rule `date.participle_nearest`: "the nations agreed a truce starting Tuesday" in a Wednesday
# report. The participle looks ahead from the agreement, which the past verb before it puts in
# the past: the truce may have started already, a day or two before the report.
_PARTICIPLE_THEN_DAY = re.compile(
    r"\b(?:starting|effective|beginning)\s+(?:(?:on|from)\s+)?$", re.IGNORECASE
)
_PAST_VERB = re.compile(
    r"\b(?:agreed|announced|declared|reached|signed|said|brokered|accepted)\b", re.IGNORECASE
)


# Rule `date.participle_nearest`: the weekday back wins only when it is a day or two back and
# the one ahead most of a week away ("starting Saturday" in a Tuesday report stays ahead).
_JUST_BEFORE = timedelta(days=2)
_WEEK_ON = timedelta(days=5)


def _told_after_the_fact(text: str, pos: int) -> bool:
    if not on("date.participle_nearest"):
        return False
    cue = _PARTICIPLE_THEN_DAY.search(text, max(0, pos - 30), pos)
    if cue is None:
        return False
    window_start = max(0, cue.start() - 120)
    for boundary in _CLAUSE_START.finditer(text, window_start, cue.start()):
        window_start = boundary.end()
    return _PAST_VERB.search(text, window_start, cue.start()) is not None


def _weekday(published: date, weekday: int, relation: str, ahead: bool) -> date:
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if relation == "last":
        return published - timedelta(days=back or 7)
    if relation == "next":
        return published + timedelta(days=forward or 7)
    return published + timedelta(days=forward) if ahead else published - timedelta(days=back)


def _with_year(
    published: date, month: int, day: int, ahead: bool, deadline: bool = False
) -> date | None:
    """The year that puts the date nearest publication, on the side its clause points to."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    slack = timedelta(days=7)
    allowed = [d for d in options if (d >= published - slack if ahead else d <= published + slack)]
    best = min(allowed, key=lambda d: abs(d - published)) if allowed else None
    if not ahead and best is not None and deadline and on("date.near_year"):
        # Rule `date.near_year`: "agreed to implement the terms by July 29" (published July 19)
        # has no cue that looks ahead, yet a deadline written without its year is not most of a
        # year back when the same day comes within weeks: the nearer one is meant.
        soon = [d for d in options if published < d <= published + _NEAR_AHEAD]
        if soon and published - best > _FAR_BACK:
            return soon[0]
    return best


# Rule `date.near_year`: a deadline's preposition right before a date ("by July 29", "until
# April 22", "no later than August 18").
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through|before|than)\s+$", re.IGNORECASE)
# Rule `date.near_year`: how far ahead a yearless date may be read, and how far back the past
# reading must then be for the date ahead to win.
_NEAR_AHEAD = timedelta(days=62)
_FAR_BACK = timedelta(days=183)


def _month_date(published: date, month: int, ahead: bool) -> date:
    year = published.year
    if ahead and month < published.month:
        year += 1
    elif not ahead and month > published.month:
        year -= 1
    return date(year, month, 1)


def _named_month(published: date, month: int, ahead: bool) -> date:
    """Rule `date.last_month_name`: "last November" is the last November before the month of
    publication (in a November report, the year before's), "next March" the first after it."""
    year = published.year
    if ahead:
        year += month <= published.month
    else:
        year -= month >= published.month
    return date(year, month, 1)


def _resolve(
    m: re.Match[str], text: str, low: str | None, published: date | None
) -> tuple[date | None, str | None]:
    kind = m.lastgroup
    if kind == "iso":
        try:
            return date(int(m["iy"]), int(m["im"]), int(m["id"])), "day"
        except ValueError:
            return None, None
    if kind in {"dm", "md"}:
        month, day, year = (
            (MONTHS[m["dmm"]], int(m["dmd"]), m["dmy"])
            if kind == "dm"
            else (MONTHS[m["mdm"]], int(m["mdd"]), m["mdy"])
        )
        try:
            if year:
                return date(int(year), month, day), "day"
        except ValueError:
            return None, None
        if published is None:
            return None, None
        ahead = _looks_ahead(text, low, m.start())
        deadline = _DEADLINE_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None
        resolved = _with_year(published, month, day, ahead, deadline)
        return resolved, "day" if resolved else None
    if kind == "my":
        return date(int(m["myy"]), MONTHS[m["mym"]], 1), "month"
    if published is None:
        return None, None
    if kind == "mo":
        return _month_date(published, MONTHS[m["mom"]], _looks_ahead(text, low, m.start())), "month"
    if kind == "lastm":
        return _named_month(published, MONTHS[m["lmm"]], m["lmrel"].lower() == "next"), "month"
    if kind == "thism":
        return published.replace(day=1), "month"
    if kind == "mocap":
        ahead = _looks_ahead(text, low, m.start())
        return _month_date(published, MONTHS[m["mocm"]], ahead), "month"
    if kind == "relm":
        first = published.replace(day=1)
        if m.group().lower().startswith("last"):
            return (first - timedelta(days=1)).replace(day=1), "month"
        return (first + timedelta(days=31)).replace(day=1), "month"
    if kind == "wd":
        relation = (m["wrel"] or "").lower()
        ahead = relation == "next" or _looks_ahead(text, low, m.start())
        # "on Saturday and Sunday" is one window opening on the Saturday (gold README).
        precision = "week" if m["wd2"] else "day"
        named = _weekday(published, WEEKDAYS[m["wdn"]], relation, ahead)
        if ahead and not relation and _told_after_the_fact(text, m.start()):
            back = _weekday(published, WEEKDAYS[m["wdn"]], relation, False)
            if published - back <= _JUST_BEFORE and named - published >= _WEEK_ON:
                named = back
        return named, precision
    if kind == "rel":
        word = m.group().lower()
        if word.startswith(("yesterday", "last", "overnight", "during")):
            return published - timedelta(days=1), "day"
        if word == "tomorrow":
            return published + timedelta(days=1), "day"
        return published, "day"
    if kind == "week":
        monday = published - timedelta(days=published.weekday())
        shift = {"last": -7, "this": 0, "next": 7}[m.group().split()[0].lower()]
        return monday + timedelta(days=shift), "week"
    if kind == "recent":
        return published - timedelta(days=6), "week"
    if kind == "lastday":
        return published - timedelta(days=1), "day"
    if _window_days(m.group()) > _MAX_WINDOW_DAYS:
        return None, None  # "over the next 60 days": a deadline, no day of its own
    return published, "day"  # a window opening at publication: "in the next 48 hours"


def _window_days(window: str) -> float:
    """How many days "in the next 60 days" or "within 48 hours" spans (1 when unsaid)."""
    words = window.lower().split()
    count = next((_count(w) for w in words if _count(w) is not None), 1) or 1
    return count / 24 if words[-1] == "hours" else count


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else SMALL_NUMBERS.get(word)


def _clock_minutes(m: re.Match[str]) -> int | None:
    """Minutes after midnight; 1440 for "24:00" (the day's end); None for no time of day."""
    if m["named"]:
        return 0 if m["named"].lower() == "midnight" else 12 * 60
    if m["ampm"]:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if hour > 12 or minute > 59:
            return None
        return (hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)) * 60 + minute
    hour, minute = (int(m["oc"]), 0) if m["oc"] else (int(m["hh"]), int(m["mm"]))
    if minute > 59 or hour * 60 + minute > 24 * 60:  # "99:99", "24:30": a score, not a time
        return None
    return hour * 60 + minute


def _gmt_minutes(gmt: str) -> int | None:
    """Minutes after midnight of a GMT equivalent ("0500", "05:00"); None if no time of day."""
    gmt = gmt.replace(":", "").zfill(4)  # "05:00 GMT" as "0500 GMT"
    hour, minute = int(gmt[:2]), int(gmt[2:])
    return None if hour > 23 or minute > 59 else hour * 60 + minute


def _at(day: date, minutes: int, zone: timezone | None = None) -> datetime:
    """`day` at `minutes` after its midnight; 1440 ("24:00 on January 7") is the next midnight."""
    return datetime.combine(day, time(0, 0), tzinfo=zone) + timedelta(minutes=minutes)


def _exact(day: date, minutes: int, gmt: str | None, gmt_day: date | None) -> datetime:
    gmt_minutes = None if gmt is None else _gmt_minutes(gmt)
    if gmt_minutes is None:
        return _at(day, minutes)
    offset = (minutes - gmt_minutes) % (24 * 60)
    if offset > _MAX_OFFSET_MINUTES:
        offset -= 24 * 60
    zone = timezone(timedelta(minutes=offset))
    if gmt_day is not None:  # "midnight (2200 GMT on Friday)": the day named is GMT's
        return (_at(gmt_day, gmt_minutes) + timedelta(minutes=offset)).replace(tzinfo=zone)
    return _at(day, minutes, zone)


def find_times(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[TimeRef]:
    """Time expressions in `text[start:end]`, resolved against `published`, in text order."""
    end = len(text) if end is None else min(end, len(text))
    low = lowered(text)
    dateline = dateline_zones(text)
    anchors: list[_Anchor] = [
        (m, *_resolve(m, text, low, published)) for m in ANCHOR.finditer(text, start, end)
    ]
    if not on("date.last_month_name"):
        anchors = [a for a in anchors if a[0].lastgroup != "lastm"]
    if not on("date.month_words"):
        anchors = [a for a in anchors if a[0].lastgroup not in ("relm", "mocap")]
    if on("date.weekday_with_date"):
        anchors = _with_named_weekdays(anchors, text)
    anchor_starts = [a[0].start() for a in anchors]
    anchor_ends = [a[0].end() for a in anchors]
    refs: dict[int, TimeRef] = {}
    used: set[int] = set()
    for clock in clocks(text, start, end):
        minutes = _clock_minutes(clock)
        if minutes is None:
            continue
        span = [clock.start(), clock.end()]
        day: date | None = None
        gmt = clock["gmt"] if clock["gmt"] and _gmt_minutes(clock["gmt"]) is not None else None
        gmt_day: date | None = None
        for i in _near(anchor_starts, anchor_ends, clock.start(), clock.end()):
            anchor, resolved, precision = anchors[i]
            inside = clock.start() <= anchor.start() and anchor.end() <= clock.end()
            after = anchor.start() >= clock.end() and CLOCK_THEN_ANCHOR.fullmatch(
                text, clock.end(), anchor.start()
            )
            before = anchor.end() <= clock.start() and ANCHOR_THEN_CLOCK.fullmatch(
                text, anchor.end(), clock.start()
            )
            if precision != "day" or not (inside or after or before):
                continue
            used.add(i)
            if inside:
                gmt_day = resolved
                continue
            day = resolved
            if clock["named"] and clock["named"].lower() == "midnight" and anchor["wdn"]:
                # "Midnight on Sunday" ends Sunday (gold README); a dated midnight opens the date.
                day = resolved + timedelta(days=1) if resolved else None
            span = [min(span[0], anchor.start()), max(span[1], anchor.end())]
            trailing = TRAILING_GMT.match(text, span[1], end)
            if after and trailing and gmt is None and _gmt_minutes(trailing["gmt"]) is not None:
                gmt, span[1] = trailing["gmt"], trailing.end()
        if day is None and gmt_day is None:
            # A clock time alone is the day of the report only when plainly a time of day.
            plain = clock["ampm"] or gmt
            if published is None or not plain or not _at_before(text, start, clock.start()):
                continue
            day = published
            if on("date.clock_story_day") and _looks_ahead(text, low, clock.start()):
                day = _day_ahead(anchors, anchor_ends, clock.start(), published) or published
        stamp = _exact(day or published or date.min, minutes, gmt, gmt_day)
        if gmt is None and clock["abbr"]:  # "5 PM IST"
            offset = timedelta(minutes=ZONE_ABBREVIATIONS[clock["abbr"]])
            stamp = stamp.replace(tzinfo=timezone(offset))
        elif gmt is None:
            # No GMT equivalent: the place named with the time, else the dateline's.
            stamp = stamp.replace(tzinfo=clock_zone(clock.group(), stamp, dateline))
        refs[span[0]] = TimeRef(stamp, "exact", (span[0], span[1]), text[span[0] : span[1]])
    ref_starts = sorted(refs)
    reach = list(accumulate((refs[k].span[1] for k in ref_starts), max))
    for i, (anchor, resolved, precision) in enumerate(anchors):
        last = bisect_right(ref_starts, anchor.start()) - 1
        inside_ref = last >= 0 and reach[last] > anchor.start()
        if i not in used and not inside_ref:
            refs[anchor.start()] = TimeRef(resolved, precision, anchor.span(), anchor.group())
    if may_shift_days(low):
        _shifted_days(text, start, end, published, refs)
    return [refs[k] for k in sorted(refs)]


class _Joined:
    """A weekday and the date written after it, read as one expression: the date's groups,
    the span of both."""

    def __init__(self, weekday: re.Match[str], day: re.Match[str], text: str) -> None:
        self.match, self._start, self._end, self._text = day, weekday.start(), day.end(), text
        self.lastgroup = day.lastgroup

    def __getitem__(self, group: str) -> str | None:
        return None if group in {"wdn", "wd2", "wrel"} else self.match[group]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


_Anchor = tuple[Any, date | None, str | None]
# "Friday, May 23", "Tuesday, December 18": between a weekday and the date it names.
_WEEKDAY_THEN_DATE = re.compile(r",?\s+(?:the\s+)?")


def _with_named_weekdays(anchors: list[_Anchor], text: str) -> list[_Anchor]:
    """Rule `date.weekday_with_date`: a weekday written just before a date ("began on Friday,
    May 23") is that date, which decides (a weekday and a date that disagree: the date, gold
    README); the weekday alone would be resolved on its own, a week off when the date is not
    the nearest such weekday. The two become one expression."""
    out: list[_Anchor] = []
    skip = False
    for i, anchor in enumerate(anchors):
        if skip:
            skip = False
            continue
        then = anchors[i + 1] if i + 1 < len(anchors) else None
        if (
            anchor[0].lastgroup == "wd"
            and then is not None
            and then[0].lastgroup in {"dm", "md", "iso"}
            and _WEEKDAY_THEN_DATE.fullmatch(text, anchor[0].end(), then[0].start()) is not None
        ):
            out.append((_Joined(anchor[0], then[0], text), then[1], then[2]))
            skip = True
        else:
            out.append(anchor)
    return out


def _shifted_days(
    text: str, start: int, end: int, published: date | None, refs: dict[int, TimeRef]
) -> None:
    """ "The following day", "a day earlier": a day from the last day the text gave before
    it (the story's), else from the publication date. Added to `refs` by start. Each look-up
    is a binary search over the dates found, so the pass stays linear in the document."""
    starts = sorted(refs)
    ends = [refs[k].span[1] for k in starts]
    last_day: list[date | None] = []  # the latest day given by refs[starts[0..i]]
    for k in starts:
        ref = refs[k]
        day = ref.date if ref.date is not None and ref.precision in _DAYS else None
        if isinstance(day, datetime):
            day = day.date()
        last_day.append(day if day is not None else (last_day[-1] if last_day else None))
    shifts = list(DAY_SHIFT.finditer(text, start, end))
    if on("date.same_day"):
        shifts = sorted([*shifts, *SAME_DAY.finditer(text, start, end)], key=lambda m: m.start())
    for shift in shifts:
        i = bisect_right(starts, shift.start()) - 1
        if i >= 0 and ends[i] > shift.start():
            continue  # inside an expression already found
        if i + 1 < len(starts) and starts[i + 1] < shift.end():
            continue
        # The ref before may still be open at the shift (ends rise with starts: no overlap).
        # With no date before it, the publication date; after only months or weeks, none.
        base = last_day[i] if i >= 0 else published
        if base is None:
            continue
        step = 0 if shift.re is SAME_DAY else -1 if shift["back"] else 1
        refs[shift.start()] = TimeRef(
            base + timedelta(days=step), "day", shift.span(), shift.group()
        )


# How far back a day looked forward to still tells the day of a later clock time.
_AHEAD_REACH = 1500


def _day_ahead(anchors: list[_Anchor], ends: list[int], pos: int, published: date) -> date | None:
    """Rule `date.clock_story_day`: "The truce will begin on Friday morning ... the truce will
    begin at 7am": a clock time told ahead with no day of its own is on the last day after
    publication the text named before it (not far back), not on the day of publication."""
    for i in range(bisect_right(ends, pos) - 1, -1, -1):
        anchor, resolved, precision = anchors[i]
        if anchor.end() < pos - _AHEAD_REACH:
            return None
        if precision == "day" and resolved is not None and resolved > published:
            return resolved
    return None


def _near(starts: list[int], ends: list[int], clock_start: int, clock_end: int) -> list[int]:
    """The anchors that can go with a clock: those inside it, the last one ending before it and
    the first one starting after it. Anchors do not overlap, so any farther one has another
    anchor's words between it and the clock, which the connecting patterns cannot match; looking
    only at these keeps a document with many dates and times linear."""
    first = bisect_left(starts, clock_start)
    found = [first - 1] if first else []
    after = first
    while after < len(starts) and starts[after] < clock_end:
        after += 1
    found.extend(range(first, after))
    if after < len(starts):
        found.append(after)
    return [i for i in found if ends[i] <= clock_start or i >= first]


def _at_before(text: str, start: int, pos: int) -> bool:
    """Whether `text[start:pos]` ends with the word "at" and whitespace (`AT_END`), looking
    back only over that whitespace instead of searching from `start`."""
    end = pos
    while end > start and text[end - 1].isspace():
        end -= 1
    return end < pos and AT_END.search(text, max(start, end - 3), pos) is not None


@Language.component("truce_times_v1", assigns=["doc._.times"], requires=["doc._.article"])
def times_component(doc: Doc) -> Doc:
    article = annotation(doc, "article")
    text = doc_text(doc)
    anchor = story_anchor(text, article.published if article is not None else None)
    annotate(doc, "times", find_times(text, anchor, 0, annotation(doc, "body_end")))
    return doc

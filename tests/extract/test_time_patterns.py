"""Time-expression patterns: the narrow look-ahead finds what the plain one finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract import time_patterns
from truce.extract.lexicon_numbers import lowered


def _reference_anchor() -> re.Pattern[str]:
    """The anchor pattern with the plain look-ahead (any start word), which the narrower one
    must agree with wherever an expression matches."""
    narrow = rf"\b(?={time_patterns.LOOKAHEAD})"
    assert time_patterns.ANCHOR.pattern.startswith(narrow)
    body = time_patterns.ANCHOR.pattern[len(narrow) :]
    return re.compile(rf"\b(?=\d|(?:{time_patterns.STARTS})\b)" + body)


_REFERENCE = _reference_anchor()
_TIME_WORDS = st.sampled_from(
    ["in", "In", "the", "The", "next", "coming", "48", "hours", "days", "early", "late", "mid"]
    + ["January", "Feb.", "March", "Monday", "Sunday", "this", "This", "month", "week", "last"]
    + ["night", "over", "Over", "recent", "past", "few", "within", "two", "since", "of", "and"]
    + ["during", "Earlier", "later", "today", "Tomorrow", "overnight", "12", "2024", "-", ","]
    + ["IN", "THE", "NEXT", "morning", "by", "from", "until", "through", "seven", "x", "2024-01-05"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_TIME_WORDS, max_size=12), st.sampled_from([" ", "  ", "-", "\n"]))
def test_the_narrow_look_ahead_finds_what_the_plain_one_finds(words: list[str], gap: str) -> None:
    text = gap.join(words)
    found = [(m.span(), m.lastgroup) for m in time_patterns.ANCHOR.finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in _REFERENCE.finditer(text)]


_SHIFT_WORDS = st.sampled_from(
    ["the", "The", "THE", "following", "Following", "next", "previous", "preceding", "a", "one"]
    + ["day", "Day", "DAY", "days", "Friday", "today", "later", "Later", "earlier", "in", "on"]
    + ["daylight", "holiday", "x", ",", ".", "2", "\u017fay", "previou\u017f", "İn", "ear"]
    + ["earlier in the", "Later ON the", "the next", "The Preceding", "a day", "one DAY"]
)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(_SHIFT_WORDS, max_size=10),
    st.lists(st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2009", ""]), min_size=1),
)
def test_may_shift_days_is_false_only_where_neither_pattern_matches(
    words: list[str], gaps: list[str]
) -> None:
    text = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words))
    matches = bool(time_patterns.DAY_SHIFT.search(text) or time_patterns.SAME_DAY.search(text))
    if matches:
        assert time_patterns.may_shift_days(lowered(text))


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("On Friday the truce held; today, days later, it still holds.", False),
        ("The truce began on Monday. The following day, shelling resumed.", True),
        ("Talks opened. A day\nlater they broke down.", True),
        ("Earlier in the day, the army said ...", True),
        ("The previous   day was quiet.", True),
        ("The day was quiet and the holiday went on.", True),  # "the day": SAME_DAY's end
        ("It was a daylight raid.", False),
        ("", False),
    ],
)
def test_may_shift_days_on_invented_texts(text: str, may: bool) -> None:
    assert time_patterns.may_shift_days(lowered(text)) is may
    assert time_patterns.may_shift_days(None) is True  # a text `lowered` gives up on


def test_the_day_shift_gate_keeps_the_days_found() -> None:
    """Through the times component: a shift is still found where the gate lets it through."""
    from datetime import date

    from truce.extract.components.times import find_times

    text = "The truce began on Monday, November 27. The following day, shelling resumed."
    found = find_times(text, date(2023, 11, 28))
    assert [(t.text, t.date) for t in found][-1] == ("The following day", date(2023, 11, 28))

"""Time-expression patterns: the narrow look-ahead finds what the plain one finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract import time_patterns


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

"""Reader boilerplate lines: the two-part look-up (`is_boilerplate`) finds what the one pattern
over the whole line finds. Invented lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.components.boilerplate import _BOILERPLATE, find_boilerplate, is_boilerplate

_PIECES = st.sampled_from(
    ["Share", "share", "SHARE", "Tweet", "|", "•", "Read more", "READ MORE:", "-", "—", "Related"]
    + ["No comments", "12 comments", "Comments", ":", "Subscribe", "©", "(Reporting by", "by"]
    + ["cookie", "Cookies", "COOKIES", "cooKİe", "coo", "kie", "accept", "Policy", "consent"]
    + ["settings", "Advertisement", "Tags:", "Hamas", "freed", "the", "truce", " ", "  ", "."]
    + ["\u212aookie", "cookiesaccept", "\t", "x"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.sampled_from(["", " "]))
def test_the_two_part_look_up_finds_what_the_whole_pattern_finds(
    pieces: list[str], gap: str
) -> None:
    line = gap.join(pieces)
    assert is_boilerplate(line) == (_BOILERPLATE.search(line) is not None), repr(line)


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ("Share | Tweet | Email", True),
        ("Read more: the truce", True),
        ("We use cookies. Accept all", True),
        ("Our Cookie Policy", True),
        ("The cook said the truce held", False),
        ("Hamas freed 13 hostages", False),
        ("They shared the news | online", False),  # not at the line's start
    ],
)
def test_invented_lines(line: str, hit: bool) -> None:
    assert is_boilerplate(line) is hit


def test_the_body_ends_before_trailing_boilerplate() -> None:
    text = "Hamas freed 13 hostages.\nWe use cookies. Accept all\nShare | Tweet\n"
    spans, body_end = find_boilerplate(text)
    assert [text[a:b] for a, b in spans] == ["We use cookies. Accept all", "Share | Tweet"]
    assert body_end == text.index("We use")

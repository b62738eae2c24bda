"""The compiled chain check reads a claims row's JSON column with a strict reader of its own
(`_chaincheck.c`): whatever it reads as an array or an object, Python's `json` reads as the same
kind of value, so it never passes a row that the entry-by-entry check would refuse; and every
array and object Python writes, it reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

chaincheck = pytest.importorskip("truce.storage._chaincheck")

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
# Characters JSON is made of, and some it must not hold where they stand.
PIECES = st.sampled_from(list('[]{}",:.-+eE0123456789 \t\n\\/ubfnrtal\x00\x01\x1fé🙂') + ["NaN"])


def _kind(value: Any) -> str | None:
    return "[" if isinstance(value, list) else "{" if isinstance(value, dict) else None


@given(VALUES, st.sampled_from([(",", ":"), (", ", ": ")]), st.booleans())
def test_what_python_writes_is_read_as_its_kind(
    value: Any, separators: tuple[str, str], ascii_only: bool
) -> None:
    text = json.dumps(value, separators=separators, ensure_ascii=ascii_only)
    assert chaincheck.json_kind(text) == _kind(value)


@given(VALUES, st.data())
def test_whatever_it_reads_python_reads_alike(value: Any, data: st.DataObject) -> None:
    """Spellings near valid JSON: a piece inserted, removed or replaced somewhere."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 1))
    text = text[:at] + data.draw(PIECES) + text[at + cut :]
    kind = chaincheck.json_kind(text)
    if kind is not None:
        assert _kind(json.loads(text)) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[]", "["),
        ("{}", "{"),
        ('{"a":[1,-0.5e+3,true,false,null,"\\u00e9\\n\\"\\/"]}', "{"),
        ('["\\ud800"]', "["),  # a lone surrogate escaped: Python reads it too
        ("[NaN]", None),  # Python reads it; the check leaves it to Python
        ("[Infinity]", None),
        ("[01]", None),
        ("[1.]", None),
        ("[.5]", None),
        ("[1e]", None),
        ("[--1]", None),
        ("[1,]", None),
        ('{"a":1,}', None),
        ("{1:2}", None),
        ('["\x01"]', None),
        ('["\\x"]', None),
        ('["\\u12"]', None),
        ("[tru]", None),
        (" []", None),
        ("[] ", None),
        ("[][]", None),
        ('["women"],"x":[1]', None),
        ("[" * 70 + "]" * 70, None),  # deeper than the reader goes
        ('"text"', None),
        ("3", None),
        ("", None),
    ],
)
def test_spellings_at_the_edges(text: str, kind: str | None) -> None:
    assert chaincheck.json_kind(text) == kind
    if kind is not None:
        assert _kind(json.loads(text)) == kind

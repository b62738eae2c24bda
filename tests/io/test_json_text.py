"""`json_text.loads` reads JSON as `json.loads` does, but refuses what JSON has not: `NaN`,
`Infinity`, `-Infinity`, and a number past a float's range (read as infinity), wherever they
are; text that merely says them is text. Hypothesis over JSON values and where such a word goes."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.io import json_text

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)  # fmt: skip
_words = st.sampled_from(["NaN", "Infinity", "-Infinity", "1e309", "-2E+400", "1.5e99999"])
MARK = "\0mark\0"


@settings(max_examples=300, deadline=None)
@given(_values)
def test_json_reads_as_the_standard_library_reads_it(value: Any) -> None:
    text = json.dumps(value)
    assert json_text.loads(text) == json.loads(text)
    assert json_text.loads(text.encode("utf-8")) == json.loads(text)


@settings(max_examples=300, deadline=None)
@given(_values, _words, st.integers(min_value=0, max_value=50))
def test_a_word_json_has_not_is_refused_wherever_it_stands(value: Any, word: str, n: int) -> None:
    """Put in place of one value (or as the whole text), at any depth: refused, naming it."""
    slots = _slots(value)
    placed = _put(value, slots[n % len(slots)])
    text = json.dumps(placed).replace(json.dumps(MARK), word)
    with pytest.raises(json_text.NotJsonNumber) as refused:
        json_text.loads(text)
    assert word[:40] in refused.value.msg and text[refused.value.pos :].startswith(word)
    assert text[: refused.value.pos].count('"') % 2 == 0 or "\\" in text  # not inside a string
    assert isinstance(refused.value, json.JSONDecodeError)  # callers that catch it still do


def test_the_words_in_text_are_text() -> None:
    text = '{"NaN": "Infinity", "note": "-Infinity and 1e400 \\" NaN"}'
    assert json_text.loads(text) == json.loads(text)
    with pytest.raises(json_text.NotJsonNumber) as refused:
        json_text.loads(text[:-1] + ', "figure": NaN}')
    assert refused.value.pos == len(text) + 11  # the value, not the words in the strings


def test_the_largest_and_smallest_floats_are_read() -> None:
    text = "[1.7976931348623157e308, -1.7976931348623157e308, 5e-324, 1e-400]"
    assert json_text.loads(text) == [1.7976931348623157e308, -1.7976931348623157e308, 5e-324, 0.0]
    assert json_text.loads("[" + "9" * 400 + "]")[0] == int("9" * 400)  # an integer stays one
    assert not any(map(math.isinf, json_text.loads(text)))


def _slots(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _slots(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _slots(inner, (*path, i))
    return found


def _put(value: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return MARK
    head, *rest = path
    if isinstance(value, dict):
        return {**value, head: _put(value[head], tuple(rest))}
    return [*value[:head], _put(value[head], tuple(rest)), *value[head + 1 :]]

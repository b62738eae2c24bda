"""The fast JSON printer writes exactly what the standard library writes, or steps aside; what
`json_text` prints is JSON a strict reader reads: a float that is not finite is `null`."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from truce.compact_json import finite
from truce.pretty import json_text, pretty_json

plain = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=30,
)


def _reference(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


# The values are nested and generated slowly on a loaded machine: what is checked is equality,
# never the time it takes, so the generation-speed health check and the deadline are off.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain)
def test_plain_json_values_print_byte_for_byte_as_the_standard_library(value: Any) -> None:
    assert pretty_json(value) == _reference(value)


def test_anything_else_is_left_to_the_standard_library() -> None:
    for value in ({"x": float("nan")}, [float("inf")], {1: "a"}, {"d": {1, 2}}, [b"bytes"]):
        assert pretty_json(value) is None


def test_json_text_falls_back_to_the_standard_library() -> None:
    assert json_text({"b": [1, 2.5], "a": "é"}) == _reference({"b": [1, 2.5], "a": "é"})
    assert json_text({"x": float("nan")}) == '{\n  "x": null\n}'
    assert json_text({"x": [float("inf"), {"y": -float("inf")}]}) == _reference(
        {"x": [None, {"y": None}]}
    )


def _strict(text: str) -> Any:
    def refused(word: str) -> Any:
        raise ValueError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refused)


any_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_value)
def test_json_text_is_json_whatever_floats_it_is_given(value: Any) -> None:
    """NaN and the infinities anywhere: the text is read by a strict reader, the same as the
    value with each made null."""
    assert _strict(json_text(value)) == json.loads(_reference(finite(value)))

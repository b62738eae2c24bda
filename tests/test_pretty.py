"""The fast JSON printer writes exactly what the standard library writes, or steps aside."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    assert json_text({"x": float("nan")}) == '{\n  "x": NaN\n}'

"""The fast JSON printer writes exactly what the standard library writes, or steps aside; what
`json_text` prints is JSON a strict reader reads: a float that is not finite is `null`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from truce.compact_json import finite
from truce.domain.engine.answer_floats import every_float
from truce.pretty import indented_json, json_text, pretty_json


class _Status(StrEnum):
    ACTIVE = "active"


class _Level(IntEnum):
    HIGH = 3


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


_texts = st.text(st.characters(codec="utf-8")) | st.text()  # lone surrogates too
_numbers = st.integers() | st.floats() | st.floats(min_value=-1e-3, max_value=1e-3)
_any_json = st.recursive(
    st.none() | st.booleans() | _numbers | _texts,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(_texts, inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_any_json)
def test_indented_json_writes_what_json_text_writes(value: Any) -> None:
    """orjson's text where it is the same, the standard library's where it is not (floats below
    1e-4, integers past 64 bits, lone surrogates, non-finite floats written null by both)."""
    assert indented_json(value, every_float(value)) == json_text(value)


@pytest.mark.parametrize(
    "value",
    [
        [1e-5, 1e-4, 5e-324, -2.5e-7, 1e16, 1e22, -0.0, 0.1 + 0.2],
        {"huge": 2**64, "small": -(2**63) - 1},
        {1: "a key that is a number"},
        {"nested": [[[]], {}, {"b": {"a": ()}}]},
        {"when": datetime(2023, 11, 27, 12, tzinfo=UTC)},
        {"status": _Status.ACTIVE, "level": _Level.HIGH, "flag": True},
        {"x": float("nan"), "y": [float("inf")]},
        "\ud800",
    ],
)
def test_indented_json_steps_aside_where_orjson_writes_otherwise(value: Any) -> None:
    assert indented_json(value, every_float(value)) == json_text(value)


def test_the_floats_are_the_callers_promise() -> None:
    """Trusted as `compact_json` trusts them (why `answer_floats` is tested against a walk)."""
    assert indented_json([1e-5], []) == "[\n  0.00001\n]"
    assert indented_json([1e-5], [1e-5]) == "[\n  1e-05\n]"

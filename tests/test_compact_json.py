"""`compact_json` writes the standard library's compact JSON byte for byte, or fails as it fails,
but for a float that is not finite, which it writes `null` (never `NaN` or `Infinity`, not JSON):
Hypothesis over JSON's own values (any text, any integer, any float), and the values orjson
would write its own way, each named; every text it writes is read by a strict reader."""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from enum import IntEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.compact_json import compact_json, finite
from truce.domain.engine.answer_floats import every_float


def _standard(data: Any) -> bytes:
    return json.dumps(finite(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def strict_loads(text: bytes) -> Any:
    """As a strict reader (JavaScript's JSON.parse, Go, jq) reads it: no NaN, no Infinity."""

    def refused(word: str) -> Any:
        raise ValueError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refused)


def _same_or_same_failure(data: Any) -> None:
    try:
        expected = _standard(data)
    except (TypeError, ValueError) as failure:
        with pytest.raises(type(failure)):
            compact_json(data, every_float(data))
        return
    written = compact_json(data, every_float(data))
    assert written == expected
    strict_loads(written)


_texts = st.text(st.characters(codec="utf-8"))  # every code point but lone surrogates
_numbers = st.integers() | st.floats() | st.floats(min_value=-1e-3, max_value=1e-3)
_scalars = st.none() | st.booleans() | _numbers | _texts
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_texts, inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=400)
@given(_json)
def test_any_json_value_is_written_as_the_standard_library_writes_it(data: Any) -> None:
    _same_or_same_failure(data)


@given(st.floats())
def test_every_float_is_written_as_the_standard_library_writes_it(value: float) -> None:
    _same_or_same_failure({"due": value, "rows": [value, -value]})


@pytest.mark.parametrize(
    "value",
    [
        1e-4, 9.999e-5, 1e-5, 1.1890707640592553e-05, 5e-06, 1e-9, 1e-10, 5e-324, -2.5e-7,
        1e16, 1.5e16, 9999999999999998.0, 1e22, 1.7976931348623157e308, -0.0, 0.0, 0.1 + 0.2,
    ],
)  # fmt: skip
def test_floats_at_the_edges_of_the_two_writers_forms(value: float) -> None:
    """Below 1e-4 orjson writes `0.00001` and `1e-7` where the standard library writes `1e-05`
    and `1e-07`: those go to the standard library."""
    _same_or_same_failure([value])


@pytest.mark.parametrize("small", [[], [1e-5]])  # by orjson; by the standard library
def test_nan_and_infinities_are_written_null(small: list[float]) -> None:
    """Not JSON (RFC 8259): strict readers refuse the whole text. Written `null` by either
    writer, however deep; the rest as it is."""
    data = {"due": math.inf, "rows": [{"balance": -math.inf}, (math.nan, 1.5)], "s": small}
    written = compact_json(data, every_float(data))
    tail = b"[0.00001]" if small and b"0.00001" in written else json.dumps(small).encode()
    assert written == b'{"due":null,"rows":[{"balance":null},[null,1.5]],"s":' + tail + b"}"
    assert strict_loads(written) == {"due": None, "rows": [{"balance": None}, [None, 1.5]],
                                     "s": small}  # fmt: skip


def test_finite_gives_back_what_holds_no_such_float_itself() -> None:
    data = {"a": [1.5, {"b": (2, "NaN")}], "c": None}
    assert finite(data) is data
    assert finite((1.0, math.nan)) == (1.0, None)


def test_a_float_left_unnamed_is_the_callers_promise() -> None:
    """The floats are the caller's to name: the fast path trusts them (why `answer_floats`
    is tested against a walk of everything)."""
    assert compact_json([1e-5], []) == b"[0.00001]"
    assert compact_json([1e-5], [1e-5]) == b"[1e-05]"


@pytest.mark.parametrize(
    "data",
    [
        2**64,
        -(2**63) - 1,
        10**400,
        {"huge": [2**64 - 1, 2**64, -(2**63)]},
        {1: "a key that is a number", "2": "b"},
        {None: 1, 1.5: 2, True: 3},
        "\ud800 a lone surrogate",
        {"a": "\udfff"},
    ],
)
def test_what_orjson_refuses_is_left_to_the_standard_library(data: Any) -> None:
    _same_or_same_failure(data)


def test_text_in_every_script_control_characters_and_separators() -> None:
    text = (
        "".join(chr(c) for c in range(0x0, 0x800)) + "غزة · Газа · 加沙 · \u2028\u2029 · 🕊️ · \x7f"
    )
    data = {text: [text, {"quote": '"a \\ b" / c'}]}
    assert compact_json(data, []) == _standard(data)
    assert json.loads(compact_json(data, [])) == data


def test_deep_nesting_beyond_orjsons_limit() -> None:
    deep: Any = []
    for _ in range(300):
        deep = [deep]
    _same_or_same_failure(deep)
    with pytest.raises(RecursionError):  # the standard library's own limit, as before
        compact_json(_nested(sys.getrecursionlimit() + 10), [])


def _nested(depth: int) -> Any:
    deep: Any = {}
    for _ in range(depth):
        deep = {"x": deep}
    return deep


class Figure(IntEnum):
    TEN = 10


class Text(str):
    pass


@dataclass
class Row:
    x: int


@pytest.mark.parametrize(
    "data",
    [
        datetime(2023, 11, 24, 7, tzinfo=timezone(timedelta(hours=2))),  # a zone
        datetime(2023, 11, 24, 7, tzinfo=UTC),
        {"at": datetime(2023, 11, 24, 7, 0, 0, 123456, tzinfo=timezone(timedelta(hours=5.75)))},
        Row(1),
        [Figure.TEN, Text("a str of a subclass"), True],
    ],
)  # fmt: skip
def test_values_orjson_writes_its_own_way_go_to_the_standard_library(data: Any) -> None:
    """A datetime (orjson: RFC 3339) and a dataclass (orjson: an object) are refused as the
    standard library refuses them; subclasses of int and str are written as it writes them."""
    _same_or_same_failure(data)


def test_instants_with_zones_as_the_answer_holds_them() -> None:
    zones = [timedelta(hours=h, minutes=m) for h, m in [(2, 0), (5, 45), (-3, -30), (0, 0)]]
    data = {
        "at": [datetime(2023, 11, 24, 7, 0, 0, 999, tzinfo=timezone(z)).isoformat() for z in zones]
    }
    assert compact_json(data, []) == _standard(data)

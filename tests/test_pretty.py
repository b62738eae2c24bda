"""The fast JSON printer writes exactly what the standard library writes, or steps aside."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Run
from truce.pretty import pretty_json

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


@settings(max_examples=300)
@given(plain)
def test_plain_json_values_print_byte_for_byte_as_the_standard_library(value: Any) -> None:
    assert pretty_json(value) == _reference(value)


def test_anything_else_is_left_to_the_standard_library() -> None:
    for value in ({"x": float("nan")}, [float("inf")], {1: "a"}, {"d": {1, 2}}, [b"bytes"]):
        assert pretty_json(value) is None


def test_a_status_prints_as_the_standard_library_would(gaza_ledger: Run) -> None:
    shown = gaza_ledger("status", "gaza-2023-11", "--at", "2023-12-02", "--json")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == _reference(json.loads(shown.stdout)) + "\n"

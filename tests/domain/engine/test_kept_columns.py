"""A kept block's rows as columns (`engine.kept._columns`) and back (`_records`): every record
read back as it was, value for value and type for type (1, 1.0 and True are three values), and
anything that is not a table of plain values kept as records."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.engine.kept import _columns, _records

PLAIN = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 2.5, math.inf]),
    st.sampled_from(["", "a", "b", "שלום", "2023-11-27T12:00:00+02:00"]),
)
VALUE = st.one_of(PLAIN, st.lists(PLAIN, max_size=3))
KEYS = st.lists(st.sampled_from(["id", "party", "claims", "status", "n"]), min_size=1,
                max_size=5, unique=True)  # fmt: skip


def typed(value: Any) -> Any:
    """A value with the type of everything in it spelled out: equal only when read back as is."""
    if isinstance(value, list):
        return ["list", [typed(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[k, typed(v)] for k, v in value.items()]]
    return [type(value).__name__, repr(value)]


@st.composite
def tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    keys = draw(KEYS)
    # Few distinct values per column, as breach rows repeat parties, statuses and texts.
    pools = {k: draw(st.lists(VALUE, min_size=1, max_size=4)) for k in keys}
    count = draw(st.integers(0, 30))
    return [{k: draw(st.sampled_from(pools[k])) for k in keys} for _ in range(count)]


@settings(max_examples=300, deadline=None)
@given(tables())
def test_records_read_back_value_for_value_and_type_for_type(rows: list[dict[str, Any]]) -> None:
    encoded = _columns(rows)
    assert "records" not in encoded  # a table of plain values and lists of them: columns
    back = _records(json.loads(json.dumps(encoded)))  # as kept: through its JSON
    assert [typed(r) for r in back] == [typed(r) for r in rows]


def test_equal_values_of_different_types_are_different_values() -> None:
    rows = [{"n": v} for v in (1, 1.0, True, 1, 0, False, 0.0, True, None)]
    column = _columns(rows)["columns"][0]
    assert [typed(v) for v in column["values"]] == [
        typed(v) for v in (1, 1.0, True, 0, False, 0.0, None)
    ]
    assert column["codes"] == [0, 1, 2, 0, 3, 4, 5, 2, 6]
    assert [typed(r) for r in _records(_columns(rows))] == [typed(r) for r in rows]


def test_a_column_of_one_type_codes_values_in_the_order_first_met() -> None:
    rows = [{"party": p, "claims": c} for p, c in (("b", ["x"]), ("a", ["x", 1]), ("b", ["x"]))]
    assert _columns(rows) == {
        "keys": ["party", "claims"],
        "columns": [
            {"values": ["b", "a"], "codes": [0, 1, 0]},
            {"values": [["x"], ["x", 1]], "codes": [0, 1, 0]},
        ],
    }


def test_a_list_equal_to_a_plain_value_stays_apart_from_it() -> None:
    rows = [{"v": [1]}, {"v": 1}, {"v": []}, {"v": None}, {"v": [True]}]
    assert [typed(r) for r in _records(_columns(rows))] == [typed(r) for r in rows]
    assert len(_columns(rows)["columns"][0]["values"]) == 5


def test_records_of_other_shapes_are_kept_as_records() -> None:
    for rows in (
        [{"a": 1, "b": 2}, {"b": 2, "a": 1}],  # the same keys in another order
        [{"a": 1}, {"a": 1, "b": 2}],  # another key
        [{"a": 1}, {"a": {"nested": True}}],  # a value that is not plain
        [{"a": [1]}, {"a": [[1]]}],  # a list of lists
        [{"a": (1, 2)}],  # a tuple
    ):
        assert _columns(rows) == {"records": rows}
        assert _records(_columns(rows)) == rows


def test_no_records_encode_as_no_columns() -> None:
    assert _columns([]) == {"keys": [], "columns": []}
    assert _records(_columns([])) == []

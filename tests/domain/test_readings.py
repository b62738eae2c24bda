"""Readings as intervals: what a qualified figure allows and when readings dispute."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.readings import (
    ABOUT,
    INF,
    QUALIFIER_CODE,
    Qualifier,
    disputed,
    interval,
    intervals,
    qualifier,
    reading_range,
    whole_range,
)


def test_each_qualifier_is_the_interval_it_says() -> None:
    assert interval(13) == (13, 13)
    assert interval(10, "at_least") == (10, INF)
    low, high = interval(600, "more_than")
    assert 600 < low < 600.001 and high == INF
    assert interval(600, "over") == interval(600, "more_than")
    assert interval(250, "about") == pytest.approx((250 * (1 - ABOUT), 250 * (1 + ABOUT)))
    assert interval(50, "nearly") == pytest.approx((40, 50))
    assert interval(40, "up_to") == (0, 40)


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ([(10, "at_least"), (13, "exact")], False),  # 13 is at least 10
        ([(10, "exact"), (13, "exact")], True),
        ([(10, "about"), (13, "exact")], True),  # 13 is more than a fifth off 10
        ([(250, "about"), (240, "exact")], False),
        ([(600, "more_than"), (600, "exact")], False),  # one figure: nothing to weigh
        ([(600, "more_than"), (550, "exact")], True),
        ([(5, "up_to"), (6, "more_than")], True),
        ([(5, "up_to"), (3, "at_least")], False),
        ([(10, "at_least"), (12, "at_least"), (11, "exact")], True),  # 11 is not at least 12
        ([(10, None), (None, None)], False),  # a reading without a figure has no say
        ([], False),
    ],
)
def test_readings_dispute_when_their_intervals_share_no_value(
    readings: list[tuple[float | None, str | None]], expected: bool
) -> None:
    assert disputed(readings) is expected


def test_names_aliases_and_unknown_qualifiers() -> None:
    assert qualifier(None) is Qualifier.EXACT
    assert qualifier("At Least") is Qualifier.AT_LEAST
    assert qualifier("") is Qualifier.EXACT
    with pytest.raises(ValueError, match="is not one of"):
        qualifier("roughly-ish")


@given(
    st.lists(
        st.tuples(st.integers(0, 10**12), st.sampled_from(list(Qualifier))), min_size=1, max_size=20
    )
)
def test_the_column_form_computes_the_very_same_floats(
    figures: list[tuple[int, Qualifier]],
) -> None:
    values = np.array([v for v, _ in figures], dtype=np.int64)
    codes = np.array([QUALIFIER_CODE[q] for _, q in figures], dtype=np.int64)
    low, high = intervals(values, codes)
    for (value, how), a, b in zip(figures, low.tolist(), high.tolist(), strict=True):
        assert (a, b) == interval(value, how) or (math.isinf(b) and interval(value, how)[1] == INF)


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(0, 10**9),
    how=st.sampled_from(["exact", "at_least", "more_than", "over", "about", "nearly", "up_to"]),
)
def test_the_whole_range_is_the_whole_numbers_the_interval_allows(value: int, how: str) -> None:
    low, high = interval(value, how)
    lowest, highest = whole_range(value, how)
    assert low <= lowest and not low <= lowest - 1  # the least whole number inside
    if highest is None:
        assert high == float("inf")
    else:
        assert lowest <= highest <= high and highest + 1 > high  # the greatest inside


def test_a_reading_allows_what_all_its_claims_allow() -> None:
    assert reading_range(600, [(600, "about"), (600, "at_least")]) == (600, 720)
    assert reading_range(9, [(9, "about")]) == (8, 10)
    # "600" and "more than 600" share no whole number: the figure alone.
    assert reading_range(600, [(600, "exact"), (600, "more_than")]) == (600, 600)
    assert reading_range(8, [(8, "at_least"), (None, None)]) == (8, None)

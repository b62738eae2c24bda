"""`Series.reached` with amounts taken out (`with_delta`), as `loose.settled_at` reads it: the
loosely dated events that may fall before a window are removed at the instants they were added.
Several of them often end together (two claims dated to the same day), so deltas nest at one
instant; the first instant the running total reaches a threshold must count every one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.engine.series import Series

INSTANTS = st.sampled_from([0.0, 10.0, 20.0, 30.0])
POINTS = st.lists(st.tuples(INSTANTS, st.integers(0, 20).map(float)), min_size=1, max_size=8)


def _brute(points: list[tuple[float, float]], start: float, threshold: float) -> float | None:
    if threshold <= 0:
        return start
    for instant in sorted({t for t, _ in points if t >= start}):
        if sum(a for t, a in points if start <= t <= instant) >= threshold:
            return instant
    return None


def test_two_removals_at_one_instant_both_count() -> None:
    # 15 and 0 dated to one day, both taken out at its end; 15 exact an hour later.
    series = Series([(0.0, 15.0), (0.0, 0.0), (1.0, 15.0)])
    taken = series.with_delta(0.0, -15.0).with_delta(0.0, -0.0)
    assert taken.reached(-1.0, 15.0) == 1.0
    assert series.with_delta(0.0, -0.0).with_delta(0.0, -15.0).reached(-1.0, 15.0) == 1.0


@settings(max_examples=300, deadline=None)
@given(
    points=POINTS,
    removed=st.lists(st.integers(0, 7), unique=True, max_size=4),
    start=st.sampled_from([-1.0, 0.0, 10.0, 15.0]),
    threshold=st.integers(0, 60).map(float),
)
def test_reached_with_removals_is_the_first_instant_the_rest_reaches(
    points: list[tuple[float, float]], removed: list[int], start: float, threshold: float
) -> None:
    taken = [i for i in removed if i < len(points)]
    series = Series(points)
    for i in taken:
        series = series.with_delta(points[i][0], -points[i][1])
    kept = [p for i, p in enumerate(points) if i not in taken]
    assert series.reached(start, threshold) == _brute(kept, start, threshold)

"""Quantities over time with prefix sums, so any window's total costs a binary search."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate

import numpy as np
import numpy.typing as npt


class Series:
    """Non-negative amounts at instants (epoch seconds), sorted by instant (then amount)."""

    instants: list[float]
    cumulative: list[float]

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        ordered = sorted(points)
        self.instants = [p[0] for p in ordered]
        self.cumulative = [0.0, *accumulate(p[1] for p in ordered)]

    @classmethod
    def of(
        cls,
        instants: npt.NDArray[np.float64],
        amounts: npt.NDArray[np.float64],
        listed: list[float] | None = None,
    ) -> Series:
        """The same series from columns, in any order. NumPy's running sum adds in order, as
        `accumulate` does, so both ways give the same floats; lists keep lookups cheap.
        `listed`: `sorted(instants)` as a list, when the caller has it already."""
        series = cls.__new__(cls)
        order = ordered(instants, amounts)
        if order is None:  # in order already
            series.instants = instants.tolist() if listed is None else listed
            summed = np.cumsum(amounts)
        else:
            series.instants = instants[order].tolist() if listed is None else listed
            summed = np.cumsum(amounts[order])
        series.cumulative = np.concatenate(([0.0], summed)).tolist()
        return series

    def total(self, start: float, end: float) -> float:
        """Sum of amounts at instants in [start, end)."""
        lo = bisect_left(self.instants, start)
        hi = bisect_left(self.instants, end)
        return self.cumulative[hi] - self.cumulative[lo] if hi > lo else 0.0

    def first(self, start: float, end: float) -> float | None:
        lo = bisect_left(self.instants, start)
        return self.instants[lo] if lo < len(self.instants) and self.instants[lo] < end else None

    def last(self, start: float, end: float) -> float | None:
        hi = bisect_left(self.instants, end)
        if hi == 0 or self.instants[hi - 1] < start:
            return None
        return self.instants[hi - 1]

    def reached(self, start: float, threshold: float) -> float | None:
        """The instant at which the running total from `start` first reaches `threshold`."""
        if threshold <= 0:
            return start
        base = self.cumulative[bisect_left(self.instants, start)]
        idx = bisect_left(self.cumulative, base + threshold)
        if idx >= len(self.cumulative):
            return None
        return self.instants[idx - 1]

    def with_delta(self, instant: float, delta: float) -> Series:
        return DeltaSeries(self, instant, delta)


class DeltaSeries(Series):
    """A series read with one amount changed: an alternative reading of a disputed event."""

    def __init__(self, base: Series, instant: float, delta: float) -> None:
        self.base, self.instant, self.delta = base, instant, delta
        self.instants = base.instants
        self.cumulative = base.cumulative

    def _inside(self, start: float, end: float) -> bool:
        return start <= self.instant < end

    def total(self, start: float, end: float) -> float:
        return self.base.total(start, end) + (self.delta if self._inside(start, end) else 0.0)

    def first(self, start: float, end: float) -> float | None:
        return self.base.first(start, end)

    def last(self, start: float, end: float) -> float | None:
        return self.base.last(start, end)

    def reached(self, start: float, threshold: float) -> float | None:
        before = self.base.reached(start, threshold)
        if self.instant < start or (before is not None and before < self.instant):
            return before
        # Everything up to and at the instant, read through `base`: a delta under this one at the
        # same instant (two loose events ending together) is counted, not the bare figures.
        if self.base.total(start, math.nextafter(self.instant, math.inf)) + self.delta >= threshold:
            return self.instant
        later = self.base.reached(start, threshold - self.delta)
        return later if later is not None and later >= self.instant else None


def ordered(
    instants: npt.NDArray[np.float64], amounts: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp] | None:
    """`np.lexsort((amounts, instants))`, the order by instant then amount (stable), or None
    when that is the order they are in. Columns come in clock order, so only the runs of equal
    instants need sorting by amount: each is sorted in place of the whole."""
    if len(instants) < 2 or not bool((instants[1:] >= instants[:-1]).all()):
        return None if len(instants) < 2 else np.lexsort((amounts, instants))
    tied = instants[1:] == instants[:-1]
    if not bool((~tied | (amounts[1:] >= amounts[:-1])).all()):
        # Every member of a run of equal instants, in order; sorted among themselves by
        # (instant, amount), each run stays where it is and its members take their order.
        runs = np.flatnonzero(np.concatenate(([False], tied)) | np.concatenate((tied, [False])))
        order = np.arange(len(instants))
        order[runs] = runs[np.lexsort((amounts[runs], instants[runs]))]
        return order
    return None

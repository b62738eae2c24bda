"""Quantities over time with prefix sums, so any window's total costs a binary search."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]


class Series:
    """Non-negative amounts at instants (epoch seconds), sorted by instant (then amount)."""

    instants: Floats
    cumulative: Floats

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        ordered = sorted(points)
        self._set(
            np.array([p[0] for p in ordered], dtype=np.float64),
            np.array([p[1] for p in ordered], dtype=np.float64),
        )

    @classmethod
    def of(cls, instants: Floats, amounts: Floats) -> Series:
        """The same series from columns, in any order."""
        series = cls.__new__(cls)
        order = np.lexsort((amounts, instants))
        series._set(instants[order], amounts[order])
        return series

    def _set(self, instants: Floats, amounts: Floats) -> None:
        self.instants = instants
        # Sequential sums (as itertools.accumulate does), so both ways in agree to the bit.
        self.cumulative = np.concatenate(([0.0], np.cumsum(amounts)))

    def _left(self, instant: float) -> int:
        return int(np.searchsorted(self.instants, instant, "left"))

    def total(self, start: float, end: float) -> float:
        """Sum of amounts at instants in [start, end)."""
        lo, hi = self._left(start), self._left(end)
        return float(self.cumulative[hi] - self.cumulative[lo]) if hi > lo else 0.0

    def first(self, start: float, end: float) -> float | None:
        lo = self._left(start)
        found = float(self.instants[lo]) if lo < len(self.instants) else None
        return found if found is not None and found < end else None

    def last(self, start: float, end: float) -> float | None:
        hi = self._left(end)
        if hi == 0 or self.instants[hi - 1] < start:
            return None
        return float(self.instants[hi - 1])

    def reached(self, start: float, threshold: float) -> float | None:
        """The instant at which the running total from `start` first reaches `threshold`."""
        if threshold <= 0:
            return start
        base = self.cumulative[self._left(start)]
        idx = int(np.searchsorted(self.cumulative, base + threshold, "left"))
        if idx >= len(self.cumulative):
            return None
        return float(self.instants[idx - 1])

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
        if self.base.total(start, self.instant) + self.delta + self._at_instant() >= threshold:
            return self.instant
        later = self.base.reached(start, threshold - self.delta)
        return later if later is not None and later >= self.instant else None

    def _at_instant(self) -> float:
        lo = self._left(self.instant)
        hi = int(np.searchsorted(self.instants, self.instant, "right"))
        return float(self.cumulative[hi] - self.cumulative[lo])

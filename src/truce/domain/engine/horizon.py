"""How long a judged answer holds: the earliest later instant at which it could read otherwise.

With no new claims, an answer judged at instant T can only change where the engine's reading of
the instant changes: a comparison with a deadline, a window's edge, a phase's end, a claim's date
or the end of a loose date's interval, a day number, a text showing a duration. Rather than state
each term kind's rules a second time to list those instants, the engine judges with the instant
as an `Instant`: a float whose comparisons note, in its `Horizon`, the instant at which their
result could flip. Arithmetic keeps following it (`at - start`, `(at - t) / 86400`), a floor or a
rounded text notes its next step, and NumPy arrays compared with it note their next element after
T. A use it cannot follow (an instant shown as a full time, say) makes the horizon `opaque`: the
answer then holds for T alone. Erring early only costs a judgment; the property tests in
tests/domain/engine/test_horizon.py and tests/storage/test_held.py judge afresh at random
instants before `until` and compare whole answers.

Times read as local dates or minutes go through `local_date` and `minute_text` (the standard
library reads a float's value without asking it); any other local reading through `local_time`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

# A bound reached by arithmetic is noted this much earlier (float rounding in `at - t` and the
# like is far below it); an early bound only shortens how long an answer is kept.
MARGIN = 1e-3
_NUMBER = (int, float, np.number)


class Horizon:
    """The earliest instant after `at` at which a noted comparison could come out otherwise
    (`until`), and the earliest before it since which none could have (`since`): the answer
    judged at `at` reads the same at any instant of [since, until) but for the instant shown."""

    def __init__(self, at: float) -> None:
        self.at = float(at)
        self.until = math.inf
        self.since = -math.inf

    def passes(self, bound: float, exact: bool = True) -> None:
        """A comparison with `bound` (in instants): its result can change at `bound` (`<`) or
        just after it (`<=`); within `MARGIN` of it when `bound` was reached by arithmetic (not
        `exact`): then taken that much nearer `at`, or at `at` itself when that near it."""
        if math.isnan(bound):
            return
        margin = 0.0 if exact else MARGIN
        self._before(bound - margin)
        if bound - margin <= self.at:
            self._after(min(bound + margin, self.at))

    def passes_any(self, bounds: Any, exact: bool = True) -> None:
        values = np.asarray(bounds, dtype=np.float64)
        margin = 0.0 if exact else MARGIN
        early = values - margin
        later = early[early >= self.at]
        if len(later):
            first = float(later.min())
            self.passes(first)
            after = later[later > first]
            if len(after):
                self.passes(float(after.min()))
        before = values[early < self.at]
        if len(before):
            self._after(min(float(before.max()) + margin, self.at))

    def _before(self, bound: float) -> None:
        """`until` no later than where a comparison with `bound` could flip."""
        for b in (bound, math.nextafter(bound, math.inf)):
            if self.at < b < self.until:
                self.until = b

    def _after(self, bound: float) -> None:
        """`since` no earlier than the first instant after a flip at `bound` (or just after)."""
        for b in (bound, math.nextafter(bound, math.inf)):
            if self.since < b <= self.at:
                self.since = b

    def opaque(self) -> None:
        """The instant was read in a way not followed: the answer holds at `at` alone."""
        self.until = self.at
        self.since = self.at

    def instant(self) -> Instant:
        return Instant(self.at, self)


class Instant(float):
    """The judged instant, or a value that moves with it: `scale * at + shift`."""

    __slots__ = ("horizon", "scale", "shift")
    __array_ufunc__ = None  # NumPy hands comparisons with arrays to us (`_compare`)
    horizon: Horizon
    scale: float
    shift: float

    def __new__(cls, value: float, horizon: Horizon, scale: float = 1.0, shift: float = 0.0):  # type: ignore[no-untyped-def]
        made = super().__new__(cls, value)
        made.horizon, made.scale, made.shift = horizon, scale, shift
        return made

    def _to_instant(self, value: Any) -> Any:
        """Where this value equals `value`, in instants."""
        return (value - self.shift) / self.scale

    def _derived(self, value: float, scale: float, shift: float) -> float:
        if scale == 0:
            return float(value)
        return Instant(value, self.horizon, scale, shift)

    @property
    def _exact(self) -> bool:
        return self.scale == 1.0 and self.shift == 0.0

    def _compare(self, other: Any, op: Callable[[Any, Any], Any]) -> Any:
        mine = float(self)
        if isinstance(other, Instant):
            if other.horizon is not self.horizon:
                self.horizon.opaque()
                return op(mine, float(other))
            difference = self - other  # compare the difference with 0
            if isinstance(difference, Instant):
                difference._note(0.0)
            return op(mine, float(other))
        if isinstance(other, np.ndarray):
            if other.dtype.kind in "fiu":
                self.horizon.passes_any(self._to_instant(other.astype(np.float64)), self._exact)
            else:
                self.horizon.opaque()
            return op(mine, other)
        if isinstance(other, _NUMBER):
            self._note(float(other))
            return op(mine, other)
        return NotImplemented

    def _note(self, value: float) -> None:
        if math.isinf(value):
            return
        self.horizon.passes(self._to_instant(value), self._exact)

    def __lt__(self, other: Any) -> Any:
        return self._compare(other, operator.lt)

    def __le__(self, other: Any) -> Any:
        return self._compare(other, operator.le)

    def __gt__(self, other: Any) -> Any:
        return self._compare(other, operator.gt)

    def __ge__(self, other: Any) -> Any:
        return self._compare(other, operator.ge)

    def __eq__(self, other: object) -> Any:
        return self._compare(other, operator.eq)

    def __ne__(self, other: object) -> Any:
        return self._compare(other, operator.ne)

    __hash__ = float.__hash__

    # -- arithmetic: still the instant, moved and scaled --------------------------------------

    def __add__(self, other: Any) -> Any:
        if isinstance(other, Instant):
            return self._with(other, 1.0)
        if isinstance(other, _NUMBER) and not isinstance(other, np.ndarray):
            o = float(other)
            return self._derived(float(self) + o, self.scale, self.shift + o)
        return self._unfollowed(float(self) + other)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        if isinstance(other, Instant):
            return self._with(other, -1.0)
        if isinstance(other, _NUMBER):
            o = float(other)
            return self._derived(float(self) - o, self.scale, self.shift - o)
        return self._unfollowed(float(self) - other)

    def __rsub__(self, other: Any) -> Any:
        if isinstance(other, _NUMBER):
            o = float(other)
            return self._derived(o - float(self), -self.scale, o - self.shift)
        return self._unfollowed(other - float(self))

    def __mul__(self, other: Any) -> Any:
        if isinstance(other, _NUMBER) and not isinstance(other, Instant):
            o = float(other)
            return self._derived(float(self) * o, self.scale * o, self.shift * o)
        return self._unfollowed(float(self) * other)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Any:
        if isinstance(other, _NUMBER) and not isinstance(other, Instant) and other != 0:
            o = float(other)
            return self._derived(float(self) / o, self.scale / o, self.shift / o)
        return self._unfollowed(float(self) / other)

    def __rtruediv__(self, other: Any) -> Any:
        return self._unfollowed(other / float(self))

    def __neg__(self) -> Any:
        return self._derived(-float(self), -self.scale, -self.shift)

    def __pos__(self) -> Any:
        return self

    def __floordiv__(self, other: Any) -> Any:
        if isinstance(other, _NUMBER) and not isinstance(other, Instant) and other > 0:
            o = float(other)
            step = math.floor(float(self) / o)
            self._note(step * o)
            self._note((step + 1) * o)
            return float(float(self) // o)
        return self._unfollowed(float(self) // other)

    def __floor__(self) -> int:
        step = math.floor(float(self))
        self._note(step)
        self._note(step + 1)
        return step

    def __ceil__(self) -> int:
        step = math.ceil(float(self))
        self._note(step - 1)
        self._note(step)
        return step

    def __int__(self) -> int:
        return math.floor(self) if self >= 0 else math.ceil(self)

    def __trunc__(self) -> int:
        return int(self)

    def __format__(self, spec: str) -> str:
        """A fixed-point text (`.1f`) changes where the value crosses half a last digit."""
        if spec.endswith("f") and spec[:-1].lstrip("+- 0").startswith("."):
            digits = int(spec[:-1].split(".")[-1] or 6)
            unit = 10.0**-digits
            nearest = round(float(self) / unit)
            self._note((nearest - 0.5) * unit)
            self._note((nearest + 0.5) * unit)
        else:
            self.horizon.opaque()
        return format(float(self), spec)

    def __round__(self, ndigits: Any = None) -> Any:
        self.horizon.opaque()
        return round(float(self), ndigits)

    def __mod__(self, other: Any) -> Any:
        return self._unfollowed(float(self) % other)

    def __abs__(self) -> Any:
        return self if self >= 0 else -self

    def __bool__(self) -> bool:
        return bool(self != 0)

    def _with(self, other: Instant, sign: float) -> Any:
        if other.horizon is not self.horizon:
            return self._unfollowed(float(self) + sign * float(other))
        return self._derived(
            float(self) + sign * float(other),
            self.scale + sign * other.scale,
            self.shift + sign * other.shift,
        )

    def _unfollowed(self, value: Any) -> Any:
        self.horizon.opaque()
        return value


def local_time(instant: float, zone: ZoneInfo) -> datetime:
    """The instant as a local time; a judged instant read this way holds for itself alone."""
    if isinstance(instant, Instant):
        instant.horizon.opaque()
    return datetime.fromtimestamp(float(instant), zone)


def local_date(instant: float, zone: ZoneInfo) -> date:
    """The local date of the instant; a judged one notes the midnights either side."""
    day = datetime.fromtimestamp(float(instant), zone).date()
    if isinstance(instant, Instant):
        for d in (day, day + timedelta(days=1)):
            instant._note(datetime.combine(d, time(), tzinfo=zone).timestamp())
    return day


def minute_text(instant: float, zone: ZoneInfo) -> str:
    """The instant as local ISO time to the minute; a judged one notes the minutes either side
    (offsets are whole minutes)."""
    if isinstance(instant, Instant):
        whole = math.floor(float(instant) / 60.0) * 60.0
        instant._note(whole)
        instant._note(whole + 60.0)
    return datetime.fromtimestamp(float(instant), zone).isoformat(timespec="minutes")

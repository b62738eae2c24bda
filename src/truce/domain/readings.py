"""What a figure with its qualifier allows, and when readings of one event dispute.

A reading is a figure and how it was put: "13" is exactly 13, "at least 10" any number from 10
up, "about 250" anything within `ABOUT` of 250. Each is an interval of the values it allows;
readings dispute when they give at least two different figures and their intervals have no
value in common (for intervals on a line that is the same as some two of them not overlapping).
Readings of one figure never dispute: there is no other figure to weigh. "at least 10" and
"13" agree (13 is at least 10); "about 10" and "13" dispute (13 is more than 20% off 10);
"up to 5" and "more than 5" dispute.

This is the one definition: the batch merge and the engine (both its paths) use it. Which
reading leads is `domain.leading`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from enum import StrEnum

import numpy as np
import numpy.typing as npt


class Qualifier(StrEnum):
    """How a figure was put; a claim without one is exact."""

    EXACT = "exact"
    AT_LEAST = "at_least"  # "at least 10", "no fewer than 10": [10, inf)
    MORE_THAN = "more_than"  # "more than 600": just above 600 and up
    ABOUT = "about"  # "about 250", "some 250", "around 250": within ABOUT of 250
    NEARLY = "nearly"  # "nearly 50", "almost 50": within ABOUT below 50, up to 50
    UP_TO = "up_to"  # "up to 40", "as many as 40": 0 to 40
    OVER = "over"  # "over 600", "in excess of 600": as more_than, kept as the source put it


# The relative tolerance of "about" and "nearly": reporters round, but not by more than a fifth.
ABOUT = 0.2
# "more than v" excludes v itself; this lifts the lower bound just above v at any magnitude.
ABOVE = 1e-12

# Spellings extraction and older files use for the same qualifiers.
ALIASES = {"": Qualifier.EXACT}

INF = float("inf")

# Per qualifier: low = value * LOW_SCALE + LOW_SHIFT, high = value * HIGH_SCALE (inf: unbounded).
# One table so the object path and the column path compute the very same floats.
_LOW_SCALE = {
    Qualifier.EXACT: 1.0,
    Qualifier.AT_LEAST: 1.0,
    Qualifier.MORE_THAN: 1.0 + ABOVE,
    Qualifier.ABOUT: 1.0 - ABOUT,
    Qualifier.NEARLY: 1.0 - ABOUT,
    Qualifier.UP_TO: 0.0,
    Qualifier.OVER: 1.0 + ABOVE,
}
_LOW_SHIFT = {q: (ABOVE if q in (Qualifier.MORE_THAN, Qualifier.OVER) else 0.0) for q in Qualifier}
_HIGH_SCALE = {
    Qualifier.EXACT: 1.0,
    Qualifier.AT_LEAST: INF,
    Qualifier.MORE_THAN: INF,
    Qualifier.ABOUT: 1.0 + ABOUT,
    Qualifier.NEARLY: 1.0,
    Qualifier.UP_TO: 1.0,
    Qualifier.OVER: INF,
}
# Codes are positions in this tuple (engine columns and snapshots); only ever append.
QUALIFIERS: tuple[Qualifier, ...] = tuple(Qualifier)
QUALIFIER_CODE = {q: i for i, q in enumerate(QUALIFIERS)}


def qualifier(text: str | Qualifier | None) -> Qualifier:
    """A qualifier from its name (or an alias); None is exact. Raises ValueError if unknown."""
    if text is None:
        return Qualifier.EXACT
    if isinstance(text, Qualifier):
        return text
    key = text.strip().lower().replace(" ", "_")
    found = ALIASES.get(key)
    if found is not None:
        return found
    try:
        return Qualifier(key)
    except ValueError:
        names = ", ".join(q.value for q in Qualifier)
        raise ValueError(f"qualifier {text!r} is not one of {names}") from None


def interval(value: float, how: Qualifier | str | None = None) -> tuple[float, float]:
    """The values a figure allows: interval(10, "at_least") == (10.0, inf)."""
    q = qualifier(how)
    low = value * _LOW_SCALE[q] + _LOW_SHIFT[q]
    scale = _HIGH_SCALE[q]
    return low, (INF if scale == INF else value * scale)


def disputed(readings: Iterable[tuple[float | None, Qualifier | str | None]]) -> bool:
    """Whether readings (figure, qualifier) of one event dispute: at least two different
    figures, whose intervals have no value in common. A reading without a figure has no say."""
    low, high = -INF, INF
    figures: set[float] = set()
    for value, how in readings:
        if value is None:
            continue
        figures.add(value)
        a, b = interval(value, how)
        low, high = max(low, a), min(high, b)
    return len(figures) > 1 and low > high


def whole_range(value: int, how: Qualifier | str | None = None) -> tuple[int, int | None]:
    """The whole numbers a figure allows, as (lowest, highest; None: no highest): "more than
    600" is 601 and up, "about 7" 6 to 8, "up to 40" 0 to 40 (`interval`, on whole numbers)."""
    q = qualifier(how)
    low, high = interval(value, q)
    # Rounded first: 0.8 x 250 is 200.00000000000003 in floats, and still 200 people.
    lowest = value + 1 if q in (Qualifier.MORE_THAN, Qualifier.OVER) else math.ceil(round(low, 6))
    return lowest, (None if high == INF else math.floor(round(high, 6)))


def reading_range(
    value: int, readings: Iterable[tuple[int | None, Qualifier | str | None]]
) -> tuple[int, int | None]:
    """The whole numbers every claim of one reading (one figure, `value`) allows together; the
    figure alone where they allow none in common ("600" and "more than 600")."""
    lowest, highest = 0, None
    for figure, how in readings:
        if figure is None:
            continue
        a, b = whole_range(figure, how)
        lowest = max(lowest, a)
        highest = b if highest is None else (highest if b is None else min(highest, b))
    if highest is not None and lowest > highest:
        return value, value
    return lowest, highest


def intervals(
    values: npt.NDArray[np.int64], codes: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """`interval` for columns of figures and qualifier codes, with the same floats."""
    low_scale = np.array([_LOW_SCALE[q] for q in QUALIFIERS])[codes]
    low_shift = np.array([_LOW_SHIFT[q] for q in QUALIFIERS])[codes]
    high_scale = np.array([_HIGH_SCALE[q] for q in QUALIFIERS])[codes]
    v = values.astype(np.float64)
    low = v * low_scale + low_shift
    with np.errstate(invalid="ignore"):  # 0 * inf: an unbounded "at least 0" is still unbounded
        high = np.where(np.isinf(high_scale), INF, v * high_scale)
    return low, high

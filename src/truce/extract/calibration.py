"""A candidate's confidence: the probability, measured on the real dev split, that a candidate
like it is an event a person would record.

Two steps, both fitted by `truce.extract.calibrate` and kept as numbers in
`calibration_table.py`:

1. a score: the dev split's base log-odds plus, for each feature of the candidate (its type,
   modality, and whether it has a count, a date, an actor, a place, a named speaker), how much
   candidates with that feature were more or less often right than the base (log-odds, each
   rate smoothed toward the base rate by `SMOOTHING` pseudo-candidates, so that a rare value
   says little);
2. a monotone map from that score to a probability: isotonic regression (pool adjacent
   violators) of right/wrong on the score, so that a higher score never means a lower
   confidence and each step's probability is the share right among the dev candidates in it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from truce.extract.calibration_table import BASE, STEPS, WEIGHTS

SMOOTHING = 8.0  # pseudo-candidates at the base rate added to each feature value's count


def features(candidate: dict[str, Any]) -> list[str]:
    """The features a candidate (its `truce extract` JSON shape) is scored on."""
    source = candidate.get("source") or {}
    return [
        f"type={candidate.get('type')}",
        f"modality={candidate.get('modality')}",
        f"count={bool(candidate.get('quantities'))}",
        f"date={bool(candidate.get('date'))}",
        f"actor={bool(candidate.get('actor'))}",
        f"place={bool(candidate.get('location'))}",
        f"speaker={bool(source.get('speaker'))}",
    ]


def score(
    candidate: dict[str, Any], base: float = BASE, weights: dict[str, float] = WEIGHTS
) -> float:
    """The candidate's score (log-odds before the monotone map)."""
    return base + sum(weights.get(f, 0.0) for f in features(candidate))


def confidence(candidate: dict[str, Any]) -> float:
    """The calibrated probability that the candidate is right, rounded to 3 places."""
    return round(step_value(STEPS, score(candidate)), 3)


def step_value(steps: Sequence[tuple[float, float, int]], value: float) -> float:
    """The probability of the last step starting at or below `value` (the first step's below
    them all): a non-decreasing step function of the score."""
    starts = [s[0] for s in steps]
    at = max(bisect.bisect_right(starts, value) - 1, 0)
    return steps[at][1]


# Fitting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    base: float
    weights: dict[str, float]
    steps: list[tuple[float, float, int]]  # (lowest score of the step, share right, candidates)

    def confidence(self, candidate: dict[str, Any]) -> float:
        return round(step_value(self.steps, score(candidate, self.base, self.weights)), 3)


def fit(rows: Iterable[tuple[dict[str, Any], bool]]) -> Fitted:
    """Fit the score and the monotone map on (candidate, right) rows."""
    data = list(rows)
    if not data:
        raise ValueError("nothing to fit: no scored candidates")
    right = sum(r for _, r in data)
    rate = (right + 1) / (len(data) + 2)
    base = _logit(rate)
    counts: dict[str, list[int]] = {}
    for candidate, ok in data:
        for f in features(candidate):
            tally = counts.setdefault(f, [0, 0])
            tally[0] += ok
            tally[1] += 1
    weights = {
        f: round(_logit((r + SMOOTHING * rate) / (n + SMOOTHING)) - base, 4)
        for f, (r, n) in sorted(counts.items())
    }
    scored = sorted((score(c, base, weights), ok) for c, ok in data)
    return Fitted(round(base, 4), weights, isotonic(scored))


def isotonic(points: Sequence[tuple[float, bool]]) -> list[tuple[float, float, int]]:
    """Pool adjacent violators over (score, right) points sorted by score: points of one score
    form a block, and neighbours merge while a block's share right is not above the one before
    it; then a block of fewer than `MIN_STEP` candidates merges into its neighbour (a merge of
    neighbours keeps the shares non-decreasing). Each step: (where it starts, halfway from the
    previous block's highest score to its lowest; its share right; its size)."""
    blocks: list[list[float]] = []  # [lowest score, highest score, right, size]
    for value, ok in points:
        if blocks and blocks[-1][1] == value:
            blocks[-1][2] += ok
            blocks[-1][3] += 1
        else:
            blocks.append([value, value, float(ok), 1.0])
        while len(blocks) > 1 and _share(blocks[-1]) <= _share(blocks[-2]):
            _merge(blocks, len(blocks) - 2)
    while len(blocks) > 1:
        small = min(range(len(blocks)), key=lambda i: blocks[i][3])
        if blocks[small][3] >= MIN_STEP:
            break
        _merge(blocks, small - 1 if small == len(blocks) - 1 else small)
    steps = []
    for i, (low, _, right, size) in enumerate(blocks):
        start = low if i == 0 else (blocks[i - 1][1] + low) / 2
        steps.append((round(start, 4), round(right / size, 4), int(size)))
    return steps


MIN_STEP = 10  # candidates a step needs before its share right is shown as a probability


def _share(block: list[float]) -> float:
    return block[2] / block[3]


def _merge(blocks: list[list[float]], i: int) -> None:
    """Merge block i+1 into block i."""
    nxt = blocks.pop(i + 1)
    blocks[i][1] = nxt[1]
    blocks[i][2] += nxt[2]
    blocks[i][3] += nxt[3]


def _logit(p: float) -> float:
    return math.log(p / (1 - p))

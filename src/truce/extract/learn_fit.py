"""L2-penalised logistic regression over sparse yes/no features, in NumPy: Newton's method
with the Newton step solved by conjugate gradients (the Hessian is never formed: a model over
tens of thousands of word features and a thousand candidates costs milliseconds a step).

A feature is kept only when it occurs in at least `min_groups` groups of training rows (the
reports, or the conflicts, they come from): a word one report uses says nothing of the next
report, and a weight fitted on it would only learn that report by heart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

BIAS = "<bias>"


@dataclass(frozen=True)
class Model:
    """An intercept and a weight per feature; features it does not know weigh nothing."""

    bias: float
    weights: dict[str, float]

    def score(self, features: Sequence[str]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) for f in features)

    def probability(self, features: Sequence[str]) -> float:
        return _sigmoid(self.score(features))


def _sigmoid(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-z)))


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[bool],
    groups: Sequence[str] | None = None,
    penalty: float = 1.0,
    min_groups: int = 3,
    digits: int = 4,
) -> Model:
    """Fit on feature rows and yes/no labels; each weight rounded to `digits` places and those
    that round to 0 left out, so the same rows always give the same table."""
    if len(rows) != len(labels) or not rows:
        raise ValueError("fit needs as many labels as rows, and at least one row")
    group_of = list(groups) if groups is not None else [str(i) for i in range(len(rows))]
    seen: dict[str, set[str]] = {}
    for row, group in zip(rows, group_of, strict=True):
        for f in set(row):
            seen.setdefault(f, set()).add(group)
    names = sorted(f for f, where in seen.items() if len(where) >= min_groups)
    column = {name: j for j, name in enumerate(names)}
    bias = len(names)
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        cols = sorted({column[f] for f in row if f in column} | {bias})
        indices += cols
        indptr.append(len(indices))
    x = _Sparse(np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64), bias + 1)
    y = np.array([1.0 if b else 0.0 for b in labels])
    lam = np.full(bias + 1, penalty)
    lam[bias] = 1e-4  # the intercept goes (all but) free
    w = _newton(x, y, lam)
    weights = {}
    for name, j in column.items():
        value = round(float(w[j]), digits)
        if value != 0.0:
            weights[name] = value + 0.0
    return Model(round(float(w[bias]), digits) + 0.0, weights)


@dataclass(frozen=True)
class _Sparse:
    """Rows of yes/no features as column indices (compressed rows)."""

    indices: np.ndarray
    indptr: np.ndarray
    columns: int

    def dot(self, w: np.ndarray) -> np.ndarray:
        sums = np.add.reduceat(w[self.indices], self.indptr[:-1])
        return np.where(np.diff(self.indptr) > 0, sums, 0.0)

    def tdot(self, v: np.ndarray) -> np.ndarray:
        per_entry = np.repeat(v, np.diff(self.indptr))
        return np.bincount(self.indices, weights=per_entry, minlength=self.columns)


def _loss(x: _Sparse, y: np.ndarray, lam: np.ndarray, w: np.ndarray) -> float:
    z = x.dot(w)
    return float(np.logaddexp(0.0, z).sum() - (y * z).sum() + 0.5 * (lam * w * w).sum())


def _newton(x: _Sparse, y: np.ndarray, lam: np.ndarray, steps: int = 50) -> np.ndarray:
    w = np.zeros(x.columns)
    loss = _loss(x, y, lam, w)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x.dot(w)))
        gradient = x.tdot(p - y) + lam * w
        if float(np.abs(gradient).max()) < 1e-6:
            break
        step = _conjugate_gradient(_hessian_times(x, p * (1.0 - p), lam), gradient)
        t = 1.0
        while t > 1e-4:  # halve the step until the loss falls (it nearly always does at once)
            trial = w - t * step
            trial_loss = _loss(x, y, lam, trial)
            if trial_loss <= loss:
                break
            t /= 2
        w, before, loss = trial, loss, trial_loss
        if before - loss < 1e-9 * max(1.0, abs(before)):
            break
    return w


def _hessian_times(
    x: _Sparse, s: np.ndarray, lam: np.ndarray
) -> Callable[[np.ndarray], np.ndarray]:
    return lambda v: x.tdot(s * x.dot(v)) + lam * v


def _conjugate_gradient(
    apply: Callable[[np.ndarray], np.ndarray],
    b: np.ndarray,
    iterations: int = 200,
    tolerance: float = 1e-8,
) -> np.ndarray:
    out = np.zeros_like(b)
    r = b.copy()
    d = r.copy()
    rr = float(r @ r)
    limit = tolerance * tolerance * rr
    for _ in range(iterations):
        if rr <= limit:
            break
        hd = apply(d)
        alpha = rr / float(d @ hd)
        out += alpha * d
        r -= alpha * hd
        rr_next = float(r @ r)
        d = r + (rr_next / rr) * d
        rr = rr_next
    return out

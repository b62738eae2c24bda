"""A candidate's confidence: the probability, measured on the real dev split, that a candidate
like it is an event a person would record.

Two steps, both fitted by `truce.extract.calibrate` and kept as numbers in
`calibration_table.py`:

1. a score: a logistic regression, penalised toward zero (`PENALTY`, so that a rare feature
   says little), of right/wrong on the candidate's features (`features`): its type, the
   trigger that told it, its modality, whether it has a count (and its type crossed with the
   count's qualifier), a date (and how precise), a place, a named speaker, a quotation, whether
   another candidate of its document repeats its type, figures and date, and its type crossed
   with each of these yes/no facts (a count makes a casualty claim likelier right; it says
   nothing of a statement);
2. a monotone map from that score to a probability: isotonic regression (pool adjacent
   violators) of right/wrong on the score, fitted on scores each candidate got from a
   regression fitted without its conflict (`INNER_FOLDS` folds of whole conflicts), so that
   the map holds for a truce the regression has not seen: a higher score never means a lower
   confidence, and each step's probability is the share right among the dev candidates in it,
   shrunk toward the step below (`SHRINK`).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from truce.extract.calibration_table import BASE, STEPS, WEIGHTS
from truce.extract.folds import balanced_folds
from truce.extract.triggers import NAMED, TRIGGERS, lowercase_twin

PENALTY = 10.0  # the L2 penalty on each weight (the intercept goes free)
INNER_FOLDS = 5  # folds by report for the scores the monotone map is fitted on


def trigger(candidate: dict[str, Any], text: str) -> str:
    """The trigger-table alternative (`triggers.py`) that matches first in the candidate's
    sentence of `text` (its `sentence_span`; its `span` in records made before there was one)
    ("verb", "accused"; the word itself for a table row without named alternatives), or "none"
    when the candidate came from a pattern of its kind's own."""
    span = candidate.get("sentence_span") or candidate.get("span")
    return trigger_in(candidate.get("type") or "", span, text)


def trigger_in(kind: str, span: Sequence[int] | None, text: str, low: str | None = None) -> str:
    """`trigger` of a candidate of type `kind` whose sentence is `span` of `text`; `low`, the
    text as `lexicon_numbers.lowered(text)` gives it, when the caller has it (the pattern then
    runs without IGNORECASE on it: the same match, faster)."""
    pattern = TRIGGERS.get(kind)
    if pattern is None or not span or not text:
        return "none"
    twin = lowercase_twin(pattern) if low is not None else None
    if twin is not None and low is not None:
        found = twin.search(low, span[0], span[1])
    else:
        found = pattern.search(text, span[0], span[1])
    if found is None:
        return "none"
    named = NAMED.get(pattern)  # the twin with named alternatives, run at the match only
    which = named.match(text, found.start(), span[1]) if named is not None else None
    if which is not None and which.lastgroup:
        return which.lastgroup.split("__", 1)[1]
    return text[found.start() : found.end()].lower()


Facts = tuple[str, str, str, str | None, str | None, tuple[bool, ...]]
# The yes/no features, in the order `facts` gives them; each is crossed with the type too.
# `repeated`: another candidate of the document has the same type, figures and date (a retelling
# the scorer counts once: the second of two is a duplicate, not a new event).
HAS = ("count", "date", "place", "speaker", "quote", "repeated")


def facts(candidate: dict[str, Any], text: str = "") -> Facts:
    """What the features are made of: type, trigger (`learned` for the learned path's; a
    `trigger` key when the candidate has one, else read from the document's `text`), modality,
    date precision, the qualifier of its first count, and the yes/no features (`repeated` from
    its `repeated` key, which `repeats` sets over a document's candidates)."""
    source = candidate.get("source") or {}
    counts = candidate.get("quantities") or ()
    has = (
        bool(counts),
        bool(candidate.get("date")),
        bool(candidate.get("location")),
        bool(source.get("speaker")),
        bool(candidate.get("quote")),
        bool(candidate.get("repeated")),
    )
    # A learned candidate (`"learned": true`) is scored as its own kind of trigger: the words
    # the model read are no rule's, and it is right less often than a rule's of its fields.
    told = (
        "learned"
        if candidate.get("learned")
        else candidate.get("trigger") or trigger(candidate, text)
    )
    precision = candidate.get("date_precision") if has[1] else None
    qualifier = _figure(counts[0])[1] if counts else None
    kind, modality = str(candidate.get("type")), str(candidate.get("modality"))
    return (kind, told, modality, precision, qualifier, has)


def _figure(quantity: Any) -> tuple[Any, Any, Any]:
    """(value, qualifier, unit) of a count as the JSON shape (a dict) or a `Quantity` has it."""
    if isinstance(quantity, dict):
        return quantity.get("value"), quantity.get("qualifier"), quantity.get("unit")
    return quantity.value, quantity.qualifier, quantity.unit


def repeats(candidates: Sequence[dict[str, Any]]) -> list[bool]:
    """For each of a document's candidates, whether another has its type, figures and date."""
    keys = [
        (
            c.get("type"),
            tuple(_figure(q) for q in c.get("quantities") or ()),
            str(c.get("date")),
        )
        for c in candidates
    ]
    seen = Counter(keys)
    return [seen[key] > 1 for key in keys]


@lru_cache(maxsize=8192)
def _features(known: Facts) -> tuple[str, ...]:
    kind, told, modality, precision, qualifier, has = known
    flags = dict(zip(HAS, has, strict=True))
    return (
        f"type={kind}",
        f"trigger={kind}:{told}",
        f"modality={modality}",
        f"date_precision={precision}",
        f"{kind}:qualifier={qualifier}",
        *(f"{name}={value}" for name, value in flags.items()),
        *(f"{kind}:{name}={flags[name]}" for name in HAS),
    )


def features(candidate: dict[str, Any], text: str = "") -> list[str]:
    """The features a candidate (its `truce extract` JSON shape) is scored on."""
    return list(_features(facts(candidate, text)))


def score(
    candidate: dict[str, Any],
    text: str = "",
    base: float = BASE,
    weights: dict[str, float] = WEIGHTS,
) -> float:
    """The candidate's score (log-odds before the monotone map)."""
    return base + sum(weights.get(f, 0.0) for f in _features(facts(candidate, text)))


def confidence(candidate: dict[str, Any], text: str = "") -> float:
    """The calibrated probability that the candidate is right, rounded to 3 places."""
    return _confidence(facts(candidate, text))


@lru_cache(maxsize=8192)
def _confidence(known: Facts) -> float:
    """By the committed table; candidates alike in their facts share one look-up."""
    return round(step_value(STEPS, BASE + sum(WEIGHTS.get(f, 0.0) for f in _features(known))), 3)


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

    def confidence(self, candidate: dict[str, Any], text: str = "") -> float:
        return round(step_value(self.steps, score(candidate, text, self.base, self.weights)), 3)


def fit(
    rows: Iterable[tuple[dict[str, Any], bool]], group_of: Mapping[str, str] | None = None
) -> Fitted:
    """Fit the score on (candidate, right) rows, and the monotone map on the scores each row
    gets from a score fitted without its group: the conflict `group_of` gives its report (its
    `document`), so that no truce is both fitted and scored; without `group_of`, or for a
    report it does not name, the report is its own group (rows without a `document` are each
    a report of their own)."""
    data = list(rows)
    if not data:
        raise ValueError("nothing to fit: no scored candidates")
    base, weights = regression(data)
    names = [_group(c, n, group_of) for n, (c, _) in enumerate(data)]
    reports = {
        _report(c, n): name for n, ((c, _), name) in enumerate(zip(data, names, strict=True))
    }
    sizes = Counter(reports.values())  # reports per group: whole groups, balanced by size
    fold_of = balanced_folds(sizes, min(INNER_FOLDS, len(sizes)))
    folds = [fold_of[name] for name in names]
    held: list[tuple[float, bool]] = []
    for fold in sorted(set(folds)):
        train = [row for row, f in zip(data, folds, strict=True) if f != fold]
        if not train:  # a single group: the map is fitted in-sample
            held = [(score(c, "", base, weights), ok) for c, ok in data]
            break
        fold_base, fold_weights = regression(train)
        held += [(score(c, "", fold_base, fold_weights), ok)
                 for (c, ok), f in zip(data, folds, strict=True) if f == fold]  # fmt: skip
    return Fitted(base, weights, shrunk(isotonic(sorted(held))))


def _report(candidate: dict[str, Any], n: int) -> str:
    document = candidate.get("document")
    return f"document:{document}" if document else f"row:{n:08d}"


def _group(candidate: dict[str, Any], n: int, group_of: Mapping[str, str] | None) -> str:
    document = candidate.get("document")
    if group_of is not None and document and document in group_of:
        return f"group:{group_of[document]}"
    return _report(candidate, n)


def regression(data: Sequence[tuple[dict[str, Any], bool]]) -> tuple[float, dict[str, float]]:
    """Penalised logistic regression by Newton's method: (intercept, weight per feature), each
    rounded to 4 places as the table keeps them."""
    rows = [features(c) for c, _ in data]
    names = sorted({f for row in rows for f in row})
    column = {name: j for j, name in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0  # the intercept
    for i, row in enumerate(rows):
        for f in row:
            x[i, column[f]] = 1.0
    y = np.array([1.0 if ok else 0.0 for _, ok in data])
    w = newton_logistic(x, y, PENALTY)
    weights = {name: round(float(w[j]), 4) + 0.0 for name, j in column.items()}  # no -0.0
    return round(float(w[-1]), 4), weights


def newton_logistic(x: Any, y: Any, penalty: float, tolerance: float = 1e-9) -> Any:
    """The weights of a logistic regression with an L2 `penalty` on every column but the last
    (the intercept, a column of ones: all but free), by Newton's method from the intercept of
    the rate of `y` (1 right, 0 wrong), until no weight moves by `tolerance` (50 steps at most)."""
    columns = x.shape[1]
    lam = np.full(columns, penalty)
    lam[-1] = 1e-6
    w = np.zeros(columns)
    w[-1] = _logit((y.sum() + 1) / (len(y) + 2))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + lam * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(lam)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < tolerance:
            break
    return w


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
# Candidates of the step below that each step's share is shrunk toward: a step's share right
# is the mean of a few dozen candidates picked for scoring highest, so the top one's is the
# likeliest too high; shrinking it toward its neighbour keeps the steps non-decreasing.
SHRINK = 20.0


def shrunk(steps: Sequence[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """Each step's share right after the first, as if `SHRINK` more candidates of it had been
    right at the unshrunk share of the step below: (right + SHRINK x below) / (size + SHRINK),
    rounded as the table keeps it."""
    out = list(steps[:1])
    for (_, below, _), (start, share, size) in zip(steps, steps[1:], strict=False):
        out.append((start, round((share * size + SHRINK * below) / (size + SHRINK), 4), size))
    return out


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

"""The sentence model: for each event type, a penalised logistic regression (`learn_fit.py`)
of whether a sentence holds a gold event of that type, on the sentence's words
(`learn_features.sentence_features`); one model per type, one versus the rest.

It serves the recall path (`learn.recall`, `components/learned.py`): a sentence the model is
confident holds a type for which the rules gave no candidate in it yields a candidate of that
type. Each type's threshold is chosen by an inner cross-validation on the training reports
alone: the lowest probability at which the sentences it would add are right often enough to
raise F1 (a candidate right with probability p raises F1 only when p > F1 / 2), with at least
`MIN_GAIN` of them right and the gain in more inner folds than the loss (as `cv` asks of a
rule); a type no threshold raises so gets none and the path stays shut for it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

import numpy as np

from truce.extract.folds import balanced_folds
from truce.extract.learn_features import NUMBER_WORDS, STEM, sentence_features
from truce.extract.learn_fit import Model, fit

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
PENALTY = 3.0
MIN_GROUPS = 3  # a word is fitted only when that many reports use it
INNER_FOLDS = 4
DIGITS = 3  # weights kept to thousandths, as the table keeps them
MIN_GAIN = 3  # right sentences a threshold must add in the inner folds to open a type


@dataclass(frozen=True)
class SentenceRow:
    """One sentence of one report: its words, the gold types it holds, the types the rules
    gave a candidate of in it."""

    report: str
    conflict: str
    span: tuple[int, int]
    features: tuple[str, ...]
    gold: frozenset[str]
    found: frozenset[str]


@dataclass(frozen=True)
class SentenceModel:
    """Per type, a model and the probability from which an uncovered sentence is a candidate
    (types without a threshold add nothing)."""

    models: dict[str, Model]
    thresholds: dict[str, float] = field(default_factory=dict)

    def added(self, features: Iterable[str], found: frozenset[str]) -> list[str]:
        """The types this sentence yields a candidate of, in name order, but those in `found`
        (the rules gave a candidate of them in it)."""
        return [k for k in self.added_many([features])[0] if k not in found]

    def added_many(self, sentences: Sequence[Iterable[str]]) -> list[list[str]]:
        """`added` for each of a document's sentences (before the rules' candidates are
        looked at), their scores summed in one step."""
        index = self._compiled[1]
        return self.added_rows(
            [{j for f in fs if (j := index.get(f)) is not None} for fs in sentences]
        )

    def added_rows(self, sentences: Sequence[set[int]]) -> list[list[str]]:
        """`added_many` of sentences given as the rows of their features (`lookup`)."""
        kinds, _, matrix, limits = self._compiled
        if not kinds or not sentences:
            return [[] for _ in sentences]
        sizes = [len(rows) for rows in sentences]
        rows = np.fromiter(chain.from_iterable(sentences), dtype=np.intp, count=sum(sizes))
        at = np.repeat(np.arange(len(sentences), dtype=np.intp), sizes)
        scores = np.tile(matrix[-1], (len(sentences), 1))
        # Each weight added to its cell of the flat scores, one after another in the rows'
        # order, as adding whole rows would (the same sums, bit for bit: a score of 0 meets
        # the threshold 0.5 or not by them); the flat form is numpy's fast path, twice as fast.
        width = len(kinds)
        cells = (at[:, None] * width + np.arange(width, dtype=np.intp)).ravel()
        np.add.at(scores.ravel(), cells, matrix[rows].ravel())
        return [
            [k for k, v, t in zip(kinds, row, limits, strict=True) if v >= t]
            for row in scores.tolist()
        ]

    @cached_property
    def lookup(self) -> Lookup:
        """The model's features by what they are made of, for `Lookup.rows`."""
        return Lookup(self._compiled[1])

    @cached_property
    def _compiled(self) -> tuple[list[str], dict[str, int], np.ndarray, list[float]]:
        """Every type's weights side by side (a row per feature, the biases last) and each
        threshold as a score, so that a sentence costs one look-up per word, not one per type."""
        kinds = sorted(self.thresholds)
        names = sorted({f for k in kinds for f in self.models[k].weights})
        index = {name: j for j, name in enumerate(names)}
        matrix = np.zeros((len(names) + 1, len(kinds)))
        for col, kind in enumerate(kinds):
            for name, weight in self.models[kind].weights.items():
                matrix[index[name], col] = weight
            matrix[-1, col] = self.models[kind].bias
        limits = [math.log(self.thresholds[k] / (1 - self.thresholds[k])) for k in kinds]
        return kinds, index, matrix, limits


class Lookup:
    """A model's feature rows keyed by the words they are made of: a sentence's rows found
    from its words without building a string per feature (`learn_features.sentence_feature_set`
    says what the features are; `Lookup.rows` finds the same ones)."""

    def __init__(self, index: dict[str, int]) -> None:
        self.unigrams: dict[str, int] = {}
        self.bigrams: dict[str, dict[str, int]] = {}
        self.others: dict[str, int] = {}
        self.after_figure: dict[str, int] = {}  # `number_shapes`, by the word's first letters
        for name, j in index.items():
            if name.startswith("w=") and "_" in name:  # a word has no "_": a pair of words
                first, second = name[2:].split("_", 1)
                self.bigrams.setdefault(first, {})[second] = j
            elif name.startswith("w="):
                self.unigrams[name[2:]] = j
            elif name.startswith("n=N_"):
                self.after_figure[name[4:]] = j
            else:
                self.others[name] = j

    def rows(self, tokens: Sequence[str], flags: Iterable[str]) -> set[int]:
        """The rows of a sentence's words (`learn_features.words`) and its other features."""
        out = {j for f in flags if (j := self.others.get(f)) is not None}
        unigrams, bigrams, shapes = self.unigrams, self.bigrams, self.after_figure
        after: dict[str, int] | None = None
        figure = False  # the word before was a figure or a number word
        for word in tokens:
            j = unigrams.get(word)
            if j is not None:
                out.add(j)
            if after is not None:
                j = after.get(word)
                if j is not None:
                    out.add(j)
            if figure and shapes:
                j = shapes.get(word[:STEM] if word[0] > "9" else "0")
                if j is not None:
                    out.add(j)
            after = bigrams.get(word)
            figure = word[0] <= "9" or word in NUMBER_WORDS
        return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentence_rows(
    report: str,
    conflict: str,
    text: str,
    spans: Sequence[tuple[int, int]],
    gold: Sequence[tuple[str, tuple[int, int]]],
    found: Sequence[tuple[str, tuple[int, int]]],
) -> list[SentenceRow]:
    """The rows of one report: `gold` and `found` as (type, span) pairs."""
    return [
        SentenceRow(
            report,
            conflict,
            span,
            tuple(sentence_features(text, span)),
            frozenset(k for k, s in gold if _overlaps(s, span)),
            frozenset(k for k, s in found if _overlaps(s, span)),
        )
        for span in spans
    ]


def fit_models(rows: Sequence[SentenceRow], kinds: Sequence[str]) -> dict[str, Model]:
    feats = [r.features for r in rows]
    groups = [r.report for r in rows]
    return {
        kind: fit(feats, [kind in r.gold for r in rows], groups, PENALTY, MIN_GROUPS, DIGITS)
        for kind in kinds
    }


def fit_sentence_model(
    rows: Sequence[SentenceRow], kinds: Sequence[str], f1: float
) -> SentenceModel:
    """Models on every row; thresholds by inner folds over the rows' conflicts, for a base
    F1 of `f1`."""
    fold = _inner_folds(rows)
    held: list[tuple[SentenceRow, dict[str, float], int]] = []
    for inner in range(INNER_FOLDS):
        train = [r for r in rows if fold(r) != inner]
        test = [r for r in rows if fold(r) == inner]
        if not train or not test:
            continue
        models = fit_models(train, kinds)
        probabilities = [{k: m.probability(r.features) for k, m in models.items()} for r in test]
        held += [(r, p, inner) for r, p in zip(test, probabilities, strict=True)]
    thresholds, _ = choose_thresholds(held, kinds, f1)
    return SentenceModel(fit_models(rows, sorted(thresholds)), thresholds)


def _inner_folds(rows: Sequence[SentenceRow]) -> Callable[[SentenceRow], int]:
    fold_of = balanced_folds(Counter(r.conflict for r in rows), INNER_FOLDS)
    return lambda r: fold_of[r.conflict]


def choose_thresholds(
    held: Sequence[tuple[SentenceRow, dict[str, float], int]], kinds: Sequence[str], f1: float
) -> tuple[dict[str, float], float]:
    """Per type the threshold whose added sentences raise F1 most over the inner folds, steady
    in more folds than not, at least `MIN_GAIN` right; with the gain summed over the types (in
    right-minus-wrong units, as the choice weighs it). `held`: each row, its probabilities from
    a model fitted without its inner fold, and that fold."""
    thresholds, total = {}, 0.0
    for kind in kinds:
        open_ = [(p[kind], kind in r.gold, f) for r, p, f in held if kind not in r.found]
        best, gain = None, 0.0
        for t in THRESHOLDS:
            picked = [(ok, f) for p, ok, f in open_ if p >= t]
            per_fold = [sum(2 * ok - f1 for ok, g in picked if g == f) for f in range(INNER_FOLDS)]
            value = sum(per_fold)
            steady = sum(v > 1e-9 for v in per_fold) > sum(v < -1e-9 for v in per_fold)
            right = sum(ok for ok, _ in picked)
            if right >= MIN_GAIN and steady and value > gain + 1e-9:
                best, gain = t, value
        if best is not None:
            thresholds[kind] = best
            total += gain
    return thresholds, total

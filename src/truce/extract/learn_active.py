"""Which sentence model the recall path (`components/learned.py`) asks: the committed table
(`learn_table.py`, fitted on every dev report), or, inside `using`, one fitted without the
reports being judged (cross-validation fits one per fold, `learn_cv.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from truce.extract.learn_fit import Model
from truce.extract.learn_sentences import SentenceModel

_USING: list[SentenceModel] = []


@lru_cache(maxsize=1)
def committed() -> SentenceModel:
    from truce.extract.learn_table import BIASES, FEATURES, THRESHOLDS, WEIGHTS

    names = FEATURES.split()
    models = {}
    for kind in THRESHOLDS:
        values = [int(v) for v in WEIGHTS[kind].split()]
        if len(values) != len(names):
            raise ValueError(f"learn_table.py: {kind} has {len(values)} weights, not {len(names)}")
        weights = {f: v / 1000 for f, v in zip(names, values, strict=True) if v}
        models[kind] = Model(BIASES[kind], weights)
    return SentenceModel(models, dict(THRESHOLDS))


def active() -> SentenceModel:
    return _USING[-1] if _USING else committed()


@contextmanager
def using(model: SentenceModel) -> Iterator[None]:
    """Run the block with `model` as the recall path's model."""
    _USING.append(model)
    try:
        yield
    finally:
        _USING.pop()

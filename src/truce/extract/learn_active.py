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
    from truce.extract.learn_table import BIASES, THRESHOLDS, WEIGHTS

    models = {kind: Model(BIASES[kind], WEIGHTS[kind]) for kind in THRESHOLDS}
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

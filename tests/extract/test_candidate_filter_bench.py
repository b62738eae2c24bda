"""bench/candidate_filter.py (exfilter): its numpy learners and its features, on invented data."""

from __future__ import annotations

import numpy as np
import pytest

cf = pytest.importorskip("bench.candidate_filter")


def _data(n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 3))
    y = (x[:, 0] + 0.5 * rng.normal(size=n) > 0).astype(float)
    return x, y


def test_logistic_and_trees_learn_a_separable_signal() -> None:
    x, y = _data()
    w = cf.fit_logistic(x, y, 1.0)
    assert w[0] > 1.0 and abs(w[1]) < 0.5
    p = cf.predict_logistic(x, w)
    assert ((p > 0.5) == (y > 0)).mean() > 0.8
    trees = cf.fit_trees(x, y, rounds=50)
    q = cf.predict_trees(trees, x)
    assert ((q > 0.5) == (y > 0)).mean() > 0.8


def test_features_read_cue_words_fields_and_retellings() -> None:
    text = "The truce could be extended on Friday. Israel said the truce was extended on Friday."
    first = {
        "type": "ceasefire_extension",
        "span": [0, 38],
        "sentence_span": [0, 38],
        "modality": "conditional",
        "date": "2026-01-02",
        "date_precision": "day",
    }
    second = dict(first, span=[39, 85], sentence_span=[39, 85], modality="occurred")
    found = [first, second]
    row = cf.candidate_rows(first, found, text, {}, False, False, 2026, None)
    assert row["own_hyp"] == 1.0 and row["ceasefire_extension|own_hyp"] == 1.0
    assert row["date=True"] == 1.0 and row["prec=day"] == 1.0
    assert row["retold=True"] == 1.0 and row["where=headline"] == 1.0
    other = cf.candidate_rows(
        second,
        found,
        text,
        {"ceasefire_extension": 0.9, "statement": 0.2},
        False,
        False,
        2026,
        None,
    )
    assert other["own_speech"] == 1.0
    assert other["p_margin"] > 0 and other["own_rank=0"] == 1.0


def test_design_standardises_numbers_and_keeps_flags() -> None:
    rows = [{"a": 1.0, "n": float(i)} for i in range(6)]
    design = cf.Design(rows, [str(i) for i in range(6)], min_groups=3)
    x = design.matrix(rows)
    assert abs(x[:, design.col["n"]].mean()) < 1e-9
    assert np.all(x[:, design.col["a"]] == 1.0)

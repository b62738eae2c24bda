"""The sentence model's scores (`SentenceModel.added_rows`) are each type's bias plus the weights
of a sentence's rows added one after another in the rows' order, bit for bit: a score that is
0 in exact arithmetic meets the threshold 0.5 (a limit of 0.0) or not by the order of the
additions, so a faster sum in another order would add or drop candidates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.learn_fit import Model
from truce.extract.learn_sentences import SentenceModel

_FEATURES = [f"w=f{n}" for n in range(12)]
_WEIGHT = st.integers(-400, 400).map(lambda v: v / 1000)  # thousandths, as the table keeps them


def _one_by_one(model: SentenceModel, sentences: list[set[int]]) -> list[list[str]]:
    kinds, _, matrix, limits = model._compiled
    out = []
    for rows in sentences:
        picked = []
        for col, (kind, limit) in enumerate(zip(kinds, limits, strict=True)):
            score = float(matrix[-1, col])
            for j in rows:
                score += float(matrix[j, col])
            if score >= limit:
                picked.append(kind)
        out.append(picked)
    return out


def test_an_exact_zero_is_decided_by_the_order_of_the_additions() -> None:
    # 0.3 - 0.8 + 0.5 is 0 in exact arithmetic: 0.0 added in this order (the type is added),
    # -5.6e-17 with the bias last (it would not be).
    assert (0.3 + -0.8) + 0.5 == 0.0 and (-0.8 + 0.5) + 0.3 < 0.0
    model = SentenceModel({"meeting": Model(0.3, {"w=a": -0.8, "w=b": 0.5})}, {"meeting": 0.5})
    index = model._compiled[1]
    rows = {index["w=a"], index["w=b"]}
    assert list(rows) == [index["w=a"], index["w=b"]]
    assert model.added_rows([rows]) == _one_by_one(model, [rows]) == [["meeting"]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_WEIGHT, min_size=len(_FEATURES), max_size=len(_FEATURES)), min_size=1,
             max_size=3),
    st.lists(st.sets(st.integers(0, len(_FEATURES) - 1), max_size=12), max_size=8),
)  # fmt: skip
def test_scores_are_the_weights_added_in_order(
    weights: list[list[float]], sentences: list[set[int]]
) -> None:
    kinds = ["agreement_term", "meeting", "statement"][: len(weights)]
    models = {
        kind: Model(w[0] - 0.2, dict(zip(_FEATURES, w, strict=True)))
        for kind, w in zip(kinds, weights, strict=True)
    }
    model = SentenceModel(models, dict.fromkeys(kinds, 0.5))
    index = model._compiled[1]
    # Rows as the model numbers them (features with a weight of 0 on every type still count).
    names = sorted(index)
    rows = [{index[names[j]] for j in s if j < len(names)} for s in sentences]
    assert model.added_rows(rows) == _one_by_one(model, rows)

"""Cross-validation of the learned recall path: the sentence model fitted inside each fold.

`cv.cross_validate` extracts through `FoldRefit` when given one: with `learn.recall` on, the
reports are first read by the rules alone, the sentence model and its thresholds are fitted
for each fold on the other folds' reports (their sentences, gold and rule candidates), and
each fold's reports are read again with that fold's model (`learn_active.using`). The
committed table, fitted on every dev report, is never the one judged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language

from truce.extract.article_sentences import eligible_sentences
from truce.extract.learn_active import using
from truce.extract.learn_sentences import (
    SentenceModel,
    SentenceRow,
    fit_sentence_model,
    sentence_rows,
)
from truce.extract.switches import on, switched_off

Found = dict[str, list[dict[str, Any]]]
ExtractFn = Callable[[Any], list[dict[str, Any]]]
RECALL = "learn.recall"


def rows_for(
    item: Any, spans: Sequence[tuple[int, int]], found: Sequence[dict[str, Any]]
) -> list[SentenceRow]:
    gold = [(str(g["type"]), span) for g, span in item.golds]
    told = [(str(c.get("type")), tuple(c.get("sentence_span") or c["span"])) for c in found]
    return sentence_rows(item.id, item.conflict, item.article.text, spans, gold, told)


class FoldRefit:
    """Extraction with the sentence model fitted per fold (see the module's doc)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self.models: list[dict[str, float]] = []  # each fold's thresholds, last run
        # Each fold's model by the hash of what it was fitted on (its rows, types and base F1;
        # the rows themselves are not kept): a rule that changes no rule candidate (one of the
        # recall path's own, switched off to judge it) refits nothing.
        self._fitted: dict[int, SentenceModel] = {}

    def spans(self, item: Any) -> list[tuple[int, int]]:
        if item.id not in self._spans:
            self._spans[item.id] = eligible_sentences(self.nlp, item.article)
        return self._spans[item.id]

    def __call__(
        self, items: Sequence[Any], extract_fn: ExtractFn, fold_of: dict[str, int]
    ) -> Found:
        if not on(RECALL):
            return {i.id: list(extract_fn(i.article)) for i in items}
        from truce.extract.cv import _f1

        with switched_off([RECALL]):
            base = {i.id: list(extract_fn(i.article)) for i in items}
        rows = {i.id: rows_for(i, self.spans(i), base[i.id]) for i in items}
        kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
        out: Found = {}
        self.models = []
        for fold in sorted(set(fold_of[i.id] for i in items)):
            train = [i for i in items if fold_of[i.id] != fold]
            held = [i for i in items if fold_of[i.id] == fold]
            train_rows = [r for i in train for r in rows[i.id]]
            f1 = _f1(train, base)
            key = hash((tuple(train_rows), tuple(kinds), f1))
            model = self._fitted.get(key)
            if model is None:
                model = self._fitted[key] = fit_sentence_model(train_rows, kinds, f1)
            self.models.append(dict(model.thresholds))
            if not model.thresholds:
                out.update({i.id: base[i.id] for i in held})
                continue
            with using(model):
                out.update({i.id: list(extract_fn(i.article)) for i in held})
        return out


def held_out_candidates(items: Sequence[Any], nlp: Language, folds: int = 5) -> Found:
    """Every item's candidates with the recall path's model fitted without its conflict's
    fold: what the calibration is fitted on, so that a learned candidate's confidence is that
    of one the model has not seen (the committed table has seen every dev report)."""
    from truce.extract.cv import assign_folds, groups
    from truce.extract.pipeline import extract

    def extract_fn(article: Any) -> list[dict[str, Any]]:
        return [c.as_dict() for c in extract(nlp, article)]

    group_of = groups(items, "conflict")
    conflicts = len(set(group_of.values()))
    if conflicts < 2:  # no model can be fitted without the one conflict: the rules alone
        with switched_off([RECALL]):
            return {i.id: extract_fn(i.article) for i in items}
    return FoldRefit(nlp)(items, extract_fn, assign_folds(items, group_of, min(folds, conflicts)))

"""Does the sentence model (`learn_sentences.py`) tell right rule candidates from wrong ones?

    PYTHONPATH=src:. .venv/bin/python bench/sentence_precision.py eval/real [--folds 5]

Reads the dev split only. The rules' candidates (the recall path off) are scored; for each fold
by conflict, one sentence model per event type is fitted on the other folds' reports (their
sentences and gold, as `learn_cv` fits the recall path's) and each held-out candidate gets
p(its sentence holds a gold event of the candidate's type). Printed: the AUC of that held-out
probability for right against wrong candidates, per type and pooled, beside the confidence
table's (fitted per fold) and their product; the bins of p; and the type confusions (a wrong
candidate over a gold event of another type) with what the model says of either type.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from truce.extract.cv import assign_folds, extract_all, groups, load_items
from truce.extract.evaluate import FIELDS, EvalReport, Score, score_document
from truce.extract.learn import Row, auc, outcomes, separation
from truce.extract.learn_cv import RECALL, FoldRefit, rows_for
from truce.extract.learn_features import sentence_features
from truce.extract.learn_fit import fit
from truce.extract.learn_sentences import fit_models
from truce.extract.pipeline import build_pipeline, extract


def _span(c: dict[str, Any]) -> tuple[int, int]:
    s = c.get("sentence_span") or c.get("span") or (0, 0)
    return (int(s[0]), int(s[1]))


def held_out_probabilities(
    items: list[Any], nlp: Any, found: dict[str, list[dict[str, Any]]], fold_of: dict[str, int]
) -> dict[str, list[dict[str, float]]]:
    """Per item, per candidate, each type's held-out sentence probability."""
    spans = FoldRefit(nlp).spans
    rows = {i.id: rows_for(i, spans(i), found[i.id]) for i in items}
    kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
    out: dict[str, list[dict[str, float]]] = {}
    for fold in sorted(set(fold_of.values())):
        train = [r for i in items if fold_of[i.id] != fold for r in rows[i.id]]
        models = fit_models(train, kinds)
        for item in items:
            if fold_of[item.id] != fold:
                continue
            text = item.article.text
            out[item.id] = []
            for c in found[item.id]:
                f = sentence_features(text, _span(c))
                out[item.id].append({k: m.probability(f) for k, m in models.items()})
    return out


def held_out_confidence(
    items: list[Any],
    found: dict[str, list[dict[str, Any]]],
    rows: list[Row],
    fold_of: dict[str, int],
) -> dict[tuple[str, int], float]:
    """Each candidate's confidence from a table (`calibration.fit`) fitted on the other folds'
    candidates, keyed by (report, index)."""
    from truce.extract.calibration import fit as fit_confidence

    pairs = [(i, n, c) for i in items for n, c in enumerate(found[i.id])]
    out = {}
    for fold in sorted(set(fold_of.values())):
        train = [
            (c, r.label) for (i, _, c), r in zip(pairs, rows, strict=True) if fold_of[i.id] != fold
        ]
        table = fit_confidence(train)
        for i, n, c in pairs:
            if fold_of[i.id] == fold:
                out[(i.id, n)] = table.confidence(c, i.article.text)
    return out


def _missed(item: Any, found: list[dict[str, Any]]) -> list[Any]:
    report = EvalReport(fields={name: Score() for name in FIELDS})
    score_document(report, item.golds, found, item.negatives)
    matched = {id(g) for g, _ in report.pairs}
    return [(g, s) for g, s in item.golds if id(g) not in matched]


def _bin(p: float) -> int:
    return min(int(p * 5), 4)


def stacked(points: list[Any], fold_of: dict[str, int]) -> float | None:
    """AUC of a candidate model over every type's held-out sentence probability (binned,
    crossed with the candidate's type), fitted per fold on the other folds' candidates."""

    def feats(kind: str, allp: dict[str, float]) -> list[str]:
        own = _bin(allp.get(kind, 0.0))
        top = max((v for k, v in allp.items() if k != kind), default=0.0)
        return [
            f"t={kind}",
            f"own={own}",
            f"t={kind}:own={own}",
            f"other={_bin(top)}",
            f"t={kind}:other={_bin(top)}",
        ] + [f"t={kind}:{k}={_bin(v)}" for k, v in allp.items() if k != kind]

    out = []
    for fold in sorted(set(fold_of.values())):
        train = [x for x in points if fold_of[x[5].id] != fold]
        model = fit(
            [feats(x[0], x[4]) for x in train], [x[3] for x in train], [x[5].id for x in train]
        )
        out += [
            (model.probability(feats(x[0], x[4])), x[3]) for x in points if fold_of[x[5].id] == fold
        ]
    return auc(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    items = load_items(args.folder, "dev")
    nlp = build_pipeline()

    def extract_fn(a: Any) -> list[dict[str, Any]]:
        return [c.as_dict() for c in extract(nlp, a)]

    found = extract_all(items, extract_fn, [RECALL])
    fold_of = assign_folds(items, groups(items, "conflict"), args.folds)
    probs = held_out_probabilities(items, nlp, found, fold_of)
    rows = [
        Row(i.id, i.conflict, str(c.get("type")), (), o)
        for i in items
        for c, o in zip(found[i.id], outcomes(i, found[i.id]), strict=True)
    ]
    conf = held_out_confidence(items, found, rows, fold_of)
    points: list[tuple[str, float, float, bool, dict[str, float], Any, dict[str, Any]]] = []
    for item, (n, c), r in zip(
        (i for i in items for _ in found[i.id]),
        ((n, c) for i in items for n, c in enumerate(found[i.id])),
        rows,
        strict=True,
    ):
        if r.outcome == "duplicate":
            continue
        p = probs[item.id][n]
        confidence = conf[(item.id, n)]
        points.append((r.type, p.get(r.type, 0.0), confidence, r.label, p, item, c))
    print(f"{len(items)} reports, {len(points)} rule candidates (duplicates left out)")
    by_type: dict[str, list[Any]] = defaultdict(list)
    for pt in points:
        by_type[pt[0]].append(pt)
    print(f"{'type':<22}{'n':>5}{'right':>6}{'AUC p':>8}{'AUC conf':>9}{'AUC p*c':>9}")
    for kind, pts in sorted(by_type.items()) + [("ALL", points)]:
        a = auc([(p, ok) for _, p, _, ok, *_ in pts])
        b = auc([(cf, ok) for _, _, cf, ok, *_ in pts])
        c = auc([(math.sqrt(p * cf), ok) for _, p, cf, ok, *_ in pts])
        right = sum(x[3] for x in pts)
        print(f"{kind:<22}{len(pts):>5}{right:>6}{a!s:>8}{b!s:>9}{c!s:>9}")
    print("per type, candidates under p = 0.05 / 0.1 / 0.2 (right/all):")
    for kind, pts in sorted(by_type.items()):
        low = [
            f"{sum(x[3] for x in pts if x[1] < t)}/{sum(1 for x in pts if x[1] < t)}"
            for t in (0.05, 0.1, 0.2)
        ]
        print(f"  {kind:<22}" + "  ".join(low))
    print("bins of p (right/all):")
    print(
        "  "
        + "  ".join(
            f"{b['bin']} {b['right']}/{b['candidates']}"
            for b in separation([(p, ok) for _, p, _, ok, *_ in points])
        )
    )
    value = stacked(points, fold_of)
    print(f"stacked (the type probabilities, binned, a model per fold): AUC {value}")
    # Type confusions: a wrong candidate over a gold event of another type no candidate found.
    missed = {i.id: _missed(i, found[i.id]) for i in items}
    confusions: Counter[tuple[str, str]] = Counter()
    prefers: Counter[tuple[str, str]] = Counter()
    for kind, p, _, ok, allp, item, c in points:
        if ok:
            continue
        a, b = c.get("span") or (0, 0)
        others = {
            str(g["type"]) for g, (x, y) in missed[item.id] if g["type"] != kind and x < b and a < y
        }
        for other in others:
            confusions[(kind, other)] += 1
            if allp.get(other, 0.0) > p:
                prefers[(kind, other)] += 1
    wrong = sum(1 for pt in points if not pt[3])
    print(
        f"wrong candidates {wrong}; over a gold event of another type: {sum(confusions.values())}"
    )
    for (k, o), n in confusions.most_common(15):
        print(f"  {k:<18} -> {o:<18}{n:>4}  model prefers the gold type: {prefers[(k, o)]}")
    print("retyping to the model's best other type when own < a and other >= b:")
    print("  a    b    retyped  right-before  wrong->right(missed gold of that type)")
    for a in (0.05, 0.1, 0.2, 0.3):
        for b in (0.3, 0.5, 0.7):
            n = r_before = gain = 0
            for kind, p, _, ok, allp, item, c in points:
                other, q = max(((k, v) for k, v in allp.items() if k != kind), key=lambda kv: kv[1])
                if p >= a or q < b:
                    continue
                n += 1
                r_before += ok
                x, y = c.get("span") or (0, 0)
                if not ok and any(
                    g["type"] == other and gx < y and x < gy for g, (gx, gy) in missed[item.id]
                ):
                    gain += 1
            print(f"  {a:<5}{b:<5}{n:>7}{r_before:>14}{gain:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

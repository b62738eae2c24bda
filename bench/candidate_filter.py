"""A learned right/wrong filter over rich features of each candidate, held out by conflict.

    PYTHONPATH=src:. .venv/bin/python bench/candidate_filter.py eval/real \
        --cache /tmp/ho.json [--folds 5] [--json OUT]

Reads the dev split only. The candidates are those `cv --by conflict` scores (the learned
path's model fitted per fold without the report's conflict, `learn_cv.held_out_candidates`;
`--cache` keeps them, as `bench/fp_classes.py --held-out` does). Each candidate is a row of
structured features (not its words; `learn --filter` and exembed tried those):

- what made it: type, the trigger-table alternative or `learned`, modality;
- its fields: count and its qualifier, date and its precision, actor, target, place (named,
  resolved), speaker (named, anonymous, relayed), quote, participants;
- the sentence model's probability of **every** type in its sentence (one model per type,
  fitted without the candidate's fold, and for the training rows without their own inner
  fold too: the rows a candidate model is fitted on get probabilities as held out as those it
  is scored on), as log-odds, the own type's, the best other's and their margin;
- its sentence: how many candidates and distinct types share it, its length, quotation marks,
  a question mark, figures; hypothetical, future, negation, reported-speech and background
  cue words in the candidate's own words and in the rest of its sentence;
- its document: candidates, candidates of its type, whether another candidate of the type
  retells it (same date, figure, actor or target in another sentence; the calibration's
  `repeated`), the sentence's place (headline, lead, fifths), a dateline;
- optionally the report's genre (`--genre`; the meta's, not known at extraction: measured
  only to see whether it would matter).

Most are crossed with the type. Two learners, each fitted per outer fold by conflict on the
other folds (numpy only): an L2-penalised logistic regression (penalty chosen by inner folds)
and gradient-boosted depth-2 trees. Printed: held-out AUC of right against wrong beside the
calibration's score fitted per fold on the same rows; and, for the better learner, the filter:
a candidate whose held-out right-probability is under a threshold chosen by inner folds of
the training folds is dropped, each fold rescored (P/R/F1 per fold, before and after).
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from truce.extract.calibration import newton_logistic, repeats, trigger
from truce.extract.calibration import score as calibration_score
from truce.extract.cv import assign_folds, groups, load_items, score
from truce.extract.learn import auc, outcomes
from truce.extract.learn_cv import rows_for
from truce.extract.learn_features import sentence_features, words
from truce.extract.learn_sentences import fit_models

LEAD_CHARS = 300
HYPOTHETICAL = {
    *("would", "could", "might", "may", "if", "unless", "should", "possible", "possibility"),
    *("potential", "proposal", "proposed", "propose", "plan", "plans", "planned", "expected"),
    *("hope", "hopes", "hoped", "urge", "urged", "urges", "calls", "called", "demand"),
    *("demanded", "demands", "threat", "threatened", "threatens", "consider", "considering"),
    *("aim", "aims", "intend", "intends", "seek", "seeks", "ready", "willing", "prepared"),
}
FUTURE = {
    *("will", "tomorrow", "next", "upcoming", "due", "set", "scheduled", "going", "soon"),
    *("coming", "later", "expected"),
}
NEGATION = {
    *("not", "no", "never", "t", "denied", "deny", "denies", "without", "neither", "nor"),
    *("failed", "refused", "rejected", "dismissed", "none"),
}
SPEECH = {"said", "says", "according", "told", "reported", "claimed", "stated", "announced"}
BACKGROUND = {
    *("previous", "earlier", "former", "since", "last", "ago", "history", "past", "prior"),
    *("first", "began", "started", "launched"),
}
CUES = {
    "hyp": HYPOTHETICAL,
    "fut": FUTURE,
    "neg": NEGATION,
    "speech": SPEECH,
    "bg": BACKGROUND,
}
DATELINE = re.compile(
    r"(?m)^\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Za-z .]{2,30})?\s*(?:\([A-Za-z .]+\))?\s*[-—–:]"
    r"|\((?:Reuters|AP|AFP|Xinhua|Anadolu|WAFA|Bernama|UNI|IANS|PTI|dpa|SPA|KUNA|QNA)\)"
)
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _span(c: dict[str, Any], key: str = "sentence_span") -> tuple[int, int]:
    s = c.get(key) or c.get("span") or (0, 0)
    return (int(s[0]), int(s[1]))


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6+"


def _fields(c: dict[str, Any]) -> dict[str, Any]:
    src = c.get("source") or {}
    q = c.get("quantities") or []
    return {
        "count": bool(q),
        "qual": (q[0].get("qualifier") if q and isinstance(q[0], dict) else None),
        "date": bool(c.get("date")),
        "prec": c.get("date_precision") if c.get("date") else None,
        "actor": bool(c.get("actor")),
        "target": bool(c.get("target")),
        "place": bool(c.get("location")),
        "resolved": bool(c.get("place")),
        "speaker": bool(src.get("speaker")),
        "anon": bool(src.get("anonymous")),
        "via": bool(src.get("via")),
        "quote": bool(c.get("quote")),
        "parts": bool(c.get("participants")),
    }


def _retold(c: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """Another candidate of the type in another sentence shares a date, figure, actor or
    target with it."""
    mine = _span(c)
    values = {q.get("value") for q in c.get("quantities") or [] if isinstance(q, dict)}
    for o in others:
        if o is c or o.get("type") != c.get("type") or _span(o) == mine:
            continue
        if c.get("date") and o.get("date") == c.get("date"):
            return True
        if values & {q.get("value") for q in o.get("quantities") or [] if isinstance(q, dict)}:
            return True
        for key in ("actor", "target"):
            if c.get(key) and o.get(key) == c.get(key):
                return True
    return False


def candidate_rows(
    c: dict[str, Any],
    found: list[dict[str, Any]],
    text: str,
    probs: dict[str, float],
    repeated: bool,
    dateline: bool,
    year: int | None,
    genre: str | None,
) -> dict[str, float]:
    """One candidate's features: name -> value (1.0 for a yes/no feature)."""
    kind = str(c.get("type"))
    f: dict[str, float] = {}

    def yes(name: str, crossed: bool = True) -> None:
        f[name] = 1.0
        if crossed:
            f[f"{kind}|{name}"] = 1.0

    yes(f"type={kind}", crossed=False)
    told = "learned" if c.get("learned") else trigger(c, text)
    yes(f"trigger={kind}:{told}", crossed=False)
    yes(f"learned={bool(c.get('learned'))}")
    yes(f"modality={c.get('modality')}")
    for name, value in _fields(c).items():
        if value not in (False, None):
            yes(f"{name}={value}")
    s0, s1 = _span(c)
    o0, o1 = _span(c, "span")
    sentence = text[s0:s1]
    same_sentence = [o for o in found if _span(o) == (s0, s1)]
    yes(f"sent_cands={_bucket(len(same_sentence))}")
    yes(f"sent_types={_bucket(len({o.get('type') for o in same_sentence}))}")
    for other in sorted({str(o.get("type")) for o in same_sentence} - {kind}):
        yes(f"beside={other}")
    kinds = Counter(str(o.get("type")) for o in found)
    yes(f"doc_cands={_bucket(len(found))}", crossed=False)
    yes(f"doc_same_type={_bucket(kinds[kind])}")
    yes(f"repeated={repeated}")
    yes(f"retold={_retold(c, found)}")
    where = (
        "headline"
        if s0 == 0
        else "lead"
        if s0 < LEAD_CHARS
        else f"fifth{min(4, 5 * s0 // max(len(text), 1))}"
    )
    yes(f"where={where}")
    f["pos"] = s0 / max(len(text), 1)
    tokens = words(sentence)
    f["len"] = math.log1p(len(tokens))
    yes(f"len={_bucket(len(tokens) // 10)}")
    own_share = (o1 - o0) / max(s1 - s0, 1)
    f["own_share"] = own_share
    if '"' in sentence or "“" in sentence or "”" in sentence:
        yes("quotes")
    if "?" in sentence:
        yes("question")
    if any(t[0] <= "9" for t in tokens):
        yes("figure")
    own_words = set(words(text[o0:o1]))
    rest_words = set(tokens) - own_words
    for name, cue in CUES.items():
        if own_words & cue:
            yes(f"own_{name}")
        if rest_words & cue:
            yes(f"rest_{name}")
    years = [int(y) for y in YEAR.findall(sentence)]
    if year and any(y < year for y in years):
        yes("past_year")
    yes(f"dateline={dateline}")
    if genre is not None:
        yes(f"genre={genre}")
    # The sentence model: every type's log-odds, the own type's, the best other's, the margin.
    if probs:
        own = _logit(probs.get(kind, 1e-4))
        other_kind, other_p = max(
            ((k, v) for k, v in probs.items() if k != kind), key=lambda kv: kv[1]
        )
        other = _logit(other_p)
        f["p_own"] = own
        f[f"{kind}|p_own"] = own
        f["p_other"] = other
        f[f"{kind}|p_other"] = other
        f["p_margin"] = own - other
        f[f"{kind}|p_margin"] = own - other
        for k, v in probs.items():
            f[f"{kind}|p={k}"] = _logit(v)
        yes(f"best_other={other_kind}")
        rank = sorted(probs.values(), reverse=True).index(probs.get(kind, 0.0))
        yes(f"own_rank={min(rank, 3)}")
        yes(f"own_bin={min(int(probs.get(kind, 0.0) * 5), 4)}")
    return f


# Learners --------------------------------------------------------------------------------


class Design:
    """Feature names to columns (those seen in at least `min_groups` conflicts of the training
    rows), numeric columns standardised on the training rows."""

    def __init__(self, rows: list[dict[str, float]], groups_: list[str], min_groups: int = 3):
        seen: dict[str, set[str]] = {}
        for r, g in zip(rows, groups_, strict=True):
            for k in r:
                seen.setdefault(k, set()).add(g)
        self.names = sorted(k for k, g in seen.items() if len(g) >= min_groups)
        self.col = {k: j for j, k in enumerate(self.names)}
        x = self._raw(rows)
        self.mean = np.zeros(len(self.names))
        self.std = np.ones(len(self.names))
        numeric = np.array([not self._binary(x[:, j]) for j in range(len(self.names))])
        if numeric.any():
            self.mean[numeric] = x[:, numeric].mean(axis=0)
            sd = x[:, numeric].std(axis=0)
            self.std[numeric] = np.where(sd > 1e-9, sd, 1.0)

    @staticmethod
    def _binary(col: np.ndarray) -> bool:
        return bool(np.all((col == 0) | (col == 1)))

    def _raw(self, rows: list[dict[str, float]]) -> np.ndarray:
        x = np.zeros((len(rows), len(self.names)))
        for i, r in enumerate(rows):
            for k, v in r.items():
                j = self.col.get(k)
                if j is not None:
                    x[i, j] = v
        return x

    def matrix(self, rows: list[dict[str, float]]) -> np.ndarray:
        return (self._raw(rows) - self.mean) / self.std


def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: float) -> np.ndarray:
    n = x.shape[0]
    xb = np.hstack([x, np.ones((n, 1))])
    return np.asarray(newton_logistic(xb, y, penalty, tolerance=1e-7))


def predict_logistic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))


def _bins(x: np.ndarray, edges: list[np.ndarray]) -> np.ndarray:
    return np.stack([np.searchsorted(e, x[:, j], side="right") for j, e in enumerate(edges)], 1)


def fit_trees(
    x: np.ndarray, y: np.ndarray, rounds: int = 150, rate: float = 0.1, lam: float = 5.0
) -> tuple[list[np.ndarray], float, list[Any]]:
    """Gradient-boosted depth-2 trees on 16 quantile bins per feature (log loss)."""
    edges = [
        np.unique(np.quantile(x[:, j], np.linspace(0.0625, 0.9375, 15))) for j in range(x.shape[1])
    ]
    b = _bins(x, edges)
    base = _logit((y.sum() + 1) / (len(y) + 2))
    z = np.full(len(y), base)
    trees = []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-z))
        g, h = p - y, p * (1 - p)
        tree = _tree(b, g, h, lam, depth=2)
        z += rate * _apply(tree, b)
        trees.append(tree)
    return edges, base, trees


def _best_split(b: np.ndarray, g: np.ndarray, h: np.ndarray, lam: float) -> tuple[float, int, int]:
    nb = 17
    d = b.shape[1]
    idx = (b + np.arange(d)[None, :] * nb).ravel()
    gs = np.bincount(idx, np.repeat(g[:, None], d, 1).ravel(), minlength=d * nb).reshape(d, nb)
    hs = np.bincount(idx, np.repeat(h[:, None], d, 1).ravel(), minlength=d * nb).reshape(d, nb)
    gl, hl = np.cumsum(gs, 1)[:, :-1], np.cumsum(hs, 1)[:, :-1]
    gt, ht = g.sum(), h.sum()
    gain = gl**2 / (hl + lam) + (gt - gl) ** 2 / (ht - hl + lam) - gt**2 / (ht + lam)
    gain[(hl < 1.0) | (ht - hl < 1.0)] = -np.inf
    j, t = np.unravel_index(np.argmax(gain), gain.shape)
    return float(gain[j, t]), int(j), int(t)


def _tree(b: np.ndarray, g: np.ndarray, h: np.ndarray, lam: float, depth: int) -> Any:
    if depth == 0 or len(g) < 20:
        return float(-g.sum() / (h.sum() + lam))
    gain, j, t = _best_split(b, g, h, lam)
    if not np.isfinite(gain) or gain <= 0:
        return float(-g.sum() / (h.sum() + lam))
    left = b[:, j] <= t
    return (
        j,
        t,
        _tree(b[left], g[left], h[left], lam, depth - 1),
        _tree(b[~left], g[~left], h[~left], lam, depth - 1),
    )


def _apply(tree: Any, b: np.ndarray) -> np.ndarray:
    if not isinstance(tree, tuple):
        return np.full(len(b), tree)
    j, t, lt, rt = tree
    left = b[:, j] <= t
    out = np.empty(len(b))
    out[left] = _apply(lt, b[left])
    out[~left] = _apply(rt, b[~left])
    return out


def predict_trees(model: Any, x: np.ndarray, rate: float = 0.1) -> np.ndarray:
    edges, base, trees = model
    b = _bins(x, edges)
    z = np.full(len(x), base)
    for tree in trees:
        z += rate * _apply(tree, b)
    return 1 / (1 + np.exp(-z))


# The experiment --------------------------------------------------------------------------


PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0)
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)


def _f1_counts(out: list[str], keep: np.ndarray, gold: int) -> float:
    tp = sum(1 for o, k in zip(out, keep, strict=True) if k and o == "right")
    fp = sum(1 for o, k in zip(out, keep, strict=True) if k and o == "wrong")
    return 2 * tp / (2 * tp + fp + (gold - tp)) if gold + fp else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--genre", action="store_true")
    parser.add_argument("--no-sentence", action="store_true", help="without the sentence model")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-trees", action="store_true", help="the logistic regression only")
    parser.add_argument(
        "--drop", default="", help="feature groups left out, by name prefix, comma-separated"
    )
    args = parser.parse_args(argv)
    items = load_items(args.folder, "dev")
    found_all: dict[str, list[dict[str, Any]]] = json.loads(args.cache.read_text())
    items = [i for i in items if i.id in found_all]
    fold_of = assign_folds(items, groups(items, "conflict"), args.folds)
    folds = sorted(set(fold_of.values()))
    metas = {
        i.id: json.loads((args.folder / "reports" / f"{i.id}.meta.json").read_text()) for i in items
    }

    # Sentence-model probabilities: for each pair of folds (f, g) a model fitted on the other
    # folds; a candidate of fold g scored for outer fold f != g by model (f, g), and for its own
    # outer fold by the model fitted without g alone.
    probs: dict[tuple[int, str], list[dict[str, float]]] = {}
    if not args.no_sentence:
        from truce.extract.learn_cv import FoldRefit
        from truce.extract.pipeline import build_pipeline

        spans = FoldRefit(build_pipeline()).spans
        srows = {i.id: rows_for(i, spans(i), []) for i in items}
        kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
        feats = {
            i.id: [sentence_features(i.article.text, _span(c)) for c in found_all[i.id]]
            for i in items
        }
        for out in [None, *folds]:
            for g in folds:
                if out == g:
                    continue
                excl = {g} if out is None else {g, out}
                train = [r for i in items if fold_of[i.id] not in excl for r in srows[i.id]]
                models = fit_models(train, kinds)
                for i in items:
                    if fold_of[i.id] == g:
                        probs[(-1 if out is None else out, i.id)] = [
                            {k: m.probability(f) for k, m in models.items()} for f in feats[i.id]
                        ]
            print(f"sentence models for outer fold {out} fitted", flush=True)

    def rows_of(item: Any, outer: int) -> list[dict[str, float]]:
        found = found_all[item.id]
        text = item.article.text
        meta = metas[item.id]
        year = int(str(meta.get("published"))[:4]) if meta.get("published") else None
        dateline = bool(DATELINE.search(text[:600]))
        genre = meta.get("genre") if args.genre else None
        p = probs.get((outer, item.id)) or [{} for _ in found]
        rows = [
            candidate_rows(c, found, text, pc, rep, dateline, year, genre)
            for c, pc, rep in zip(found, p, repeats(found), strict=True)
        ]
        if drop:
            rows = [
                {k: v for k, v in r.items() if not k.split("|")[-1].startswith(drop)} for r in rows
            ]
        return rows

    drop = tuple(d for d in args.drop.split(",") if d)
    outs = {i.id: outcomes(i, found_all[i.id]) for i in items}
    conflict = {i.id: i.conflict for i in items}

    def dataset(
        ids: list[str], outer: int
    ) -> tuple[list[dict[str, float]], list[str], list[str], list[str]]:
        rows, grp, out, rep = [], [], [], []
        for i in items:
            if i.id not in ids:
                continue
            r = rows_of(i, outer)
            rows += r
            grp += [conflict[i.id]] * len(r)
            out += outs[i.id]
            rep += [i.id] * len(r)
        return rows, grp, out, rep

    held_p: dict[str, dict[str, list[float]]] = {"logistic": {}, "trees": {}, "calibration": {}}
    chosen: dict[str, list[Any]] = {"logistic": [], "trees": []}
    importance: list[dict[str, float]] = []
    for f in folds:
        train_ids = {i.id for i in items if fold_of[i.id] != f}
        test_ids = {i.id for i in items if fold_of[i.id] == f}
        # Training rows: sentence probabilities held out from their own fold (model (f, g)).
        rows, grp, out, rep = dataset(train_ids, f)
        y = np.array([o != "wrong" for o in out], dtype=float)
        inner_of = np.array([fold_of[r] for r in rep])
        # Inner folds over the training folds: penalty and threshold.
        inner_pred = {pen: np.zeros(len(rows)) for pen in PENALTIES}
        inner_tree = np.zeros(len(rows))
        for g in sorted(set(inner_of)):
            tr, te = inner_of != g, inner_of == g
            design = Design(
                [r for r, k in zip(rows, tr, strict=True) if k],
                [c for c, k in zip(grp, tr, strict=True) if k],
            )
            xtr = design.matrix([r for r, k in zip(rows, tr, strict=True) if k])
            xte = design.matrix([r for r, k in zip(rows, te, strict=True) if k])
            for pen in PENALTIES:
                inner_pred[pen][te] = predict_logistic(xte, fit_logistic(xtr, y[tr], pen))
            if not args.no_trees:
                inner_tree[te] = predict_trees(fit_trees(xtr, y[tr]), xte)
        pen = max(PENALTIES, key=lambda p: auc(list(zip(inner_pred[p], y > 0, strict=True))) or 0)
        gold = sum(len(i.golds) for i in items if i.id in train_ids)
        thr = {}
        for name, pred in (("logistic", inner_pred[pen]), ("trees", inner_tree)):
            per = {
                t: [
                    _f1_counts(
                        [o for o, k in zip(out, inner_of == g, strict=True) if k],
                        (pred[inner_of == g] >= t)
                        if t > 0
                        else np.ones((inner_of == g).sum(), bool),
                        sum(
                            len(i.golds) for i in items if i.id in train_ids and fold_of[i.id] == g
                        ),
                    )
                    for g in sorted(set(inner_of))
                ]
                for t in THRESHOLDS
            }
            pooled = {
                t: _f1_counts(out, (pred >= t) if t > 0 else np.ones(len(out), bool), gold)
                for t in THRESHOLDS
            }
            ok = [
                t
                for t in THRESHOLDS
                if t == 0
                or sum(a > b + 1e-9 for a, b in zip(per[t], per[0.0], strict=True))
                > sum(a < b - 1e-9 for a, b in zip(per[t], per[0.0], strict=True))
            ]
            thr[name] = max(ok, key=lambda t: (round(pooled[t], 6), -t))
            chosen[name].append(
                (
                    thr[name],
                    pen if name == "logistic" else None,
                    round(pooled[thr[name]] - pooled[0.0], 4),
                )
            )
        design = Design(rows, grp)
        x = design.matrix(rows)
        w = fit_logistic(x, y, pen)
        trees = None if args.no_trees else fit_trees(x, y)
        importance.append({n: float(v) for n, v in zip(design.names, w[:-1], strict=True)})
        # Held-out rows: sentence probabilities from the model fitted without their fold.
        trows, _, tout, trep = dataset(test_ids, -1)
        xt = design.matrix(trows)
        pl = predict_logistic(xt, w)
        pt = pl if trees is None else predict_trees(trees, xt)
        # The calibration's regression fitted on the same training rows.
        from truce.extract.calibration import regression

        train_cands = [
            c
            for i in items
            if i.id in train_ids
            for c in _with_extras(found_all[i.id], i.article.text)
        ]
        base, weights = regression(list(zip(train_cands, (o != "wrong" for o in out), strict=True)))
        test_cands = [
            c
            for i in items
            if i.id in test_ids
            for c in _with_extras(found_all[i.id], i.article.text)
        ]
        pc = [1 / (1 + math.exp(-calibration_score(c, "", base, weights))) for c in test_cands]
        for iid in sorted(test_ids):
            n = [k for k, r in enumerate(trep) if r == iid]
            held_p["logistic"][iid] = [float(pl[k]) for k in n]
            held_p["trees"][iid] = [float(pt[k]) for k in n]
            held_p["calibration"][iid] = [float(pc[k]) for k in n]
        print(f"fold {f}: penalty {pen}, thresholds {thr}", flush=True)

    report: dict[str, Any] = {"auc": {}, "auc_no_dup": {}, "filter": {}}
    for name, hp in held_p.items():
        pts = [(p, o != "wrong") for i in items for p, o in zip(hp[i.id], outs[i.id], strict=True)]
        nd = [
            (p, o == "right")
            for i in items
            for p, o in zip(hp[i.id], outs[i.id], strict=True)
            if o != "duplicate"
        ]
        matched = [
            (p, o == "right") for i in items for p, o in zip(hp[i.id], outs[i.id], strict=True)
        ]
        report["auc"][name] = auc(pts)
        report["auc_no_dup"][name] = auc(nd)
        report.setdefault("auc_matched", {})[name] = auc(matched)
        per_type = {}
        for kind in sorted({str(c.get("type")) for i in items for c in found_all[i.id]}):
            per_type[kind] = auc(
                [
                    (p, o != "wrong")
                    for i in items
                    for p, o, c in zip(hp[i.id], outs[i.id], found_all[i.id], strict=True)
                    if c.get("type") == kind
                ]
            )
        report.setdefault("auc_per_type", {})[name] = per_type
    print("held-out AUC (duplicates as right):", report["auc"])
    print("held-out AUC (duplicates left out):", report["auc_no_dup"])
    print("held-out AUC (matched vs not, the calibration's label):", report["auc_matched"])
    print("per type:", json.dumps(report["auc_per_type"], indent=1))
    # The filter, each fold's threshold chosen inside its training folds.
    for name in ("logistic", "trees"):
        filtered = {}
        for i in items:
            t = chosen[name][fold_of[i.id]][0]
            filtered[i.id] = [
                c
                for c, p in zip(found_all[i.id], held_p[name][i.id], strict=True)
                if t <= 0 or p >= t
            ]
        rows_ = []
        for f in folds + [None]:
            part = [i for i in items if f is None or fold_of[i.id] == f]
            a, b = score(part, found_all).as_dict(), score(part, filtered).as_dict()
            rows_.append({"fold": "pool" if f is None else f, "before": a, "after": b})
            thr = chosen[name][f][0] if f is not None else "-"
            fields = " ".join(
                f"{k.split()[0]} {a[k][0]}->{b[k][0]}/{b[k][1]}"
                for k in ("dates right", "attribution right")
            )
            print(
                f"{name} fold {rows_[-1]['fold']}: thr {thr}"
                f"  P {a['precision']:.3f}->{b['precision']:.3f}"
                f"  R {a['recall']:.3f}->{b['recall']:.3f}"
                f"  F1 {a['f1']:.4f}->{b['f1']:.4f}"
                f"  fp {a['fp']}->{b['fp']} tp {a['tp']}->{b['tp']}  {fields}"
            )
        report["filter"][name] = {"chosen": chosen[name], "folds": rows_}
    # What dropping more would give: pooled, every fold's held-out probability under one
    # threshold (counted as the scorer's outcomes: a dropped duplicate changes nothing).
    gold_all = sum(len(i.golds) for i in items)
    curve = []
    for name in ("logistic", "trees", "calibration"):
        for t in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            kept = [
                o
                for i in items
                for p, o in zip(held_p[name][i.id], outs[i.id], strict=True)
                if t <= 0 or p >= t
            ]
            tp, fp = kept.count("right"), kept.count("wrong")
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / gold_all
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            curve.append((name, t, tp, fp, round(prec, 3), round(rec, 3), round(f1, 4)))
            print(f"curve {name} >= {t}: tp {tp} fp {fp} P {prec:.3f} R {rec:.3f} F1 {f1:.4f}")
    report["curve"] = curve
    report["held"] = {n: hp for n, hp in held_p.items()}
    report["outcomes"] = outs
    # Importances: the logistic weights (standardised), mean over folds.
    names = sorted({n for imp in importance for n in imp})
    mean = {n: sum(imp.get(n, 0.0) for imp in importance) / len(importance) for n in names}
    top = sorted(mean.items(), key=lambda kv: -abs(kv[1]))[:40]
    print("largest mean standardised weights (+ = right):")
    for n, v in top:
        print(f"  {n:<50}{v:+.3f}")
    report["importance"] = top
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 0


def _with_extras(found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    out = []
    for c, rep in zip(found, repeats(found), strict=True):
        c = dict(c)
        c.setdefault("trigger", trigger(c, text))
        c.setdefault("repeated", rep)
        out.append(c)
    return out


if __name__ == "__main__":
    raise SystemExit(main())

"""Variants of the learned recall path, held out by conflict on the real DEV split, in a minute
of CPU each instead of a full `learn --split dev` run.

    PYTHONPATH=src:. .venv/bin/python bench/learn_variants.py eval/real [--features old|new]
        [--stems] [--cross] [--gold N] [--min-groups 3] [--pooled] [--low] [--only-empty]

The rules' candidates are read once (recall off). For each of the 5 folds by conflict (the
folds of `cv`), the sentence model is fitted on the other folds' sentences and its thresholds
chosen by the inner folds (`learn_sentences.fit_sentence_model`'s rule, or a variant below);
each sentence of the fold it opens adds a candidate of the type whose span is the sentence, as
`components/learned.py` adds one. The fields are not read, and the document rules that drop a
lone headline or history are not applied: with `--features old` this gives 0.6382 (tp 964, fp
544), where `learn --split dev` gave 0.638 (tp 964, fp 543) on those features; with the
committed ones 0.6402 (967, 541) against 0.640 (967, 540). Printed: pooled P/R/F1 of the
rules and with the path, ΔF1 per fold, per type P/R/F1 before and after, each fold's
thresholds, and the added candidates by type, by whether their sentence has a rule candidate of
another type, and by whether it holds a gold event of the type.

Variants (each a question of exlearn3's brief):
- `--features old`: the sentence's words and pairs as before the number shapes; `new` (the
  default) is `learn_features.sentence_feature_set` as it stands.
- `--stems`: each word of more than 5 letters also as its first 5 letters.
- `--cross`: each word crossed with each kind the rules' cue words cue in the sentence.
- `--gold N`: the synthetic gold set's sentences (`eval/gold`) added N times to every training
  set (never scored).
- `--min-groups K`: a feature fitted only when K reports use it (3 today).
- `--pooled`: one threshold for every type, `k x F1 / 2` with k chosen by the inner folds.
- `--low`: thresholds 0.15, 0.2, 0.25 allowed besides 0.3-0.9.
- `--only-empty`: no candidate added in a sentence the rules gave any candidate in.
It reads the dev annotations only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from truce.extract.learn_features import sentence_feature_set, sentence_parts
from truce.extract.learn_fit import Model, fit
from truce.extract.learn_sentences import (
    DIGITS,
    INNER_FOLDS,
    MIN_GAIN,
    PENALTY,
    THRESHOLDS,
    SentenceRow,
    _inner_folds,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_types import rules_read  # noqa: E402

FOLDS = 5
Features = Callable[[str, tuple[int, int]], set[str]]


def feature_function(args: argparse.Namespace) -> Features:
    def features(text: str, span: tuple[int, int]) -> set[str]:
        tokens, flags = sentence_parts(text, span)
        if args.features == "new":
            out = sentence_feature_set(text, span)
        else:
            out = set(flags) | {"w=" + w for w in tokens}
            out.update(f"w={a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))
        if args.stems:
            out.update("s=" + w[:5] for w in tokens if len(w) > 5 and w[0] > "9")
        if args.cross:
            cues = [f for f in flags if f.startswith("cue=") and ":" not in f]
            words = {w for w in tokens if w[0] > "9"}
            out.update(f"{c}|{w}" for c in cues for w in words)
        return out

    return features


def rows_of(items: Sequence[Any], base: dict[str, Any], spans: Any, features: Features) -> Any:
    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    rows = {}
    for item in items:
        text = item.article.text
        gold = [(str(g["type"]), s) for g, s in item.golds]
        told = [
            (str(c.get("type")), tuple(c.get("sentence_span") or c["span"]))
            for c in base.get(item.id, [])
        ]
        rows[item.id] = [
            SentenceRow(
                item.id,
                item.conflict,
                span,
                tuple(sorted(features(text, span))),
                frozenset(k for k, s in gold if overlaps(s, span)),
                frozenset(k for k, s in told if overlaps(s, span)),
            )
            for span in spans(item)
        ]
    return rows


def fit_all(
    rows: Sequence[SentenceRow],
    kinds: Sequence[str],
    extra: Sequence[SentenceRow],
    args: argparse.Namespace,
) -> dict[str, Model]:
    """A model per type on `rows` and the extra rows `args.gold` times."""
    every = list(rows) + list(extra) * args.gold
    feats = [r.features for r in every]
    groups = [r.report for r in every]
    return {
        kind: fit(feats, [kind in r.gold for r in every], groups, PENALTY, args.min_groups, DIGITS)
        for kind in kinds
    }


def choose(
    held: Sequence[tuple[SentenceRow, dict[str, float], int]],
    kinds: Sequence[str],
    f1: float,
    args: argparse.Namespace,
) -> dict[str, float]:
    """Thresholds from the inner folds' held-out probabilities (the path's rule, or pooled)."""

    def judged(picked: list[tuple[bool, int]]) -> tuple[float, bool]:
        per = [sum(2 * ok - f1 for ok, g in picked if g == f) for f in range(INNER_FOLDS)]
        steady = sum(v > 1e-9 for v in per) > sum(v < -1e-9 for v in per)
        return sum(per), steady

    if args.pooled:
        best, gain = None, 0.0
        for k in (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0):
            t = min(0.95, k * f1 / 2)
            picked = [
                (kind in r.gold, f)
                for r, p, f in held
                for kind in kinds
                if kind not in r.found and p[kind] >= t
            ]
            value, steady = judged(picked)
            if steady and value > gain + 1e-9:
                best, gain = t, value
        return {} if best is None else dict.fromkeys(kinds, best)
    grid = ((0.15, 0.2, 0.25) if args.low else ()) + THRESHOLDS
    out = {}
    for kind in kinds:
        open_ = [(p[kind], kind in r.gold, f) for r, p, f in held if kind not in r.found]
        best, gain = None, 0.0
        for t in grid:
            picked = [(ok, f) for p, ok, f in open_ if p >= t]
            value, steady = judged(picked)
            if sum(ok for ok, _ in picked) >= MIN_GAIN and steady and value > gain + 1e-9:
                best, gain = t, value
        if best is not None:
            out[kind] = best
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--features", default="new", choices=("old", "new"))
    parser.add_argument("--stems", action="store_true")
    parser.add_argument("--cross", action="store_true")
    parser.add_argument("--gold", type=int, default=0, help="eval/gold's sentences N times")
    parser.add_argument("--min-groups", type=int, default=3)
    parser.add_argument("--pooled", action="store_true")
    parser.add_argument("--low", action="store_true")
    parser.add_argument("--only-empty", action="store_true")
    args = parser.parse_args(argv)
    from truce.extract.cv import _f1, assign_folds, groups, load_items, score

    items, base, spans = rules_read(args.folder)
    features = feature_function(args)
    rows = rows_of(items, base, spans, features)
    extra: list[SentenceRow] = []
    if args.gold:
        gold_items = load_items(args.folder.parent / "gold", "all")
        extra = [
            SentenceRow("gold:" + r.report, "gold", r.span, r.features, r.gold, r.found)
            for rs in rows_of(gold_items, {}, spans, features).values()
            for r in rs
        ]
    fold_of = assign_folds(items, groups(items, "conflict"), FOLDS)
    kinds = sorted({str(g["type"]) for i in items for g, _ in i.golds})
    found = {i.id: list(base[i.id]) for i in items}
    added: Counter[tuple[str, bool, bool]] = Counter()
    for fold in range(FOLDS):
        train = [i for i in items if fold_of[i.id] != fold]
        train_rows = [r for i in train for r in rows[i.id]]
        f1 = _f1(train, base)
        inner = _inner_folds(train_rows)
        held: list[tuple[SentenceRow, dict[str, float], int]] = []
        for f in range(INNER_FOLDS):
            models = fit_all([r for r in train_rows if inner(r) != f], kinds, extra, args)
            held += [
                (r, {k: m.probability(r.features) for k, m in models.items()}, f)
                for r in train_rows
                if inner(r) == f
            ]
        thresholds = choose(held, kinds, f1, args)
        print(f"fold {fold} thresholds {thresholds}")
        models = fit_all(train_rows, sorted(thresholds), extra, args)
        for item in items:
            if fold_of[item.id] != fold:
                continue
            text = item.article.text
            for r in rows[item.id]:
                if args.only_empty and r.found:
                    continue
                for kind, model in models.items():
                    if kind in r.found or model.probability(r.features) < thresholds[kind]:
                        continue
                    words = text[r.span[0] : r.span[1]]
                    start = r.span[0] + len(words) - len(words.lstrip())
                    span = [start, start + len(words.strip())]
                    found[item.id].append({"type": kind, "span": span, "learned": True})
                    added[(kind, bool(r.found), kind in r.gold)] += 1
    before, after = score(items, base), score(items, found)
    b, a = before.as_dict(), after.as_dict()
    print(
        f"rules P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.4f} -> with the path "
        f"P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.4f} "
        f"(tp {b['tp']}->{a['tp']}, fp {b['fp']}->{a['fp']})"
    )
    parts = [[i for i in items if fold_of[i.id] == f] for f in range(FOLDS)]
    deltas = [score(p, found).report.overall.f1 - score(p, base).report.overall.f1 for p in parts]
    print("ΔF1 per fold: " + " ".join(f"{d:+.4f}" for d in deltas))
    for kind in sorted(before.report.events):
        s, t = before.report.events[kind], after.report.events[kind]
        print(
            f"  {kind:<20} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} -> "
            f"P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f}  (tp {s.tp}->{t.tp}, "
            f"fp {s.fp}->{t.fp})"
        )
    print("added (type, the sentence has a rule candidate, holds a gold event of the type):")
    for key, n in sorted(added.items()):
        print(f"  {key}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The field misses of the matched events on the real DEV split, held out by group.

    PYTHONPATH=src:. .venv/bin/python bench/field_misses_cv.py eval/real [--by conflict]
        [--cache /tmp/found.json] [--off RULE,...] [--cls place:missing] [--show]

`bench/field_misses.py` reads the dev reports with the committed learned table, fitted on every
dev report; this reads them as `truce.extract.cv --by conflict` does (the learned model fitted
in each fold without it: `learn_cv.FoldRefit`), so the misses counted are the held-out ones.
Each matched pair whose date, attribution or place disagrees with the gold is sorted into
`field_misses`' date and attribution classes, and places into:

- `place:missing`: the gold names a place, the candidate none;
- `place:country_only`: the candidate's place is a country (or region) where the gold has a town;
- `place:other_in_sentence`: the candidate's place is another place its sentence names;
- `place:elsewhere`: another place, one its sentence does not name (the document's or a
  neighbour's);
- `place:gold_unresolved`: the candidate names the gold's place in the text's spelling, but the
  gazetteer resolves neither to the same entry.

Each class is counted per fold and split by path (`rule` or `learned` candidate). `--cache`
keeps the held-out candidates (dev only) in a file outside the repository, so a second reading
with other classes or `--show` skips the extraction. With `--show`, each pair is printed with
its sentence (dev text: printed to the terminal, never written to the repository).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from field_misses import attribution_class, date_class

from truce.extract.cv import Item, assign_folds, extract_all, groups, load_items
from truce.extract.evaluate import FIELDS, EvalReport, Score, score_document
from truce.extract.evaluate_real import _day, _norm, _place_right, attribution_agrees
from truce.extract.switches import switched_off

Found = dict[str, list[dict[str, Any]]]


def held_out(
    items: list[Item], by: str, folds: int, off: list[str]
) -> tuple[Found, dict[str, int]]:
    """Every item's candidates, read with the learned model fitted without its fold."""
    from truce.extract.learn_cv import FoldRefit
    from truce.extract.pipeline import build_pipeline, extract

    fold_of = assign_folds(items, groups(items, by), folds)
    nlp = build_pipeline()
    with switched_off(off):
        found = extract_all(
            items,
            lambda a: [c.as_dict() for c in extract(nlp, a)],
            (),
            FoldRefit(nlp),
            fold_of,
        )
    return found, fold_of


def place_class(gold: dict[str, Any], got: dict[str, Any], text: str) -> str:
    gp, cp = gold.get("place") or {}, got.get("place") or {}
    if not cp.get("name") and not got.get("location"):
        return "place:missing"
    s = got.get("sentence_span") or got.get("span") or (0, 0)
    sentence = _norm(text[s[0] : s[1]]) or ""
    if cp.get("precision") == 3 or (cp.get("name") or "") in ("", cp.get("country")):
        return "place:country_only"
    names = {_norm(gp.get("name")), _norm(gold.get("location"))} - {None, ""}
    if _norm(got.get("location")) and any(
        n in (_norm(got.get("location")) or "") for n in names if n
    ):
        return "place:gold_unresolved"
    where = _norm(got.get("location")) or _norm(cp.get("name")) or ""
    return "place:other_in_sentence" if where and where in sentence else "place:elsewhere"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--by", default="conflict")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--off", default="")
    parser.add_argument("--cls", default=None)
    parser.add_argument("--type", default=None)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    items = load_items(args.folder, "dev")
    off = [r for r in args.off.split(",") if r]
    if args.cache and args.cache.is_file():
        cached = json.loads(args.cache.read_text())
        found, fold_of = cached["found"], cached["fold_of"]
    else:
        found, fold_of = held_out(items, args.by, args.folds, off)
        if args.cache:
            args.cache.write_text(json.dumps({"found": found, "fold_of": fold_of}))
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    per_fold: dict[str, Counter[int]] = defaultdict(Counter)
    right = {k: [Score() for _ in range(args.folds)] for k in ("date", "attr", "place")}
    for item in items:
        report = EvalReport(fields={name: Score() for name in FIELDS})
        score_document(report, item.golds, found[item.id], item.negatives)
        text = item.article.text
        pub = item.article.published
        day = date.fromisoformat(str(pub)[:10]) if pub else None
        fold = fold_of[item.id]
        for gold, got in report.pairs:
            checks = [
                ("date", _day(gold) == _day(got)),
                ("attr", attribution_agrees(gold, got)),
            ]
            if gold.get("place"):
                checks.append(("place", _place_right(gold, got)))
            for field, ok in checks:
                right[field][fold].pairs += 1
                right[field][fold].agreed += ok
                if ok:
                    continue
                if field == "date":
                    cls = date_class(gold, got, found[item.id], text, day)
                elif field == "attr":
                    cls = attribution_class(gold, got, text)
                else:
                    cls = place_class(gold, got, text)
                path = "learned" if got.get("learned") else "rule"
                classes[field][f"{cls} [{path}]"] += 1
                per_fold[cls][fold] += 1
                wanted = args.type in (None, gold["type"])
                if args.show and wanted and (args.cls is None or cls.startswith(args.cls)):
                    _show(cls, path, item.id, gold, got, text)
    for field, scores in right.items():
        agreed, pairs = sum(s.agreed for s in scores), sum(s.pairs for s in scores)
        folds = "  ".join(f"{s.agreed}/{s.pairs}" for s in scores)
        print(f"{field}: {agreed}/{pairs} right ({agreed / max(pairs, 1):.1%}); by fold {folds}")
        for cls, n in classes[field].most_common():
            name = cls.split(" [")[0]
            by = "/".join(str(per_fold[name][f]) for f in range(args.folds))
            print(f"    {cls:40} {n:4}   (class by fold {by})")


def _show(
    cls: str, path: str, doc: str, gold: dict[str, Any], got: dict[str, Any], text: str
) -> None:
    gs, cs = gold.get("source") or {}, got.get("source") or {}
    s = got.get("sentence_span") or got.get("span") or (0, 0)
    print(f"[{cls}] [{path}] {doc} {gold['id']} {gold['type']} {gold.get('modality')}")
    print(f"    date gold={_day(gold)} got={_day(got)} ({got.get('date_precision')})")
    print(
        f"    speaker gold={gs.get('speaker')!r}/{bool(gs.get('anonymous'))}/{gs.get('via')!r}"
        f" got={cs.get('speaker')!r}/{bool(cs.get('anonymous'))}/{cs.get('via')!r}"
    )
    print(
        f"    place gold={(gold.get('place') or {}).get('name')!r}/{gold.get('location')!r}"
        f" got={(got.get('place') or {}).get('name')!r}/{got.get('location')!r}"
    )
    print("    before: ..." + " ".join(text[max(0, s[0] - 300) : s[0]].split())[-240:])
    print("    " + " ".join(text[s[0] : s[1]].split())[:400])


if __name__ == "__main__":
    main()

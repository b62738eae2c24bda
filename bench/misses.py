"""Error analysis of the extractor's misses on the real DEV split: gold events no candidate matched.

    PYTHONPATH=src:. .venv/bin/python bench/misses.py eval/real [--type meeting] [--show]

Scores the dev reports (it reads no other split's annotations) and sorts every missed gold
event into a class, read off the gold event and the candidates around it:

- `wrong_type:T`: a candidate of another type T overlaps the gold's span (a confusion);
- `merged_away`: a candidate of the gold's type lists a mention overlapping the gold's span,
  but its own span (the one scored) is another mention;
- `same_type_near`: a candidate of the gold's type lies within 300 characters (it matched
  another gold event, or its span missed this one's);
- `no_cue`: the gold's evidence holds none of the prefilter words of its kind
  (`triggers.PREFILTER_WORDS`): the trigger table cannot see it;
- `cued`: a trigger word is there, but no rule made a candidate of it.

With `--held-out` (and `--cache FILE`, outside the repository) the candidates are those `cv --by
conflict` scores: the learned path's model fitted per fold without the report's conflict.

With `--show`, each miss is printed with its evidence (dev text: printed to the terminal, never
written to the repository). The classes are a first sort for a reader: what a rule should do
comes from reading the sentences.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from typing import Any

from dev_split import held_out_dev, run, scored_dev

from truce.extract.evaluate import Score
from truce.extract.evaluate_real import _jsonl
from truce.extract.triggers import kinds_cued

NEAR = 300  # characters around a gold span where a candidate of its type counts as near


def classify(gold: dict[str, Any], found: list[dict[str, Any]], text: str) -> str:
    a, b = gold["span"]
    for c in found:
        s = c.get("span") or (0, 0)
        if c["type"] != gold["type"] and s[0] < b and a < s[1]:
            return "wrong_type:" + c["type"]
    for c in found:
        if c["type"] == gold["type"] and any(
            m[0] < b and a < m[1] for m in c.get("mentions") or ()
        ):
            return "merged_away"
    for c in found:
        s = c.get("span") or (0, 0)
        if c["type"] == gold["type"] and s[0] < b + NEAR and a - NEAR < s[1]:
            return "same_type_near"
    if gold["type"] not in kinds_cued(text[a:b].lower()):
        return "no_cue"
    return "cued"


def main(argv: list[str] | None = None) -> None:
    run(__doc__, "misses", argv, _run)


def _run(args: argparse.Namespace) -> None:
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    totals: dict[str, Score] = {}
    source = (
        held_out_dev(args.folder, totals, args.cache)
        if args.held_out
        else scored_dev(args.folder, totals)
    )
    for real, found, report in source:
        text = real.text or ""
        missed = set(report.missed)
        golds = _jsonl(args.folder / "annotations" / f"{real.id}.jsonl")
        for gold in (g for g in golds if g["id"] in missed):
            cls = classify(gold, found, text)
            classes[gold["type"]][cls] += 1
            wanted = args.type in (None, gold["type"])
            if args.show and wanted and (args.cls is None or cls.startswith(args.cls)):
                src = (gold.get("source") or {}).get("speaker")
                print(
                    f"[{cls}] {gold['id']} {gold['type']} {gold.get('modality')} "
                    f"actor={gold.get('actor')} speaker={src}"
                )
                print("    " + " ".join(str(gold.get("evidence", "")).split())[:400])
    print(f"{'type':22} {'tp':>4} {'fp':>4} {'fn':>4} {'R':>6} {'F1':>6}  classes of misses")
    for kind, s in sorted(totals.items()):
        cls = ", ".join(f"{k} {v}" for k, v in classes[kind].most_common())
        print(f"{kind:22} {s.tp:4} {s.fp:4} {s.fn:4} {s.recall:6.3f} {s.f1:6.3f}  {cls}")


if __name__ == "__main__":
    main()

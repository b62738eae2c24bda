"""Error analysis of the extractor's false positives on the real DEV split, by type and cause.

    PYTHONPATH=src:. .venv/bin/python bench/fp_classes.py eval/real [--type statement] [--show]

Scores the dev reports (it reads no other split) and sorts every false
candidate into a class of cause, read off the candidate and its sentence:

- `duplicate`: another candidate of the same type in the report matched a gold event and
  shares its counts or its sentence's words (a retelling: headline, lead, body);
- `negative`: it overlaps a span of eval/real/negatives (a span that must yield no event);
- `wrong_type:T`: it overlaps a gold event of another type T (a confusion: a false candidate
  and a missed event);
- `not_occurred`: its modality is planned, conditional, denied or hoped;
- `background`: its sentence names a year before the report's (history, "the 2023 truce");
- `off_topic`: a statement whose sentence names no truce, deal, talks, captives or attack;
- `other`.

With `--show`, each false candidate is printed with its sentence (dev text: printed to the
terminal, never written to the repository). The classes are a first sort for a reader, not a
verdict: what a rule should do comes from reading the sentences.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from typing import Any

from dev_split import run, scored_dev

from truce.extract.evaluate import EvalReport
from truce.extract.evaluate_real import _jsonl

TOPIC = re.compile(
    r"truce|cease-?fire|armistice|agree|deal|accord|talks|negotiat|hostage|prisoner|captive|"
    r"detainee|releas|exchange|swap|violat|breach|attack|strike|shell|fire|kill|aid|"
    r"humanitarian|withdraw|pause|halt|peace|mediat",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def classify(
    fp: dict[str, Any],
    found: list[dict[str, Any]],
    matched: set[int],
    text: str,
    year: int | None,
    negative: bool,
    golds: list[dict[str, Any]],
) -> str:
    if negative:
        return "negative"
    span = fp.get("span") or (0, 0)
    for g in golds:
        a, b = g["span"]
        if g["type"] != fp["type"] and a < span[1] and span[0] < b:
            return "wrong_type:" + g["type"]
    sentence = text[span[0] : span[1]]
    for i, other in enumerate(found):
        if i in matched and other["type"] == fp["type"]:
            same_qty = fp.get("quantities") and fp["quantities"] == other.get("quantities")
            o = other.get("span") or (0, 0)
            shared = _words(sentence) & _words(text[o[0] : o[1]])
            if same_qty or len(shared) >= max(4, len(_words(sentence)) // 2):
                return "duplicate"
    if fp.get("modality") not in (None, "occurred"):
        return "not_occurred"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if year and years and max(years) < year:
        return "background"
    if fp["type"] == "statement" and not TOPIC.search(sentence):
        return "off_topic"
    return "other"


def main(argv: list[str] | None = None) -> None:
    run(__doc__, "false candidates", argv, _run)


def _run(args: argparse.Namespace) -> None:
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    totals = EvalReport(fields={})
    for real, found, report in scored_dev(args.folder, totals.events):
        text = real.text or ""
        golds = _jsonl(args.folder / "annotations" / f"{real.id}.jsonl")
        matched = {i for i, c in enumerate(found) if any(c is p[1] for p in report.pairs)}
        hits = {tuple(h["span"] or ()) for h in report.negative_hits}
        published = str(real.meta.get("published") or "")[:4]
        year = int(published) if published.isdigit() else None
        for fp in report.false_positives:
            cand = next(
                c
                for c in found
                if c["type"] == fp["type"] and tuple(c.get("span") or ()) == tuple(fp["span"] or ())
            )
            cls = classify(cand, found, matched, text, year, tuple(fp["span"] or ()) in hits, golds)
            classes[fp["type"]][cls] += 1
            if args.show and (args.type in (None, fp["type"])) and args.cls in (None, cls):
                a, b = fp["span"] or (0, 0)
                src = (cand.get("source") or {}).get("speaker")
                print(
                    f"[{cls}] {real.id} {fp['type']} {cand.get('modality')} "
                    f"actor={cand.get('actor')} speaker={src}"
                )
                print("    " + " ".join(text[a:b].split())[:400])
    print(f"{'type':22} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}  classes")
    for kind, s in sorted(totals.events.items()):
        cls = ", ".join(f"{k} {v}" for k, v in classes[kind].most_common())
        print(
            f"{kind:22} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:6.3f} {s.recall:6.3f} "
            f"{s.f1:6.3f}  {cls}"
        )
    overall = totals.overall
    print(
        f"{'all':22} {overall.tp:4} {overall.fp:4} {overall.fn:4} {overall.precision:6.3f} "
        f"{overall.recall:6.3f} {overall.f1:6.3f}"
    )


if __name__ == "__main__":
    main()

"""Which day the gold gives the matched events the extractor leaves undated, on the real DEV split
held out by conflict, split by condition.

    PYTHONPATH=src:bench:. .venv/bin/python bench/field_misses_cv.py eval/real --cache /tmp/x.json
    PYTHONPATH=src:bench:. .venv/bin/python bench/undated_days.py eval/real --cache /tmp/x.json
        [--by genre,type,modality,tense,dateline,pubtime,lead,dayword] [--where tense=past]
        [--show]

Reads the held-out candidates `bench/field_misses_cv.py --cache` keeps (dev only). For each matched
pair whose candidate has no date, in a report with a publication day, the gold's day is sorted
into `null` (undated), `pub` (the publication day), `pub-1` (the day before), `other`; the counts
are split by one condition at a time:

- `genre`: the meta's genre (wire, live_blog, state_media, aggregator, repost, ...);
- `type`, `modality`: the candidate's;
- `tense`: of the candidate's own words, read by `tense_of` (no tagger: a few patterns);
- `dateline`: whether the text opens a paragraph with a dateline ("GAZA, Nov 24 (Reuters) -");
- `pubtime`: whether the meta's `published` carries a time;
- `lead`: whether the sentence starts in the first 600 characters of the text;
- `dayword`: whether the sentence names a day (a weekday, "today", a month);
- `path`: rule or learned candidate.

`--where key=value[,key=value]` keeps only the pairs with those conditions (to cross two);
`--show` prints each kept pair with its sentence (dev text: printed, never written).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from field_misses import _DAY_WORDS

from truce.extract.cv import load_items
from truce.extract.evaluate import FIELDS, EvalReport, Score, score_document
from truce.extract.evaluate_real import _day

_FUTURE = re.compile(
    r"\b(?:will|would|shall|to\s+be|set\s+to|scheduled|expected|plans?\s+to|is\s+to|are\s+to|"
    r"going\s+to)\b",
    re.IGNORECASE,
)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:been\s+)?\w+", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:has|have|'s|’s)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|t|d)\b", re.I)
_PRESENT = re.compile(
    r"\b(?:says|say|is|are|remains?|continues?|accuses|calls|urges|announces|agrees|holds?|"
    r"warns|insists|demands|seeks|wants|hopes|denies|rejects|welcomes|plans)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:\w+ed|said|told|met|held|took|began|gave|sent|made|brought|struck|hit|shot|"
    r"fought|broke|agreed|was|were|came|went|left|freed|won|killed)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"(?m)^\s*(?:[A-Z][A-Z.'’ -]{2,}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?(?:,?\s*\d{4})?)?\s*(?:\([\w .-]+\))?\s*[-–—:]\s"
)


def tense_of(words: str) -> str:
    """`future`, `past_perfect`, `perfect`, `present`, `past` or `none`, the first that fits."""
    for name, pattern in (
        ("future", _FUTURE),
        ("past_perfect", _PAST_PERFECT),
        ("perfect", _PERFECT),
        ("present", _PRESENT),
        ("past", _PAST),
    ):
        if pattern.search(words):
            return name
    return "none"


def gold_day(gold: dict[str, Any], published: date) -> str:
    g = _day(gold)
    if g is None:
        return "null"
    d = date.fromisoformat(g)
    if d == published:
        return "pub"
    if d == published - timedelta(days=1):
        return "pub-1"
    return "other"


def conditions(
    item: Any, meta: dict[str, Any], got: dict[str, Any], text: str, days: Counter[str]
) -> dict[str, str]:
    s = got.get("sentence_span") or got.get("span")
    sentence = text[s[0] : s[1]]
    own = text[got["span"][0] : got["span"][1]]
    lowered = " " + sentence.lower()
    return {
        "genre": meta.get("genre") or "?",
        "type": got["type"],
        "modality": got.get("modality") or "?",
        "tense": tense_of(own),
        "tense_sentence": tense_of(sentence),
        "dateline": "yes" if _DATELINE.search(text[:1500]) else "no",
        "pubtime": "yes" if "T" in str(meta.get("published") or "") else "no",
        "lead": "yes" if s[0] < 600 else "no",
        "dayword": "yes" if any(w in lowered for w in _DAY_WORDS) else "no",
        "path": "learned" if got.get("learned") else "rule",
        "quoted": "yes" if re.search(r"[\"“”]", sentence) else "no",
        "storypub": "yes"
        if days and days.most_common(1)[0][0] == str(item.article.published)[:10]
        else ("none" if not days else "no"),
        "speaker": "yes" if (got.get("source") or {}).get("speaker") else "no",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--by", default="genre,type,modality,tense,dateline,pubtime,lead,dayword")
    parser.add_argument("--where", default="")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    where = dict(kv.split("=", 1) for kv in args.where.split(",") if kv)
    cached = json.loads(args.cache.read_text())
    found, fold_of = cached["found"], cached["fold_of"]
    items = load_items(args.folder, "dev")
    tables: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    total: Counter[str] = Counter()
    for item in items:
        if item.id not in found or item.article.published is None:
            continue
        meta = json.loads((args.folder / "reports" / f"{item.id}.meta.json").read_text())
        report = EvalReport(fields={name: Score() for name in FIELDS})
        score_document(report, item.golds, found[item.id], item.negatives)
        text = item.article.text
        pub = date.fromisoformat(str(item.article.published)[:10])
        days = Counter(c["date"][:10] for c in found[item.id] if c.get("date"))
        for gold, got in report.pairs:
            if got.get("date") is not None:
                continue
            cond = conditions(item, meta, got, text, days)
            cond["fold"] = str(fold_of[item.id])
            if any(cond.get(k) != v for k, v in where.items()):
                continue
            day = gold_day(gold, pub)
            total[day] += 1
            for key in args.by.split(","):
                tables[key][cond[key]][day] += 1
            if args.show:
                s = got.get("sentence_span") or got["span"]
                print(
                    f"[{day}] {item.id} {gold['id']} {got['type']} {got.get('modality')} "
                    f"{cond['tense']} gold={_day(gold)} pub={pub}"
                )
                print("    " + " ".join(text[s[0] : s[1]].split())[:300])
    cols = ("null", "pub", "pub-1", "other")
    print("all: " + "  ".join(f"{c} {total[c]}" for c in cols))
    for key in args.by.split(","):
        print(f"\n{key:14} " + " ".join(f"{c:>6}" for c in cols) + "   pub/(pub+null)")
        for value, counts in sorted(tables[key].items(), key=lambda kv: -sum(kv[1].values())):
            share = counts["pub"] / max(counts["pub"] + counts["null"], 1)
            print(f"  {value:12} " + " ".join(f"{counts[c]:6}" for c in cols) + f"   {share:.2f}")


if __name__ == "__main__":
    main()

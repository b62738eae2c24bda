"""Whether this tree's extraction gives the same candidates as an earlier tree, document by
document: the check a speed-up must pass (its output unchanged).

Run:
    git archive COMMIT src | tar -x -C /tmp/base
    .venv/bin/python bench/extract_same.py --base /tmp/base/src [--articles 1000] [--show 3]

Both trees run side by side in one process (the earlier one copied under another package name,
as `bench/extract_ab.py` does) over four sets: the synthetic gold reports (eval/gold, with their
meta), the speed bench's generated articles, every real report whose text is present in
eval/real/texts (outputs only: nothing is scored and no annotation is read) and hostile inputs
(a megabyte of report, a text with no sentence end, ten thousand numbers). Each candidate is
compared as `json.dumps(candidate.as_dict(), sort_keys=True)`. Prints, per set, how many
documents were compared and how many differ (and the first few that do); exits 1 if any does.
`--off RULE` switches a rule off in this tree only: a check that the comparison sees a change.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract import DOCUMENTS, corpus  # noqa: E402
from extract_ab import load_base  # noqa: E402

from truce.extract.evaluate import gold_article  # noqa: E402
from truce.extract.evaluate_real import _article, load_real_set  # noqa: E402
from truce.extract.model import Article  # noqa: E402
from truce.extract.pipeline import build_pipeline, extract  # noqa: E402
from truce.extract.switches import switched_off  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = date(2023, 11, 28)
# (document name, text, published, title)
Doc = tuple[str, str, date | None, str | None]


def gold_docs() -> Iterator[Doc]:
    for path in sorted(DOCUMENTS.glob("*.txt")):
        a = gold_article(DOCUMENTS.parent, path.name, path.read_text(encoding="utf-8"))
        yield a.document, a.text, a.published, a.title


def bench_docs(n: int) -> Iterator[Doc]:
    for i, text in enumerate(corpus(n, 500)):
        yield f"bench-{i}", text, PUBLISHED, None


def real_docs() -> Iterator[Doc]:
    folder = ROOT / "eval" / "real"
    if not (folder / "texts").is_dir():
        return
    for report in load_real_set(folder):
        if report.text is None:
            continue
        a = _article(report)  # meta and text only; annotations are never opened here
        yield a.document, a.text, a.published, a.title


def hostile_docs() -> Iterator[Doc]:
    rng = random.Random(7)
    reports = [p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.glob("*.txt"))]
    big: list[str] = []
    while sum(map(len, big)) < 1_000_000:
        big.append(rng.choice(reports))
    # Just under spaCy's default `max_length` (1,000,000 characters), which both trees keep.
    yield "megabyte", "\n\n".join(big)[:999_000], PUBLISHED, None
    words = " ".join(reports).replace(".", " ").replace("!", " ").replace("?", " ").split()
    yield "no-sentence-end", " ".join(words[:20_000]), PUBLISHED, None
    numbers = " ".join(str(rng.randint(0, 10**6)) for _ in range(10_000))
    yield "ten-thousand-numbers", numbers, PUBLISHED, None
    told = " ".join(
        f"At least {rng.randint(1, 900)} hostages were released on {rng.randint(1, 28)} November."
        for _ in range(2_000)
    )
    yield "two-thousand-releases", told, PUBLISHED, None


def outputs(nlp: Any, make: Callable[..., Any], run: Callable[..., Any], doc: Doc) -> list[str]:
    name, text, published, title = doc
    article = make(text=text, document=name, published=published, title=title)
    return [json.dumps(c.as_dict(), sort_keys=True) for c in run(nlp, article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the earlier tree's src/")
    parser.add_argument("--articles", type=int, default=1000, help="generated bench articles")
    parser.add_argument("--show", type=int, default=3, help="differing documents to print")
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--off", action="append", default=[], help="a rule off in this tree")
    args = parser.parse_args()
    build_base, base_article = load_base(args.base)
    from truce_base.extract.pipeline import extract as base_extract  # type: ignore[import-not-found]

    base, this = build_base(), build_pipeline()
    sets: dict[str, Iterator[Doc]] = {
        "gold": gold_docs(),
        "bench": bench_docs(args.articles),
        "real": real_docs(),
    }
    if not args.skip_hostile:
        sets["hostile"] = hostile_docs()
    report: dict[str, Any] = {}
    differing = 0
    for label, docs in sets.items():
        compared, differ, candidates = 0, 0, 0
        shown: list[dict[str, Any]] = []
        for doc in docs:
            before = outputs(base, base_article, base_extract, doc)
            with switched_off(args.off):
                after = outputs(this, Article, extract, doc)
            compared += 1
            candidates += len(after)
            if before != after:
                differ += 1
                if len(shown) < args.show:
                    shown.append({"document": doc[0], "base": len(before), "this": len(after)})
        report[label] = {"documents": compared, "candidates": candidates, "differ": differ}
        if shown:
            report[label]["first_differing"] = shown
        differing += differ
    report["differing_documents"] = differing
    json.dump(report, sys.stdout, indent=2)
    print()
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()

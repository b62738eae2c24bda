"""Extraction speed: this pipeline beside spaCy's bare tokenizer and, if installed, its small
English model's NER, on the same texts in one run.

Run:  .venv/bin/python bench/extract.py [--articles 1000] [--words 500]

Texts are built (seeded) by recombining sentences of the gold reports in eval/gold/documents
into articles of about --words words. Rates are articles per second on one core (one process);
ratios to the bare tokenizer are what travel between machines.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

import spacy

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "eval" / "gold" / "documents"


def corpus(n: int, words: int, seed: int = 11) -> list[str]:
    sentences: list[str] = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        sentences += [s for s in re.split(r"(?<=[.!?”])\s+", path.read_text()) if len(s) > 40]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        chosen: list[str] = []
        while sum(len(s.split()) for s in chosen) < words:
            chosen.append(rng.choice(sentences))
        texts.append(" ".join(chosen))
    return texts


def rate(label: str, texts: list[str], fn) -> dict:  # type: ignore[no-untyped-def]
    fn(texts[0])  # warm up caches and lazy imports
    start = time.perf_counter()
    for text in texts:
        fn(text)
    seconds = time.perf_counter() - start
    return {
        "path": label,
        "articles": len(texts),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args()
    texts = corpus(args.articles, args.words)
    blank = spacy.blank("en")
    nlp = build_pipeline()
    published = date(2023, 11, 28)
    rows = [
        rate("spaCy bare tokenizer", texts, blank.make_doc),
        rate(
            "truce rule pipeline",
            texts,
            lambda t: extract(nlp, Article(text=t, document="bench", published=published)),
        ),
    ]
    try:
        small = spacy.load("en_core_web_sm", exclude=["lemmatizer"])
    except OSError:
        rows.append(
            {
                "path": "spaCy en_core_web_sm NER",
                "articles_per_s": None,
                "note": "model not installed (it is never downloaded at run time)",
            }
        )
    else:
        rows.append(rate("spaCy en_core_web_sm NER", texts, small))
    floor = rows[0]["articles_per_s"]
    for row in rows:
        if row.get("articles_per_s"):
            row["vs_tokenizer"] = round(row["articles_per_s"] / floor, 3)
    json.dump(rows, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()

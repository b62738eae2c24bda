"""Extraction speed of this tree beside an earlier one, interleaved in one process.

Run:
    git archive COMMIT src | tar -x -C /tmp/base
    .venv/bin/python bench/extract_ab.py --base /tmp/base/src [--articles 1000] [--rounds 3]
        [--clock wall|cpu] [--real-dev]

On a shared machine two runs minutes apart can differ by half; here the two pipelines (and
spaCy's bare tokenizer) take turns on chunks of the same texts, so a burst of load hits all of
them alike and the ratios hold. The trees take turns going first; `--clock cpu` times each
side by process time, which leaves out the time the scheduler gave to other processes. The
earlier tree is copied under another package name (`truce_base`, its components renamed to
match) so both load side by side. Prints articles per second on one core for each, per
component milliseconds, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract import corpus  # noqa: E402

from truce.extract.model import Article  # noqa: E402
from truce.extract.pipeline import build_pipeline  # noqa: E402

_CHUNK = 25
# Wall time by default; `--clock cpu` counts only the time this process ran, which leaves out
# the time the scheduler gave the other engineers' processes (not the cache they share).
clock: Callable[[], float] = time.perf_counter


def load_base(src: Path) -> tuple[Any, Any]:
    """The earlier tree's `build_pipeline` and `Article`, imported as package `truce_base`."""
    target = Path(tempfile.mkdtemp(prefix="truce-base-")) / "truce_base"
    shutil.copytree(src / "truce", target)
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\btruce\.(?=[a-z])", "truce_base.", text)
        text = re.sub(r"^from truce import", "from truce_base import", text, flags=re.M)
        text = re.sub(r"\"truce_(\w+_v\d+)\"", r'"base_truce_\1"', text)
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(target.parent))
    from truce_base.extract.model import Article as BaseArticle  # type: ignore[import-not-found]
    from truce_base.extract.pipeline import (  # type: ignore[import-not-found]
        build_pipeline as build_base,
    )

    return build_base, BaseArticle


def real_dev_texts() -> list[str]:
    """The texts of the dev split's real reports that are present (eval/real/texts)."""
    folder = Path(__file__).resolve().parents[1] / "eval" / "real"
    texts = []
    for meta in sorted((folder / "reports").glob("*.meta.json")):
        if json.loads(meta.read_text(encoding="utf-8")).get("split") != "dev":
            continue
        path = folder / "texts" / meta.name.replace(".meta.json", ".txt")
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def timed_run(
    nlp: Any, make: Callable[[str], Any], texts: list[str], times: dict[str, float]
) -> None:
    for text in texts:
        start = clock()
        doc = nlp.make_doc(text)
        doc._.article = make(text)
        times["tokenizer (make_doc)"] = times.get("tokenizer (make_doc)", 0) + (clock() - start)
        for name, component in nlp.pipeline:
            start = clock()
            doc = component(doc)
            key = name.removeprefix("base_")
            times[key] = times.get(key, 0.0) + clock() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the earlier tree's src/")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    parser.add_argument(
        "--real-dev",
        action="store_true",
        help="time the dev split's real reports (eval/real, texts present) instead of the "
        "generated articles; nothing is scored and no output is read",
    )
    args = parser.parse_args()
    global clock
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    texts = real_dev_texts() if args.real_dev else corpus(args.articles, 500)
    published = date(2023, 11, 28)
    build_base, BaseArticle = load_base(args.base)
    blank = spacy.blank("en")
    sides: dict[str, tuple[Any, Callable[[str], Any]]] = {
        "base": (build_base(), lambda t: BaseArticle(text=t, document="b", published=published)),
        "this": (build_pipeline(), lambda t: Article(text=t, document="b", published=published)),
    }
    for nlp, make in sides.values():
        timed_run(nlp, make, texts[:1], {})  # warm up
    times: dict[str, dict[str, float]] = {"base": {}, "this": {}}
    tokenizer = 0.0
    order = list(sides)
    for _ in range(args.rounds):
        for at in range(0, len(texts), _CHUNK):
            chunk = texts[at : at + _CHUNK]
            start = clock()
            for text in chunk:
                blank.make_doc(text)
            tokenizer += clock() - start
            order.reverse()  # each tree goes first every other chunk
            for side in order:
                nlp, make = sides[side]
                timed_run(nlp, make, chunk, times[side])
    runs = len(texts) * args.rounds
    rates = {side: runs / sum(t.values()) for side, t in times.items()}
    floor = runs / tokenizer
    report = {
        "articles": len(texts),
        "rounds": args.rounds,
        "clock": args.clock,
        "articles_per_s": {
            "spaCy bare tokenizer": round(floor, 1),
            **{side: round(rate, 1) for side, rate in rates.items()},
        },
        "vs_tokenizer": {side: round(rate / floor, 4) for side, rate in rates.items()},
        "this_vs_base": round(rates["this"] / rates["base"], 3),
        "ms_per_article": {
            name: {side: round(times[side].get(name, 0.0) / runs * 1000, 3) for side in times}
            for name in dict.fromkeys([*times["base"], *times["this"]])
        },
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()

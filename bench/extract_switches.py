"""What named extraction rules cost: the same tree with the rules on and switched off, by
turns on the same articles, CPU time per article (after one warm-up pass).

    PYTHONPATH=src python bench/extract_switches.py --rules span.own,place.own_clause

Both sides run in one process on the same texts, in alternating order each round, so load from
other work on the machine falls on both alike.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import corpus  # noqa: E402

from truce.extract.model import Article  # noqa: E402
from truce.extract.pipeline import build_pipeline, extract  # noqa: E402
from truce.extract.switches import switched_off  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", required=True, help="comma-separated rule names")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    rules = [r for r in args.rules.split(",") if r]
    nlp = build_pipeline()
    published = date(2023, 11, 25)
    docs = [
        Article(text=t, document=f"a{n}", published=published)
        for n, t in enumerate(corpus(args.articles, 500))
    ]
    for article in docs:  # warm-up: caches and lazy tables
        extract(nlp, article)
    spent = {"on": 0.0, "off": 0.0}
    for n in range(args.rounds):
        for side in ("on", "off") if n % 2 == 0 else ("off", "on"):
            start = time.process_time()
            with switched_off(rules if side == "off" else []):
                for article in docs:
                    extract(nlp, article)
            spent[side] += time.process_time() - start
    runs = args.rounds * len(docs)
    print(
        json.dumps(
            {
                "rules": rules,
                "articles": args.articles,
                "rounds": args.rounds,
                "ms_per_article": {k: round(v / runs * 1000, 3) for k, v in spent.items()},
                "on_vs_off_speed": round(spent["off"] / spent["on"], 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

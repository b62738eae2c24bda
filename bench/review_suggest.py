"""Review suggestions at scale: the recorded events a queued candidate may belong to, and the
review page's data (a page of candidates, each with its suggestions), on a SQLite ledger of N
synthetic claims (bench/synthetic.py: 7 days, so N claims are denser per day than any real
record), with the indexes of migration 0010 and without them (the agreement/type/date index of
0007 only), side by side.

    PYTHONPATH=src python bench/review_suggest.py --size 200000 --db /tmp/truce-review-200k.db

The ledger is built once and reused (about a minute for 200k); the indexes are dropped for the
"without" rows and put back at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).parent))

SPEC = Path(__file__).resolve().parents[1] / "examples" / "agreements" / "gaza-2023-11.yaml"
DOCUMENT = {"hash": "f" * 64, "name": "bench.txt", "url": None, "outlet": "Bench",
            "published": "2023-11-27"}  # fmt: skip
# Candidates as extraction queues them: a crowded figure, a rare one, none, another actor...
CANDIDATES = [
    {"type": "release", "actor": "hamas", "quantities": [{"value": 2, "unit": "hostages"}]},
    {"type": "release", "actor": "hamas", "quantities": [{"value": 13, "unit": "hostages"}]},
    {"type": "release", "actor": "hamas", "quantities": [{"value": 500, "unit": "hostages"}]},
    {"type": "release", "actor": "israel", "quantities": [{"value": 3, "unit": "prisoners"}]},
    {"type": "release", "actor": None, "quantities": [{"value": 3, "unit": "hostages"}]},
    {"type": "breach", "actor": "hamas", "quantities": []},
    {"type": "release", "actor": "nobody", "quantities": [{"value": 5, "unit": "hostages"}]},
    {"type": "aid_delivery", "actor": "israel", "quantities": [{"value": 9, "unit": "trucks"}]},
]
INDEXES = {
    "ix_claims_lookalike": "claims (agreement, type, actor, quantity, date)",
    "ix_claims_event_id": "claims (event_id)",
}


def build(db: str, size: int) -> None:
    import synthetic

    from truce.spec_yaml import load_spec_file
    from truce.storage.ledger import Ledger

    spec, spec_text = load_spec_file(SPEC)
    ledger = Ledger.init(db)
    ledger.add_agreement(spec, spec_text, "bench")
    chunk: list[Any] = []
    for claim in synthetic.claims(size):
        chunk.append(claim)
        if len(chunk) == 10_000:
            ledger.append_claims(chunk, "bench")
            chunk = []
    if chunk:
        ledger.append_claims(chunk, "bench")
    ledger.close()


def timed(call: Callable[[], Any], rounds: int) -> tuple[float, float]:
    """Median and worst wall time of `call`, in milliseconds, after one warm-up call."""
    call()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def measure(ledger: Any, ids: list[str], rounds: int) -> dict[str, tuple[float, float]]:
    from truce.server.views import review_view
    from truce.services.review_suggestions import suggested_for
    from truce.storage.suggest import event_agreements

    out = {}
    for candidate, shape in zip(ids, CANDIDATES, strict=True):
        figure = (shape["quantities"] or [{}])[0].get("value")
        label = f"suggestions: {shape['type']} by {shape['actor']}, figure {figure}"
        out[label] = timed(lambda c=candidate: suggested_for(ledger, c), rounds)
    out["event id of another agreement? (one lookup)"] = timed(
        lambda: event_agreements(ledger.engine, "e123456"), rounds
    )
    out[f"review page data: {len(ids)} candidates with suggestions"] = timed(
        lambda: review_view(ledger, "gaza-2023-11", "pending"), max(3, rounds // 4)
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--db", default="/tmp/truce-review-200k.db")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from truce.storage.ledger import Ledger
    from truce.storage.review_rows import ReviewQueue
    from truce.storage.tables import claims

    if not Path(args.db).exists():
        start = time.perf_counter()
        build(args.db, args.size)
        print(f"built {args.size:,} claims in {time.perf_counter() - start:.0f} s")
    ledger = Ledger.open(args.db)
    try:
        with ledger.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(claims)).scalar()
        queue = ReviewQueue(ledger.engine)
        found = [{**c, "date": "2023-11-27", "event_id": f"bench-{n}"}
                 for n, c in enumerate(CANDIDATES)]  # fmt: skip
        ids = queue.add_document(DOCUMENT, "gaza-2023-11", found, "bench")
        if ids is None:  # queued by an earlier run
            ids = [q.id for q in queue.list("gaza-2023-11", "pending")][: len(CANDIDATES)]
        with_ix = measure(ledger, ids, args.rounds)
        with ledger.engine.begin() as conn:
            for name in INDEXES:
                conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
        try:
            without = measure(ledger, ids, max(3, args.rounds // 4))
        finally:
            with ledger.engine.begin() as conn:
                for name, on in INDEXES.items():
                    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {on}"))
    finally:
        ledger.close()
    print(f"{count:,} claims (SQLite, {args.db}); median / worst ms")
    print(f"| {'query':<58} | with 0010 indexes | without (0007 only) | ratio |")
    print(f"|{'-' * 60}|------------------:|--------------------:|------:|")
    for label, (median, worst) in with_ix.items():
        before, before_worst = without[label]
        print(
            f"| {label:<58} | {median:7.1f} / {worst:7.1f} | {before:8.1f} / {before_worst:8.1f} "
            f"| {before / median:5.0f}x |"
        )


if __name__ == "__main__":
    main()

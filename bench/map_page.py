"""Map benchmark: the map's data and drawing on a long record, computed afresh beside the copy
kept per head of the chain, beside the head read every request pays (the floor).

Run:  .venv/bin/python bench/map_page.py [--claims 20000] [--repeat 5]

A SQLite ledger with the bundled example and `--claims` synthetic claims (`bench/synthetic.py`),
each event placed: a third typed as a location the gazetteer looks up, a third with recorded
coordinates (`extra.place`), a third with none. Timed, best of `--repeat`, in this process:
- head: the one indexed query a cached read still makes;
- cold: `map_view` with an empty cache (claims read, events reduced, places found, SVG drawn);
- warm: `map_view` again at the same head (cut at the instant, filtered, SVG drawn);
- warm, filtered: the same with a party and type filter.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import claims as synthetic_claims  # noqa: E402

from truce import services  # noqa: E402
from truce.domain.claim_input import with_content_id  # noqa: E402
from truce.server.cache import HeadCache  # noqa: E402
from truce.server.map_pages import map_view  # noqa: E402
from truce.server.mapdata import Filters  # noqa: E402
from truce.storage.ledger import Ledger  # noqa: E402

TYPED = ("Khan Younis", "Rafah", "Gaza City", "Deir al-Balah", "Jabalia", "Beit Hanoun")
RECORDED = [(31.3402, 34.3063), (31.2969, 34.2435), (31.5017, 34.4668), (31.4181, 34.3517)]
AT = "2023-11-30T12:00"


def placed_record(n: int) -> list[Any]:
    out = []
    for i, claim in enumerate(synthetic_claims(n)):
        slot = int((claim.event_id or "e0")[1:]) % 3
        if slot == 0:
            claim = replace(claim, location=TYPED[i % len(TYPED)])
        elif slot == 1:
            lat, lon = RECORDED[i % len(RECORDED)]
            claim = replace(claim, extra={"place": {"name": "recorded", "lat": lat, "lon": lon}})
        out.append(with_content_id(replace(claim, id="")))
    return out


def best(repeat: int, run: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger.init(str(Path(tmp) / "map.db"))
        services.load_bundled_example(ledger, "bench")
        ledger.append_claims(placed_record(args.claims), "bench")
        cache = HeadCache(ledger)
        none, narrow = Filters(), Filters.read("hamas", "release", None, None)
        data = map_view(ledger, cache, "gaza-2023-11", AT, none)  # the gazetteer loaded once

        def cold() -> Any:
            return map_view(ledger, HeadCache(ledger), "gaza-2023-11", AT, none)

        rows = [
            ("head read (floor)", best(args.repeat, cache.head_seq)),
            ("cold: read, reduce, place, draw", best(max(1, args.repeat // 2), cold)),
            ("warm: cut, filter, draw", best(args.repeat, lambda: map_view(
                ledger, cache, "gaza-2023-11", AT, none))),
            ("warm, party and type filter", best(args.repeat, lambda: map_view(
                ledger, cache, "gaza-2023-11", AT, narrow))),
        ]  # fmt: skip
        floor = rows[0][1]
        drawn, svg = len(data["points"]), len(data["svg"])
        print(f"{args.claims:,} synthetic claims; {drawn:,} events drawn as at {AT}, "
              f"{data['unplaced']:,} without a place; SVG {svg:,} bytes")  # fmt: skip
        print("| what | ms | ÷ head read |")
        print("|---|---:|---:|")
        for name, seconds in rows:
            print(f"| {name} | {seconds * 1000:,.1f} | {seconds / floor:,.0f} |")
        ledger.close()


if __name__ == "__main__":
    main()

"""The field formats of `truce export` beside the plain CSV export, on the same claims.

Each format writes the same synthetic claims (bench/synthetic.py; each given a place, so
GeoJSON writes every one) to a file in a temporary folder; the plain CSV export
(`io.export`, what `truce export -f csv` writes) is the reference, and a bare `csv.writer` of
the same number of rows and columns of short strings is the floor: the least a CSV of that size
costs in Python. Formats are run in turn, alternating order each round, and the best round is
kept, because the machine is shared.

    .venv/bin/python bench/exports.py --size 20000 --rounds 2
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402

from truce.io import flat  # noqa: E402
from truce.io.export import export_claims  # noqa: E402
from truce.io.field_export import export_field  # noqa: E402
from truce.io.field_rows import FieldContext  # noqa: E402
from truce.spec_yaml import load_spec_file  # noqa: E402

SPEC = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
PLACE = {"name": "Rafah", "lat": 31.29, "lon": 34.25, "admin1": "PS.GZ", "country": "PSE",
         "geo_precision": 1}  # fmt: skip
FORMATS = ("acled", "ucdp", "csv-excel", "xlsx", "geojson")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    spec, _ = load_spec_file(SPEC)
    context = FieldContext.of([spec])
    claims = [replace(c, extra={"place": PLACE}) for c in synthetic.claims(args.size)]
    with tempfile.TemporaryDirectory(prefix="truce-bench-") as folder:
        out = Path(folder)
        runs: dict[str, Callable[[], object]] = {
            "floor (csv.writer)": lambda: _floor(out / "floor.csv", len(claims)),
            "csv (reference)": lambda: export_claims(claims, "csv", out / "plain.csv"),
        }
        for fmt in FORMATS:
            runs[fmt] = lambda fmt=fmt: export_field(claims, fmt, out / f"x.{fmt}", context)
        best: dict[str, float] = {}
        for round_ in range(args.rounds):
            names = list(runs) if round_ % 2 == 0 else list(reversed(runs))
            for name in names:
                start = time.perf_counter()
                runs[name]()
                took = time.perf_counter() - start
                best[name] = min(best.get(name, took), took)
    reference = best["csv (reference)"]
    print(f"{args.size:,} claims, best of {args.rounds} rounds")
    print(f"{'format':<20} {'seconds':>8} {'claims/s':>10} {'x csv':>6}")
    for name, took in best.items():
        print(f"{name:<20} {took:8.2f} {args.size / took:10,.0f} {took / reference:6.2f}")


def _floor(path: Path, rows: int) -> None:
    cells = ["cell"] * len(flat.COLUMNS)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for _ in range(rows):
            writer.writerow(cells)


if __name__ == "__main__":
    main()

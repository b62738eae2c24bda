"""The real-report set's whole-set tables (eval/real/README.md, "The whole set"), counted from
the committed files: per conflict label, reports, dev, test, distinct outlets, gold events and
negative spans; then the totals and the genres. Reads metas, annotations and negatives only
(counts: no text, no annotation field is printed), so it may be run over both splits.

Run:  python bench/real_set_tables.py [eval/real]
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def lines_in(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def tables(root: Path) -> str:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: dict[str, set[str]] = defaultdict(set)
    genres: Counter[str] = Counter()
    for meta_path in sorted((root / "reports").glob("*.meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        report, conflict = meta["id"], meta["conflict"]
        row = rows[conflict]
        row["reports"] += 1
        row[meta["split"]] += 1
        row["events"] += lines_in(root / "annotations" / f"{report}.jsonl")
        row["negatives"] += lines_in(root / "negatives" / f"{report}.jsonl")
        outlets[conflict].add(meta["outlet"])
        outlets["\0all"].add(meta["outlet"])
        genres[meta["genre"]] += 1
    keys = ("reports", "dev", "test")
    out = [
        "| conflict | reports | dev | test | outlets | gold events | negatives |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for conflict in sorted(rows):
        row = rows[conflict]
        total.update(row)
        counts = [row[k] for k in keys] + [len(outlets[conflict]), row["events"], row["negatives"]]
        out.append(f"| {conflict} | " + " | ".join(str(c) for c in counts) + " |")
    counts = [total[k] for k in keys] + [len(outlets["\0all"]), total["events"], total["negatives"]]
    out.append("| **all** | " + " | ".join(f"**{c}**" for c in counts) + " |")
    out.append("")
    out.append("Genres: " + ", ".join(f"{g} {n}" for g, n in genres.most_common()) + ".")
    return "\n".join(out)


if __name__ == "__main__":
    print(tables(Path(sys.argv[1] if len(sys.argv) > 1 else "eval/real")))

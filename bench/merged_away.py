"""The dev misses `misses.py` classes `merged_away`, sorted by where the merge happened and by kind.

PYTHONPATH=src:. .venv/bin/python bench/merged_away.py eval/real --held-out --cache FILE [--show]

A `merged_away` miss is a gold event whose span a candidate of its type lists among its
`mentions` while that candidate's own (scored) span is another mention. Each is sorted by

- **kind**: `two_events` when the candidate's own span matched another gold event (two distinct
  events merged into one candidate), `other_mention` when it matched none (one event whose kept
  mention is not the one the gold marks);
- **where**: `one_span` when the candidate has no mention but its own span (no merge: one
  sentence or clause tells two gold events of one type and one candidate stands for both),
  `turn` when a statement holds several mentions (a speaker's turn, `statement_turns.py`, or
  a headline repeated), `repeat` when a candidate of another type does (`repeats.py`).

With `--show`, each miss is printed with the gold evidence and the kept span's words (dev text:
to the terminal only, never to the repository).
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from dev_split import held_out_dev, run, scored_dev
from misses import classify

from truce.extract.evaluate import Score
from truce.extract.evaluate_real import _jsonl


def _run(args: argparse.Namespace) -> None:
    totals: dict[str, Score] = {}
    source = (
        held_out_dev(args.folder, totals, args.cache)
        if args.held_out
        else scored_dev(args.folder, totals)
    )
    rows: list[dict[str, Any]] = []
    for real, found, report in source:
        text = real.text or ""
        missed = set(report.missed)
        golds = _jsonl(args.folder / "annotations" / f"{real.id}.jsonl")
        matched = {id(c): g for g, c in report.pairs}
        for gold in (g for g in golds if g["id"] in missed):
            if classify(gold, found, text) != "merged_away":
                continue
            a, b = gold["span"]
            holder = next(
                c
                for c in found
                if c["type"] == gold["type"]
                and any(m[0] < b and a < m[1] for m in c.get("mentions") or ())
            )
            other = matched.get(id(holder))
            rows.append(
                {
                    "report": real.id,
                    "gold": gold,
                    "kind": "two_events" if other is not None else "other_mention",
                    "other": other,
                    "kept": text[holder["span"][0] : holder["span"][1]],
                    "speaker": (holder.get("source") or {}).get("speaker"),
                    "one_span": len(holder.get("mentions") or ()) <= 1,
                }
            )
    table: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        gid = row["gold"]["id"]
        if row["one_span"]:
            where = "one_span"
        else:
            where = "turn" if row["gold"]["type"] == "statement" else "repeat"
        row["where"] = where
        table[row["gold"]["type"], row["kind"], where] += 1
        if args.show and args.type in (None, row["gold"]["type"]):
            g = row["gold"]
            print(f"[{row['kind']} / {where}] {gid} {g['type']} speaker={row['speaker']}")
            print("    gold: " + " ".join(str(g.get("evidence", "")).split())[:300])
            print("    kept: " + " ".join(row["kept"].split())[:300])
    print(f"{len(rows)} merged_away misses")
    print(f"{'type':22} {'kind':14} {'where':8} {'n':>4}")
    for (kind, which, where), n in sorted(table.items()):
        print(f"{kind:22} {which:14} {where:8} {n:4}")
    for key in ("kind", "where"):
        print(key, dict(Counter(row[key] for row in rows)))


if __name__ == "__main__":
    run(__doc__, "merged_away misses", None, _run)

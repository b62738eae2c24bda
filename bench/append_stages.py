"""Where the CPU seconds of the first status after an append go, stage by stage, in one process.

Run:  PYTHONPATH=src:. .venv/bin/python bench/append_stages.py LEDGER TAG [--rounds N] [--fresh]

As `bench/status_1m.py` measures it: on the SQLite ledger LEDGER (`--fresh`: on a copy of it,
made under /tmp/append-stages/), a status `--at` and a status "now", then N times: ten claims
appended (`status_1m.late_claims`), the first `--at` and the first "now" after it. Each stage
named in `STAGES` is wrapped with a timer that sums its CPU seconds; stages nest (the engine
holds the disputes, the disputes call the terms' judgment), so they do not add up to the whole.
Run it with another tree's `src` first on PYTHONPATH to time that tree's code; a stage a tree
does not have is left out. Prints one JSON line per status and writes them all to
/tmp/append-stages/stages-TAG.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from status_1m import AGREEMENT, AT, late_claims  # bench/status_1m.py, beside this script

OUT = Path("/tmp/append-stages")
# (module, attribute path, label): where each stage is looked up when it is called.
STAGES = [
    ("truce.storage.ledger", "load_frame", "frame (load_frame)"),
    ("truce.storage.snapshot", "_fold", "fold the append (_fold)"),
    ("truce.storage.snapshot", "regroup", "regroup (in the fold)"),
    ("truce.storage.kept_breaches", "read", "read the breach block (kept_breaches.read)"),
    ("truce.storage.kept_breaches", "keep", "write the breach block (kept_breaches.keep)"),
    ("truce.services.agreement_status", "evaluate_frame", "engine (evaluate_frame)"),
    ("truce.domain.engine.kept", "block_key", "the block's key (kept.block_key)"),
    ("truce.domain.engine.status", "outcome", "terms (status.outcome, the disputes' too)"),
    ("truce.domain.engine.columns", "ColumnIndex.disputed", "disputed events built"),
    ("truce.domain.engine.disputes", "Disputes.figures", "figure disputes (Disputes.figures)"),
    ("truce.domain.engine.status", "render", "render (answer.render)"),
    ("json", "dumps", "json.dumps (all)"),
    ("truce.storage.kept_breaches", "answer_json", "answer as JSON (answer_json)"),
    ("truce.storage.answers", "AnswerStore.keep", "keep the answer (AnswerStore.keep)"),
    ("truce.storage.held", "keep", "keep the now answer (held.keep)"),
]


def timed_stages(spent: dict[str, float]) -> None:
    """Wrap every stage this tree has so that its CPU seconds add up in `spent`."""
    for module_name, path, label in STAGES:
        owner: Any = importlib.import_module(module_name)
        *outer, name = path.split(".")
        for part in outer:
            owner = getattr(owner, part)
        inner = getattr(owner, name, None)
        if inner is not None:
            setattr(owner, name, _timer(inner, label, spent))


def _timer(inner: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    def timer(*args: Any, **kwargs: Any) -> Any:
        cpu = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - cpu

    return timer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger")
    parser.add_argument("tag")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    ledger_file = Path(args.ledger)
    if args.fresh:
        copy = OUT / f"fresh-{args.tag}.db"
        for suffix in ("", "-wal"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
            if Path(f"{ledger_file}{suffix}").exists():
                shutil.copyfile(f"{ledger_file}{suffix}", f"{copy}{suffix}")
        ledger_file = copy
    spent: dict[str, float] = defaultdict(float)
    timed_stages(spent)
    from truce import services
    from truce.storage.db import make_engine
    from truce.storage.ledger import Ledger

    snapshots = OUT / f"snapshots-{args.tag}"
    shutil.rmtree(snapshots, ignore_errors=True)
    ledger = Ledger(make_engine(f"sqlite:///{ledger_file}"), snapshots)
    services.status(ledger, AGREEMENT, AT)
    services.status(ledger, AGREEMENT)
    asks: list[tuple[str, str | None]] = [("at", AT), ("now", None)]
    rows = []
    for round_ in range(args.rounds):
        ledger.append_claims(late_claims(ledger, f"stages-{args.tag}-{time.time_ns()}"), "bench")
        for kind, at in asks:
            spent.clear()
            cpu = time.process_time()
            services.status(ledger, AGREEMENT, at)
            whole = time.process_time() - cpu
            stages = {k: round(v, 3) for k, v in spent.items()}
            rows.append({"round": round_, "kind": kind, "total": round(whole, 3), **stages})
            print(json.dumps(rows[-1]), flush=True)
    ledger.close()
    (OUT / f"stages-{args.tag}.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    sys.exit(main())

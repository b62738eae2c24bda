"""Where the CPU of `truce status --json --at` goes on a head nobody judged: each stage's CPU
seconds (user+sys of this process and of its waited-for side processes, `resource.getrusage`
around the function), in one in-process run of the command on a fresh copy of the ledger.

Run:  PYTHONPATH=src:. .venv/bin/python bench/nobody_judged_stages.py --db LEDGER
          [--tree DIR] [--at 2023-11-27T12:00] [--workdir /tmp/nobody-judged-stages]

LEDGER is a SQLite file built by bench/status_1m.py; it is never written (a copy in --workdir
is read, with its own cache folder). --tree is the `src` folder whose code runs (the default,
this checkout's; for main's, `git archive main src | tar -x -C DIR` and pass DIR/src). Prints
the stages and the answer's SHA-256 (to compare two trees' answers). Stages nest: `run` (the
writes put off until the answer is out) holds `_keep_base`, which holds `_write_files` and
`keep` (the copy kept in the database); `reduce_columns` holds `_break_ties`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = [
    ("truce.storage.columnar", "read_rows"),
    ("truce.storage.columnar", "claim_columns"),
    ("truce.domain.engine.frame", "reduce_columns"),
    ("truce.domain.engine.frame", "_break_ties"),
    ("truce.domain.engine.columns", "evaluate_frame"),
    ("truce.pretty", "pretty_json"),
    ("truce.storage.put_off", "run"),
    ("truce.storage.snapshot", "_keep_base"),
    ("truce.storage.snapshot", "_write_files"),
    ("truce.storage.kept_snapshot", "KeptSnapshot.keep"),
]
# Run in the child: wraps each stage wherever a truce module holds it by name, then the command.
CHILD = """
import importlib, json, resource, sys
def cpu():
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
import truce.cli.app
totals = {"imports": cpu()}
def timed(real, name):
    def wrapper(*args, **kwargs):
        start = cpu()
        try:
            return real(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + cpu() - start
    return wrapper
for module_name, name in json.loads(sys.argv[1]):
    module = importlib.import_module(module_name)
    owner, _, attr = name.rpartition(".")
    holder = getattr(module, owner) if owner else module
    real = getattr(holder, attr)
    setattr(holder, attr, timed(real, attr))
    for other in list(sys.modules.values()):
        mine = getattr(other, "__name__", "").startswith("truce")
        if mine and getattr(other, attr, None) is real:
            setattr(other, attr, timed(real, attr))
stages_out = open(sys.argv[2], "w")
import atexit
atexit.register(lambda: (json.dump({**totals, "total": cpu()}, stages_out), stages_out.close()))
sys.argv = ["truce", *sys.argv[3:]]
from truce.cli.entry import main
main()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--tree", default=str(ROOT / "src"))
    parser.add_argument("--at", default="2023-11-27T12:00")
    parser.add_argument("--workdir", default="/tmp/nobody-judged-stages")
    args = parser.parse_args()
    work = Path(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    (work / "cache").mkdir(parents=True)
    shutil.copy(args.db, work / "copy.db")
    command = ["--db", str(work / "copy.db"), "status", "gaza-2023-11", "--json", "--at", args.at]
    stages = json.dumps(STAGES)
    env = {**os.environ, "PYTHONPATH": f"{args.tree}{os.pathsep}{ROOT}",
           "XDG_CACHE_HOME": str(work / "cache")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", CHILD, stages, str(work / "stages.json"), *command],
        env=env, capture_output=True, check=True,
    )  # fmt: skip
    found = json.loads((work / "stages.json").read_text())
    print(json.dumps({**{k: round(v, 2) for k, v in found.items()},
                      "sha256": hashlib.sha256(done.stdout).hexdigest()[:16]}))  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

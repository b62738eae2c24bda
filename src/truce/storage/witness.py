"""Holding a verified chain against the witnesses of its head kept outside it: the head log
beside a SQLite file (`storage.head_log`) and a checkpoint (`storage.checkpoint`).

The chain's own check cannot see a clean cut of its tail; these can. Each failure keeps its own
code, apart from the chain's problems, so a monitor can tell "entry 4,812 was edited" from "the
last 300 entries are gone".
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from truce.errors import TruceError
from truce.storage.checkpoint import Checkpoint, check_chain
from truce.storage.head_log import HeadLogMismatch, check_log
from truce.storage.records import Finding, VerifyReport


def check_witnesses(
    engine: Engine, report: VerifyReport, log: Path | None, against: Checkpoint | None
) -> VerifyReport:
    """`report` with what the head log (when it exists) and `against` (when given) found."""
    found: list[TruceError] = []
    held: list[str] = []
    with engine.connect() as conn:
        if log is not None and log.exists():
            problems = check_log(conn, log)
            found += [HeadLogMismatch(p) for p in problems]
            if not problems:
                held.append(f"head log {log.name}: every noted head is in the chain")
        if against is not None:
            mismatch = check_chain(conn, against)
            found += mismatch
            if not mismatch:
                held.append(
                    f"checkpoint of {against.taken_at}: entry {against.seq} is "
                    f"{against.head[:12]}…, as it witnessed"
                )
    findings = [Finding(e.code, e.message, e.hint) for e in found]
    return replace(report, ok=report.ok and not found, witness_problems=findings, witnesses=held)

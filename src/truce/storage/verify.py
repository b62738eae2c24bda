"""Verifying a ledger: recompute the chain, then hold the projections against it.

The chain is read in stretches of seq (see `storage.verify_range`), several at once in worker
processes when it is long, so a million entries take one pass per core rather than one pass.
Each problem names the seq (or claim id) where it starts, because a monitor needs to say
"entry 4,812 was edited", not "something is wrong".
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from truce.storage.chain import canonical
from truce.storage.db import sqlite_path
from truce.storage.records import VerifyReport
from truce.storage.review_rows import decision_record
from truce.storage.tables import agreements, candidates, claims, entries, users
from truce.storage.verify_compiled import available as compiled_available
from truce.storage.verify_range import (
    MAX_PROBLEMS,
    Stretch,
    StretchReport,
    check_compiled_chain,
    check_stretch,
    check_stretch_at,
)

# Below this many entries one process is quicker than starting others.
PARALLEL_FROM = 200_000
# From this many entries on a SQLite file, the compiled check (`verify_compiled`) when built.
COMPILED_FROM = 20_000


class _Findings:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.dropped = 0

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.dropped += 1

    def final(self) -> list[str]:
        more = [f"... and {self.dropped} more problems"] if self.dropped else []
        return self.problems + more


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def verify_ledger(
    engine: Engine, head_hash: str | None = None, workers: int | None = None
) -> VerifyReport:
    """`workers`: processes to share the chain between (default: one per core, and only one
    below PARALLEL_FROM entries)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # One snapshot for the checks below, so a concurrent append is not a "problem";
            # workers read only entries up to the last seq seen here, which never change.
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            return _verify(conn, head_hash, workers)


def _verify(conn: Connection, head_hash: str | None, workers: int | None) -> VerifyReport:
    count, last_seq = conn.execute(select(func.count(), func.max(entries.c.seq))).one()
    url = conn.engine.url
    shared = url.get_backend_name() != "sqlite" or url.database not in (None, "", ":memory:")
    path = sqlite_path(url.render_as_string(hide_password=False))
    if path is not None and count >= COMPILED_FROM and compiled_available():
        processes = workers or default_workers()
        reports = [check_compiled_chain(conn, str(path), last_seq, head_hash, processes)]
        return _merge(conn, reports, head_hash)
    if workers is None:
        workers = default_workers() if count >= PARALLEL_FROM else 1
    workers = max(1, min(workers, count or 1)) if shared else 1
    stretches = _stretches(last_seq or 0, workers, head_hash)
    if len(stretches) == 1:
        reports = [check_stretch(conn, stretches[0])]
    else:
        reports = _in_parallel(url.render_as_string(hide_password=False), conn, stretches)
    return _merge(conn, reports, head_hash)


def _stretches(last_seq: int, workers: int, head_hash: str | None) -> list[Stretch]:
    """Equal seq ranges; the first open below and the last closed at the last seq seen, so
    tampered seqs (0, negative) are read and later appends are not."""
    if workers == 1:
        return [Stretch(None, last_seq, head_hash)]
    size = -(-last_seq // workers)
    bounds = [1 + i * size for i in range(workers)]
    return [
        Stretch(None if i == 0 else lo, (bounds[i + 1] - 1) if i + 1 < workers else last_seq,
                head_hash)
        for i, lo in enumerate(bounds)
    ]  # fmt: skip


def _in_parallel(url: str, conn: Connection, stretches: list[Stretch]) -> list[StretchReport]:
    # Spawned, not forked: the caller may be a threaded server holding open connections.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(len(stretches) - 1, mp_context=context) as pool:
        others = [pool.submit(check_stretch_at, url, s) for s in stretches[1:]]
        mine = check_stretch(conn, stretches[0])  # this process takes the first stretch
        return [mine, *(f.result() for f in others)]


def _merge(conn: Connection, reports: list[StretchReport], head_hash: str | None) -> VerifyReport:
    found = _Findings()
    count = claim_entries = 0
    last: str | None = None
    head_seq: int | None = None
    latest_agreement: dict[str, tuple[int, str]] = {}
    latest_user: dict[str, tuple[int, str]] = {}
    latest_candidate: dict[str, tuple[str, dict[str, Any]]] = {}
    for report in reports:
        for problem in report.problems:
            found.add(problem)
        found.dropped += report.dropped
        count += report.entries
        claim_entries += report.claim_entries
        last = report.last_hash or last
        head_seq = report.head_seq if report.head_seq is not None else head_seq
        latest_agreement.update(report.agreements)
        for seq, kind, ref, payload in report.others:
            if kind == "user":
                latest_user[ref] = (seq, payload)
            else:
                _note_candidates(latest_candidate, kind, payload)
    _check_orphan_claims(conn, found, claim_entries)
    _check_agreements(conn, found, latest_agreement)
    _check_users(conn, found, latest_user)
    _check_candidates(conn, found, latest_candidate)
    notes = []
    if head_hash is not None:
        if head_seq is None:
            found.add(f"head {head_hash[:12]}… is not in the chain: the ledger was truncated "
                      "or rewritten since that head was noted")  # fmt: skip
        elif head_seq != count:
            notes.append(f"head {head_hash[:12]}… is entry {head_seq}; {count - head_seq} "
                         "entries were appended after it")  # fmt: skip
    problems = found.final()
    return VerifyReport(not problems, count, last, problems, notes)


def _check_orphan_claims(conn: Connection, found: _Findings, claim_entries: int) -> None:
    rows = conn.execute(select(func.count()).select_from(claims)).scalar_one()
    if rows == claim_entries:
        return
    orphans = conn.execute(
        select(claims.c.id)
        .outerjoin(entries, and_(entries.c.kind == "claim", entries.c.ref == claims.c.id))
        .where(entries.c.seq.is_(None))
        .limit(MAX_PROBLEMS)
    ).scalars()
    for claim_id in orphans:
        found.add(f"claims row {claim_id} has no entry in the chain (inserted directly)")


def _check_agreements(
    conn: Connection, found: _Findings, latest: dict[str, tuple[int, str]]
) -> None:
    def same(row: Any, seq: int, data: Any) -> bool:
        spec = data["spec"]
        return bool(
            row.seq == seq
            and row.spec_yaml == data["yaml"]
            and row.spec_json == canonical(spec)
            and row.title == spec["title"]
        )

    rows = {r.id: r for r in conn.execute(select(agreements))}
    _check_latest(found, rows, latest, ("agreement", "agreements projection"), same)


def _check_users(conn: Connection, found: _Findings, latest: dict[str, tuple[int, str]]) -> None:
    """Each users row must be what its latest `user` entry says: role, token hash, active."""

    def same(row: Any, seq: int, data: Any) -> bool:
        return bool(
            row.seq == seq
            and row.role == data["role"]
            and row.token_hash == data["token_sha256"]
            and bool(row.active) == data["active"]
        )

    rows = {r.name: r for r in conn.execute(select(users))}
    _check_latest(found, rows, latest, ("user", "users table"), same)


def _check_latest(
    found: _Findings,
    rows: dict[str, Any],
    latest: dict[str, tuple[int, str]],
    names: tuple[str, str],
    same: Callable[[Any, int, Any], bool],
) -> None:
    """Each row of a table kept beside the chain must match the latest entry for its key."""
    what, table = names
    for key in sorted(latest.keys() | rows.keys()):
        row = rows.get(key)
        if key not in latest or row is None:
            where = "chain" if row is not None else table
            found.add(f"{what} {key} is missing from the {where}")
            continue
        seq, payload = latest[key]
        try:
            matches = same(row, seq, json.loads(payload))
        except (ValueError, KeyError, TypeError):
            matches = False
        if not matches:
            found.add(f"{table.split()[0]} row {key} does not match its latest entry {seq}")


def _note_candidates(
    latest: dict[str, tuple[str, dict[str, Any]]], kind: str, payload: str
) -> None:
    try:
        data = json.loads(payload)
    except ValueError:
        return  # the entry's own hash check reports an edited payload
    if kind == "document":
        for candidate_id, digest in data.get("candidates", {}).items():
            latest[candidate_id] = ("document", {"payload_sha256": digest, "status": "pending"})
    else:
        latest[str(data.get("candidate"))] = ("review", data)


def _check_candidates(
    conn: Connection, found: _Findings, latest: dict[str, tuple[str, dict[str, Any]]]
) -> None:
    """Each candidate row must be what its latest document or review entry says."""
    for row in conn.execute(select(candidates).order_by(candidates.c.id)):
        if row.id not in latest:
            found.add(f"candidate {row.id} is missing from the chain (inserted directly)")
            continue
        kind, expected = latest.pop(row.id)
        if kind == "document":
            actual = {
                "payload_sha256": decision_record(row)["payload_sha256"],
                "status": row.status,
            }
        else:
            actual = decision_record(row)
        if actual != expected:
            found.add(f"candidates row {row.id} does not match its latest {kind} entry")
    for candidate_id in sorted(latest):
        found.add(f"candidate {candidate_id} is in the chain but missing from the candidates table")

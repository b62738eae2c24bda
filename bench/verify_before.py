"""`truce verify` as it was before stretches and worker processes (commit 74e9500), kept only so
that bench/core.py can time the old one-pass join beside the new code in the same run.

Verifying a ledger: recompute the chain, then hold the projections against it.

The chain is streamed in seq order so a million entries need neither a million-row list nor more
than one pass. Each problem names the seq (or claim id) where it starts, because a monitor needs
to say "entry 4,812 was edited", not "something is wrong".
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from truce.storage.chain import GENESIS, canonical, entry_hash
from truce.storage.records import VerifyReport
from truce.storage.rows import CLAIM_COLUMNS, RowChecker
from truce.storage.tables import agreements, claims, entries

MAX_PROBLEMS = 50
STREAM_BATCH = 10_000


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


def verify_ledger(engine: Engine, head_hash: str | None = None) -> VerifyReport:
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # One snapshot for every query below, so a concurrent append is not a "problem".
            conn.execution_options(isolation_level="REPEATABLE READ")
        return _verify(conn, head_hash)


def _verify(conn: Connection, head_hash: str | None) -> VerifyReport:
    found = _Findings()
    claim_cols = [claims.c[name] for name in CLAIM_COLUMNS]
    query = (
        select(entries, *claim_cols)
        .outerjoin(claims, and_(entries.c.kind == "claim", claims.c.id == entries.c.ref))
        .order_by(entries.c.seq)
    )
    count = claim_entries = 0
    expected_seq, prev, last = 1, GENESIS, None
    head_seq: int | None = None
    checker = RowChecker()
    latest_agreement: dict[str, tuple[int, str]] = {}
    result = conn.execution_options(yield_per=STREAM_BATCH).execute(query)
    for row in result:
        seq, kind, ref, payload, by, at, prev_hash, digest = row[:8]
        count += 1
        if seq != expected_seq:
            found.add(f"seq gap at {expected_seq}: next entry is {seq} (entries deleted or moved)")
        if prev_hash != prev:
            found.add(f"broken link at seq {seq}: prev_hash does not match the entry before it "
                      "(entries deleted, reordered or inserted)")  # fmt: skip
        if entry_hash(seq, kind, ref, payload, by, at, prev_hash) != digest:
            found.add(f"hash mismatch at seq {seq}: the entry was edited after it was recorded")
        if kind == "claim":
            claim_entries += 1
            _check_claim_row(found, checker, seq, ref, payload, by, row[8:])
        elif kind == "agreement":
            latest_agreement[ref] = (seq, payload)
        else:
            found.add(f"unknown kind {kind!r} at seq {seq}")
        if head_hash is not None and digest == head_hash:
            head_seq = seq
        expected_seq, prev, last = seq + 1, digest, digest

    _check_orphan_claims(conn, found, claim_entries)
    _check_agreements(conn, found, latest_agreement)
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


def _check_claim_row(
    found: _Findings,
    checker: RowChecker,
    seq: int,
    ref: str,
    payload: str,
    by: str | None,
    row: tuple[Any, ...],
) -> None:
    if row[0] is None:
        found.add(f"claim {ref} (seq {seq}) is missing from the claims projection")
        return
    try:
        differ = checker.differences(row, seq, json.loads(payload), payload, by)
    except (ValueError, KeyError, TypeError, AttributeError):
        found.add(f"seq {seq}: payload is not a readable claim")
        return
    if differ:
        found.add(f"claims row {ref} does not match entry {seq} in: {', '.join(differ)}")


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
    rows = {r.id: r for r in conn.execute(select(agreements))}
    for agreement_id in sorted(latest.keys() | rows.keys()):
        row = rows.get(agreement_id)
        if agreement_id not in latest or row is None:
            where = "chain" if row is not None else "agreements projection"
            found.add(f"agreement {agreement_id} is missing from the {where}")
            continue
        seq, payload = latest[agreement_id]
        try:
            data = json.loads(payload)
            spec = data["spec"]
            same = (
                row.seq == seq
                and row.spec_yaml == data["yaml"]
                and row.spec_json == canonical(spec)
                and row.title == spec["title"]
            )
        except (ValueError, KeyError, TypeError):
            same = False
        if not same:
            found.add(f"agreements row {agreement_id} does not match its latest entry {seq}")

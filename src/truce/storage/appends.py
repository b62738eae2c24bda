"""Checking a batch of claims against the ledger before any of it is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from truce.domain.claims import Claim
from truce.errors import UnknownAgreement, UnknownClaim
from truce.storage import claim_terms
from truce.storage.payloads import PayloadWriter
from truce.storage.records import AppendResult
from truce.storage.rows import CLAIM_COLUMNS, ProjectionWriter
from truce.storage.tables import agreements, claims, entries
from truce.storage.writes import ANALYZE_AFTER, Pending, insert_rows, link, read_head

# Ids per `IN (...)` query; below every back end's bound-parameter limit.
LOOKUP_CHUNK = 1_000
# Where, in a projection row, `claim_terms.rows_for` finds what it reads.
_TERM_COLUMNS = tuple(
    CLAIM_COLUMNS.index(name) for name in ("seq", "agreement", "location", "extra", "sources")
)


@dataclass
class ClaimPlan:
    """What appending a batch will write, worked out under the append lock."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def term_rows(self, rows: Sequence[tuple[Any, ...]]) -> list[tuple[str, str, str, int]]:
        """The `claim_terms` rows of these projection rows (`CLAIM_COLUMNS` order)."""
        at = _TERM_COLUMNS
        return claim_terms.rows_for(claim_terms.TermReader(), (
            (r[at[0]], r[at[1]], r[at[2]], r[at[3]], r[at[4]]) for r in rows))  # fmt: skip

    def projection_rows(self, seqs: Sequence[int]) -> list[tuple[Any, ...]]:
        writer = ProjectionWriter()
        return [
            writer.row(claim, seq, p.payload, p.recorded_by)
            for p, claim, seq in zip(self.pending, self.claims, seqs, strict=True)
        ]


def write_claims(
    conn: Connection,
    items: Sequence[Claim],
    recorded_by: str | None,
    progress: Callable[[int, int], None] | None = None,
    step: int = 5_000,
) -> AppendResult:
    """Append claims inside the caller's `write_transaction`, so they commit with whatever
    else it writes (a review decision) or not at all; `progress(done, total)` every `step`."""
    plan = plan_claims(conn, items, recorded_by)
    if not plan.pending:
        return AppendResult(added=[], skipped=plan.skipped, head=read_head(conn))
    chained = link(read_head(conn), plan.pending)
    rows = plan.projection_rows([e.seq for e in chained])
    done, total = len(plan.skipped), len(items)
    if progress is None:
        step = len(chained)
    else:
        progress(done, total)
    for start in range(0, len(chained), step):
        part = chained[start : start + step]
        insert_rows(conn, entries, [e.as_row() for e in part])
        insert_rows(conn, claims, rows[start : start + step])
        claim_terms.write(conn, plan.term_rows(rows[start : start + step]), part[0].seq)
        done += len(part)
        if progress is not None:
            progress(done, total)
    if len(chained) > step and len(chained) >= ANALYZE_AFTER and conn.dialect.name == "postgresql":
        # Each part was below insert_rows' own threshold; the next append's id lookups need
        # statistics that know how large the tables now are.
        conn.exec_driver_sql("ANALYZE entries")
        conn.exec_driver_sql("ANALYZE claims")
    return AppendResult(added=plan.added, skipped=plan.skipped, head=chained[-1])


def plan_claims(conn: Connection, batch: Sequence[Claim], recorded_by: str | None) -> ClaimPlan:
    """Sort a batch into new and already-recorded claims; raise on the first bad reference."""
    _check_agreements(conn, {c.agreement for c in batch})
    present = _existing(conn, claims.c.id, claims.c.id, {c.id for c in batch})
    targets = _existing(
        conn, claims.c.id, claims.c.agreement, {c.supersedes for c in batch if c.supersedes}
    )
    plan = ClaimPlan()
    payloads = PayloadWriter()
    earlier: dict[str, str] = {}
    for claim in batch:
        if claim.id in present or claim.id in earlier:
            plan.skipped.append(claim.id)
            continue
        if claim.supersedes:
            _check_supersedes(claim, targets.get(claim.supersedes) or earlier.get(claim.supersedes))
        earlier[claim.id] = claim.agreement
        who = recorded_by if recorded_by is not None else claim.recorded_by
        plan.added.append(claim.id)
        plan.pending.append(Pending("claim", claim.id, payloads.text(claim), who))
        plan.claims.append(claim)
    return plan


def _check_agreements(conn: Connection, wanted: set[str]) -> None:
    known = _existing(conn, agreements.c.id, agreements.c.id, wanted)
    missing = sorted(wanted - known.keys())
    if missing:
        raise UnknownAgreement(
            f"claims refer to {len(missing)} agreement(s) not in this ledger: {', '.join(missing)}"
        )


def _check_supersedes(claim: Claim, target_agreement: str | None) -> None:
    if target_agreement is None:
        raise UnknownClaim(
            f"claim {claim.id} supersedes {claim.supersedes}, which is not in the ledger "
            "nor earlier in this batch",
            hint="a correction must name a claim already recorded (or earlier in the same file)",
        )
    if target_agreement != claim.agreement:
        raise UnknownClaim(
            f"claim {claim.id} of {claim.agreement} supersedes {claim.supersedes}, which belongs "
            f"to {target_agreement}",
            hint="a correction must supersede a claim of the same agreement",
        )


def _existing(conn: Connection, key: Any, value: Any, ids: Iterable[str]) -> dict[str, str]:
    """Which of `ids` are present in `key`'s table, mapped to `value`."""
    wanted = list(ids)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        query = select(key.label("k"), value.label("v")).where(key.in_(chunk))
        found.update((k, v) for k, v in conn.execute(query))
    return found

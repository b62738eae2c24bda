"""Verifying the claims lists' filter names (`claim_terms`, `terms`) against the claims.

`claim_terms` is derived: each claim's casefolded outlets, speakers, relays and places
(`storage.claim_terms`), written with the claim. It is not in the chain, so the chain's hashes
cannot vouch for it; a row edited, deleted or inserted in it makes the claims list's source and
place filters miss claims or list claims that carry no such name, while every claim is intact.
So verify builds it again from the claims rows (which the chain does vouch for), in bulk, a
stretch of seqs at a time, and compares: every difference names the claim's seq.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Select, func, select, union_all

from truce.errors import TruceError
from truce.storage.claim_terms import TermReader
from truce.storage.records import Finding, VerifyReport
from truce.storage.tables import claim_terms, claims, terms

# Seqs per stretch: the rebuilt and the kept rows of a stretch are compared in memory.
STRETCH = 50_000
MAX_REPORTED = 20


class ClaimTermsMismatch(TruceError):
    code = "L190"
    default_hint = (
        "the claims are intact (the chain vouches for them), but the index of their source and "
        "place names the claims lists filter by was edited outside truce, so those filters miss "
        "or invent claims: restore the ledger from a copy made before"
    )


def check_claim_terms(engine: Engine, report: VerifyReport) -> VerifyReport:
    """`report` with a finding for each claim whose kept names differ from its own."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            problems = differences(conn)
    if not problems:
        return report
    findings = [Finding(e.code, e.message, e.hint) for e in map(ClaimTermsMismatch, problems)]
    return VerifyReport(
        ok=False,
        entries=report.entries,
        head=report.head,
        problems=report.problems,
        notes=report.notes,
        witness_problems=[*report.witness_problems, *findings],
        witnesses=report.witnesses,
    )


def differences(conn: Connection) -> list[str]:
    """What `claim_terms` holds that the claims do not say, and the reverse; then names it
    holds that `terms` lacks (a fragment filter looks for names there first)."""
    found: list[str] = []
    more = 0
    bounds = union_all(
        select(func.min(claims.c.seq).label("lo"), func.max(claims.c.seq).label("hi")),
        select(func.min(claim_terms.c.seq), func.max(claim_terms.c.seq)),
    ).subquery()
    lo, hi = conn.execute(select(func.min(bounds.c.lo), func.max(bounds.c.hi))).one()
    names = _Names()
    start = lo
    while lo is not None and start <= hi:
        end = start + STRETCH
        projection = _projection(conn, start, end)
        recorded = {row[0] for row in projection}
        rebuilt = {
            (agreement, kind, text, seq)
            for seq, agreement, location, extra, sources in projection
            for kind, text in names.of(location, extra, sources)
        }
        kept = set(
            _rows(
                conn,
                select(
                    claim_terms.c.agreement,
                    claim_terms.c.kind,
                    claim_terms.c.text,
                    claim_terms.c.seq,
                ).where(claim_terms.c.seq >= start, claim_terms.c.seq < end),
            )
        )
        for agreement, kind, text, seq in sorted(rebuilt - kept, key=lambda r: (r[3], r)):
            more += _add(found, f"claim at seq {seq} ({agreement}) carries the {kind} name "
                                f"{text!r}, missing from claim_terms")  # fmt: skip
        for agreement, kind, text, seq in sorted(kept - rebuilt, key=lambda r: (r[3], r)):
            if seq in recorded:
                problem = (f"claim_terms gives the claim at seq {seq} ({agreement}) the {kind} "
                           f"name {text!r}, which it does not carry")  # fmt: skip
            else:  # left by a claims row deleted outside truce, or made up
                problem = (f"claim_terms gives seq {seq} ({agreement}) the {kind} name "
                           f"{text!r}, but no claim is recorded at that seq")  # fmt: skip
            more += _add(found, problem)
        start = end
    unknown = (
        select(claim_terms.c.kind, claim_terms.c.text)
        .distinct()
        .outerjoin(
            terms, (terms.c.kind == claim_terms.c.kind) & (terms.c.text == claim_terms.c.text)
        )
        .where(terms.c.text.is_(None))
        .order_by(claim_terms.c.kind, claim_terms.c.text)
        .limit(MAX_REPORTED + 1)
    )
    for kind, text in conn.execute(unknown):
        more += _add(found, f"the {kind} name {text!r} is in claim_terms but not in terms")
    if more:
        found.append(f"... and {more} more differences in claim_terms")
    return found


class _Names:
    """A claim's (kind, text) names (`claim_terms.rows_for`'s, in its order), worked out once
    per distinct location, extra and sources: most claims repeat a few of each."""

    def __init__(self) -> None:
        self._reader = TermReader()
        self._known: dict[tuple[str | None, str | None, str], list[tuple[str, str]]] = {}

    def of(self, location: str | None, extra: str | None, sources: str) -> list[tuple[str, str]]:
        key = (location, extra, sources)
        found = self._known.get(key)
        if found is None:
            if len(self._known) > 100_000:
                self._known.clear()
            found = self._known[key] = sorted(self._reader.names(location, extra, sources))
        return found


def _rows(conn: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """The query's rows as the driver gives them (plain tuples, no SQLAlchemy row per row)."""
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _projection(conn: Connection, start: int, end: int) -> list[tuple[int, str, str | None,
                                                                  str | None, str]]:  # fmt: skip
    query = select(claims.c.seq, claims.c.agreement, claims.c.location, claims.c.extra,
                   claims.c.sources).where(claims.c.seq >= start, claims.c.seq < end)  # fmt: skip
    return _rows(conn, query)


def _add(found: list[str], problem: str) -> int:
    """Keep `problem` if fewer than MAX_REPORTED are kept; 1 when it was only counted."""
    if len(found) < MAX_REPORTED:
        found.append(problem)
        return 0
    return 1

"""Verifying the claims lists' filter names (`claim_terms`, `terms`) against the claims.

`claim_terms` is derived: each claim's casefolded outlets, speakers, relays and places
(`storage.claim_terms`), written with the claim. It is not in the chain, so the chain's hashes
cannot vouch for it; a row edited, deleted or inserted in it makes the claims list's source and
place filters miss claims or list claims that carry no such name, while every claim is intact.
So verify builds it again from the claims rows (which the chain does vouch for), in bulk, and
compares: every difference names the claim's seq. On SQLite both tables are read grouped by
SQLite, one row per distinct name with its seqs, and compared as sets of seqs; elsewhere (or
where a seq is not stored as an integer) a stretch of seqs at a time, as tuples. Both give the
same differences in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    return with_differences(report, claim_terms_differences(engine))


def claim_terms_differences(engine: Engine) -> list[str]:
    """`differences` in a transaction of its own."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            return differences(conn)


def with_differences(report: VerifyReport, problems: list[str]) -> VerifyReport:
    """`report` with an L190 finding for each of `problems`."""
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
    bounds = union_all(
        select(func.min(claims.c.seq).label("lo"), func.max(claims.c.seq).label("hi")),
        select(func.min(claim_terms.c.seq), func.max(claim_terms.c.seq)),
    ).subquery()
    lo, hi = conn.execute(select(func.min(bounds.c.lo), func.max(bounds.c.hi))).one()
    found: list[str] = []
    more = 0
    if lo is not None:
        grouped = _grouped(conn) if conn.dialect.name == "sqlite" else None
        problems = _by_stretch(conn, lo, hi) if grouped is None else _in_order(lo, *grouped)
        for problem in problems:
            more += _add(found, problem)
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


def _by_stretch(conn: Connection, lo: int, hi: int) -> Iterator[str]:
    """The differences, a stretch of seqs at a time: rebuilt and kept rows compared in memory."""
    names = _Names()
    start = lo
    while start <= hi:
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
        yield from _said(sorted(rebuilt - kept, key=_by_seq), sorted(kept - rebuilt, key=_by_seq),
                         recorded)  # fmt: skip
        start = end


Row = tuple[str, str, str, int]


def _by_seq(row: Row) -> tuple[int, Row]:
    return row[3], row


def _said(missing: list[Row], invented: list[Row], recorded: set[int]) -> Iterator[str]:
    for agreement, kind, text, seq in missing:
        yield (f"claim at seq {seq} ({agreement}) carries the {kind} name {text!r}, "
               "missing from claim_terms")  # fmt: skip
    for agreement, kind, text, seq in invented:
        if seq in recorded:
            yield (f"claim_terms gives the claim at seq {seq} ({agreement}) the {kind} name "
                   f"{text!r}, which it does not carry")  # fmt: skip
        else:  # left by a claims row deleted outside truce, or made up
            yield (f"claim_terms gives seq {seq} ({agreement}) the {kind} name {text!r}, "
                   "but no claim is recorded at that seq")  # fmt: skip


# Each distinct (location, extra, sources, agreement) of the claims, and each name of
# claim_terms, with its seqs: SQLite groups the rows (in C), so Python sees a few rows per
# distinct name instead of a tuple per claim. NULL when a seq is not stored as an integer.
_CLAIM_GROUPS = """
    SELECT location, extra, sources, agreement,
           CASE WHEN max(typeof(seq) <> 'integer') THEN NULL ELSE group_concat(seq) END
    FROM claims GROUP BY location, extra, sources, agreement
"""
_TERM_GROUPS = """
    SELECT agreement, kind, text,
           CASE WHEN max(typeof(seq) <> 'integer') THEN NULL ELSE group_concat(seq) END
    FROM claim_terms GROUP BY agreement, kind, text
"""


def _grouped(conn: Connection) -> tuple[dict[Any, set[int]], dict[Any, set[int]], set[int]] | None:
    """The names the claims rows give, and those claim_terms keeps, each with its seqs, and
    the claims' seqs; None when a seq is not an integer (the stretch by stretch reading then
    says what it always said)."""
    names = _Names()
    rebuilt: dict[Any, set[int]] = {}
    recorded: set[int] = set()
    for location, extra, sources, agreement, seqs in _driver_rows(conn, _CLAIM_GROUPS):
        if seqs is None:
            return None
        numbers = set(map(int, seqs.split(",")))
        recorded |= numbers
        for kind, text in names.of(location, extra, sources):
            rebuilt.setdefault((agreement, kind, text), set()).update(numbers)
    kept: dict[Any, set[int]] = {}
    for agreement, kind, text, seqs in _driver_rows(conn, _TERM_GROUPS):
        if seqs is None:
            return None
        kept[(agreement, kind, text)] = set(map(int, seqs.split(",")))
    return rebuilt, kept, recorded


def _in_order(
    lo: int, rebuilt: dict[Any, set[int]], kept: dict[Any, set[int]], recorded: set[int]
) -> Iterator[str]:
    """The differences in the order `_by_stretch` gives them: stretch by stretch, the names
    missing from claim_terms, then those it invents, each by seq."""
    missing = [
        (*name, seq) for name, seqs in rebuilt.items() for seq in seqs - kept.get(name, set())
    ]
    invented = [
        (*name, seq) for name, seqs in kept.items() for seq in seqs - rebuilt.get(name, set())
    ]
    stretches: dict[int, tuple[list[Row], list[Row]]] = {}
    for row in missing:
        stretches.setdefault((row[3] - lo) // STRETCH, ([], []))[0].append(row)
    for row in invented:
        stretches.setdefault((row[3] - lo) // STRETCH, ([], []))[1].append(row)
    for stretch in sorted(stretches):
        absent, extra = stretches[stretch]
        yield from _said(sorted(absent, key=_by_seq), sorted(extra, key=_by_seq), recorded)


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
    return _driver_rows(conn, sql)


def _driver_rows(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
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

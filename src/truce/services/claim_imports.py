"""Importing a file of claims: the one way `truce import` and `POST /api/claims/import` do it.

The whole file is checked first (every bad line listed, nothing written if any is bad unless
`skip_bad`), then who imports is held to what they may write, then every claim is appended in a
single transaction under the ledger's write lock: a failure or an interruption at any line
leaves the ledger exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy.exc import SQLAlchemyError

from truce.domain.claims import Claim
from truce.errors import ImportRejected, InputFileError, TruceWarning
from truce.io.claims_file import load_claims_file
from truce.services.access import Action, Principal, check_submission
from truce.services.admission import import_lookalike_warnings
from truce.services.supersession import check_supersedes
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult

# Claims written between two progress reports; the transaction spans them all.
PROGRESS_STEP = 5_000


class ImportFailed(InputFileError):
    code = "I300"
    default_hint = (
        "the ledger is as it was before; fix what the database refused (a figure too large, "
        "a full disk, a lost connection) and import the file again"
    )


@dataclass
class ImportOutcome:
    result: AppendResult
    errors: list[str] = field(default_factory=list)  # the bad lines, rendered, when skipped
    # Claims that look like a recorded event (or an earlier line's) under another event id.
    warnings: list[TruceWarning] = field(default_factory=list)

    @property
    def added(self) -> int:
        return len(self.result.added)

    @property
    def skipped(self) -> int:
        return len(self.result.skipped)


def import_claims(
    ledger: Ledger,
    path: str | Path,
    who: Principal,
    recorded_by: str | None,
    *,
    skip_bad: bool = False,
    shown_as: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_unknown: bool = False,
    fmt: str | None = None,
    keep_snapshots: bool = False,
) -> ImportOutcome:
    """Import a JSON Lines or CSV file all-or-nothing; `progress(done, total)` as it goes.

    `shown_as` replaces the file's path in line errors (an upload's own name, not a temp file);
    `allow_unknown` keeps claims naming ids the agreement does not declare, flagged; `fmt`
    ("jsonl" or "csv") overrides the format the file's extension names; `keep_snapshots`: see
    `store_claims`.
    """
    batch = load_claims_file(path, ledger, fmt, allow_unknown=allow_unknown)
    errors = [e.render() for e in batch.errors]
    if shown_as is not None:
        errors = [e.replace(str(path), shown_as) for e in errors]
    if errors and not skip_bad:
        raise ImportRejected(
            f"{len(errors)} line(s) of {shown_as or path} are not valid claims; "
            "nothing was imported",
            details=errors,
        )
    outcome = store_claims(
        ledger, batch.claims, who, recorded_by, shown_as or path, progress, keep_snapshots
    )
    outcome.errors = errors
    return outcome


def store_claims(
    ledger: Ledger,
    claims: list[Claim],
    who: Principal,
    recorded_by: str | None,
    shown_as: str | Path,
    progress: Callable[[int, int], None] | None = None,
    keep_snapshots: bool = False,
) -> ImportOutcome:
    """Append checked claims of one file in one transaction, after holding `who` to what they
    may write; `shown_as` names the file in a refusal. With `keep_snapshots` (a command, which
    no server's warm follows), each agreement written to has its snapshot made at the new head
    and kept in the database (`storage.kept_snapshot`), so that no first page or status after
    the import reads every claim again (docs/benchmarks.md, cold)."""
    check_import(ledger, who, claims)
    check_supersedes(ledger, who, claims)
    warnings = lookalikes_in(ledger, claims)
    try:
        result = ledger.append_claims(claims, recorded_by, progress, PROGRESS_STEP)
    # The driver's own errors too: appends write through its cursor (COPY, executemany), and a
    # value the database cannot hold fails there, not in SQLAlchemy.
    except (SQLAlchemyError, psycopg.Error, sqlite3.Error, OverflowError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise ImportFailed(
            f"the database refused the claims of {shown_as} ({reason}); nothing was imported"
        ) from None
    added = set(result.added)  # a line already recorded was warned about when it was added
    if keep_snapshots and added:
        for agreement in sorted({c.agreement for c in claims if c.id in added}):
            ledger.frame(agreement)
    return ImportOutcome(result, [], [w for claim, w in warnings if claim.id in added])


def check_import(ledger: Ledger, who: Principal, claims: list[Claim]) -> None:
    """Every claim must be one `who` may submit; the first that is not stops the import."""
    # A role that may record claims for any source passes every submission rule without them
    # reading the claim; spelling out a million claims for it would cost seconds for nothing.
    restricted = not who.role.may(Action.RECORD_CLAIM)
    parties: dict[str, set[str]] = {}
    for claim in claims:
        if claim.agreement not in parties:
            spec, _ = ledger.agreement(claim.agreement)
            parties[claim.agreement] = {p.id for p in spec.parties}
        fields: dict[str, object] = (
            claim.as_dict() if restricted else {"agreement": claim.agreement}
        )
        check_submission(who, fields, parties[claim.agreement])


def lookalikes_in(ledger: Ledger, claims: list[Claim]) -> list[tuple[Claim, TruceWarning]]:
    """Warnings for claims of the file that look like a recorded event, or like an earlier
    line's, under another event id (same type, actor, local day and figure)."""
    by_agreement: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.quantity is not None:
            by_agreement.setdefault(claim.agreement, []).append(claim)
    warnings: list[tuple[Claim, TruceWarning]] = []
    for agreement, new in by_agreement.items():
        spec, _ = ledger.agreement(agreement)
        fresh = {c.id for c in new}
        recorded = [
            c
            for c in ledger.claims_with_figures(agreement, (c.quantity or 0 for c in new))
            if c.id not in fresh
        ]
        warnings.extend(import_lookalike_warnings(spec, new, recorded))
    return warnings

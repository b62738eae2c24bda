"""Importing a file of claims: the one way `truce import` and `POST /api/claims/import` do it.

The whole file is checked first (every bad line listed, nothing written if any is bad unless
`skip_bad`), then who imports is held to what they may write, then every claim is appended in a
single transaction under the ledger's write lock: a failure or an interruption at any line
leaves the ledger exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from truce.access import Principal, check_submission
from truce.domain.claims import Claim
from truce.errors import InputFileError
from truce.io.claims_file import load_claims_file
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult

# Claims written between two progress reports; the transaction spans them all.
PROGRESS_STEP = 5_000


class ImportRejected(InputFileError):
    code = "I200"
    default_hint = (
        "fix the lines listed, or import the good lines only "
        "(`truce import --skip-bad`, or skip_bad=true over the API)"
    )

    def __init__(self, message: str, details: list[str], *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.details = details


@dataclass
class ImportOutcome:
    result: AppendResult
    errors: list[str] = field(default_factory=list)  # the bad lines, rendered, when skipped

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
) -> ImportOutcome:
    """Import a JSON Lines or CSV file all-or-nothing; `progress(done, total)` as it goes.

    `shown_as` replaces the file's path in line errors (an upload's own name, not a temp file).
    """
    batch = load_claims_file(path, ledger)
    errors = [e.render() for e in batch.errors]
    if shown_as is not None:
        errors = [e.replace(str(path), shown_as) for e in errors]
    if errors and not skip_bad:
        raise ImportRejected(
            f"{len(errors)} line(s) of {shown_as or path} are not valid claims; "
            "nothing was imported",
            details=errors,
        )
    check_import(ledger, who, batch.claims)
    result = ledger.append_claims(batch.claims, recorded_by, progress, PROGRESS_STEP)
    return ImportOutcome(result, errors)


def check_import(ledger: Ledger, who: Principal, claims: list[Claim]) -> None:
    """Every claim must be one `who` may submit; the first that is not stops the import."""
    parties: dict[str, set[str]] = {}
    for claim in claims:
        if claim.agreement not in parties:
            spec, _ = ledger.agreement(claim.agreement)
            parties[claim.agreement] = {p.id for p in spec.parties}
        # Only what the rule reads: a full `as_dict` per claim would cost seconds at 1M claims.
        fields: dict[str, object] = {
            "agreement": claim.agreement,
            "status": claim.status.value,
            "sources": [s.as_dict() for s in claim.sources],
        }
        check_submission(who, fields, parties[claim.agreement])

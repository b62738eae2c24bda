"""Claims: one submitted, recorded, superseded or ruled on, and a list filtered as asked."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from truce.domain.claim_checks import unchecked
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.errors import ClaimError
from truce.services.access import Principal, check_submission, own_source
from truce.services.admission import admit, input_error, lookalike_warnings
from truce.services.supersession import check_supersedes
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult

log = logging.getLogger("truce.kept")

# Where no snapshot is kept, a writer of N claims to an agreement builds it from every claim while
# the agreement has at most `build_bound(N)` claims (docs/status.md, "A head nobody judged"):
# - WHOLE_UP_TO: any writer, one claim too (about half a second of CPU at 50,000 claims): a
#   ledger grown by records alone passes through every size, so it keeps one from its first
#   record and folds from then on;
# - BUILD_PER_WRITTEN * N: the whole build reads, groups and keeps a claim for a sixth or less
#   of the CPU the cheapest write of one costs (`Ledger.append_claims`: 5.6-13x on SQLite,
#   16-20x on PostgreSQL with the server's share, 5.7-5.9x its client's alone; bench/keep_rule.py,
#   docs/benchmarks.md cold5), so a writer pays at most about its own write again, and a bulk
#   writer leaves a judged head.
WHOLE_UP_TO = 50_000
BUILD_PER_WRITTEN = 5


def submission(ledger: Ledger, who: Principal, fields: dict[str, Any]) -> dict[str, Any]:
    """A claim as `who` may submit it, through the API or the dashboard alike: a party only in
    its own name and never as a verdict, stamped with its own source when it names none."""
    spec, _ = ledger.agreement(str(fields.get("agreement")))
    check_submission(who, fields, {p.id for p in spec.parties})
    if who.role.party is not None and not fields.get("sources"):
        fields = {**fields, "sources": [own_source(who.role.party)]}
    return fields


def record_claim(
    ledger: Ledger,
    fields: dict[str, Any],
    recorded_by: str | None,
    who: Principal | None = None,
    allow_unknown: bool = False,
) -> AppendResult:
    """Validate one claim given as fields and append it; `who`, when given, must be allowed to.
    Each recorded event the claim looks like under another event id gives a warning."""
    try:
        claim_input = ClaimInput.model_validate(fields)
    except ValidationError as exc:
        raise input_error(exc, ClaimError(_first_problem(exc))) from None
    spec, _ = ledger.agreement(claim_input.agreement)
    claim = admit(spec, claim_input.to_claim(spec.zone, recorded_by), allow_unknown)
    if who is not None:
        check_supersedes(ledger, who, [claim])
    recorded = ledger.claims_like(claim) if claim.quantity is not None else []
    warnings = lookalike_warnings(spec, claim, recorded)
    result = ledger.append_claims([claim], recorded_by)
    return replace(result, warnings=tuple(warnings)) if claim.id in result.added else result


def build_bound(appended: int) -> int:
    """How many claims an agreement may have for a writer of `appended` of them to build its
    snapshot from every claim where none is kept: the write's size times `BUILD_PER_WRITTEN`,
    and never less than `WHOLE_UP_TO`."""
    return max(WHOLE_UP_TO, BUILD_PER_WRITTEN * appended)


def append_claims(
    ledger: Ledger,
    batch: Iterable[Claim],
    recorded_by: str | None,
    progress: Callable[[int, int], None] | None = None,
    step: int = 5_000,
) -> AppendResult:
    """The library's write of claims: `Ledger.append_claims` (all or nothing, claims already
    recorded skipped), then each agreement written to keeps its snapshot at the new head
    (`keep_snapshot` with the claims it gained), so that no next reader in any process reads
    every claim: a fold where one is kept, else the whole build while the agreement has at most
    `build_bound` of the claims written (a bulk writer builds; a writer of a few claims to a big
    ledger nobody judged leaves the build to the next status). Claims are not checked here
    (`record_claim` checks one given as fields). The snapshot is best effort, as in
    `keep_snapshot`: the claims are in whatever happens to it."""
    items = list(batch)
    result = ledger.append_claims(items, recorded_by, progress, step)
    added = set(result.added)
    keep_snapshots(ledger, [claim.agreement for claim in items if claim.id in added])
    return result


def keep_snapshots(ledger: Ledger, agreements: Iterable[str]) -> None:
    """`keep_snapshot` for each agreement written to, `agreements` naming one per claim
    appended (so each agreement's bound follows the claims it gained)."""
    written = Counter(agreements)
    for agreement in sorted(written):
        keep_snapshot(ledger, agreement, written[agreement])


def keep_snapshot(ledger: Ledger, agreement: str, appended: int = 1) -> bool:
    """After a writer no server's warm follows (a command, a library) appended `appended` claims
    to `agreement`, its snapshot kept at the new head for the next reader in any process: folded
    onto the one kept, or built while the agreement has at most `build_bound(appended)` claims
    (`Ledger.keep_snapshot`). Best effort: the claims are in whatever happens here, and a reader
    finds a snapshot that was not kept as it would have before (docs/status.md, "A head nobody
    judged"). Whether one at the head is kept."""
    try:
        kept = ledger.keep_snapshot(agreement, build_bound(appended))
    except Exception:  # a cache: the database or the folder refusing it must not fail the write
        log.exception("the snapshot of %s was not kept after the append", agreement)
        return False
    if not kept:
        log.info("no snapshot of %s kept: its next status reads every claim", agreement)
    return kept


def _first_problem(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "claim"
        problems.append(f"{where}: {err['msg']}")
    return "; ".join(problems)


VERDICTS = {"confirmed", "disputed", "retracted", "under_investigation"}


def change_status(
    ledger: Ledger, claim_id: str, status: str, by: str | None, note: str | None = None
) -> AppendResult:
    """A mediator's verdict on a claim: a new claim, same content, that supersedes it."""
    if status not in VERDICTS:
        raise ClaimError(
            f"{status!r} is not a verdict", hint=f"use one of {', '.join(sorted(VERDICTS))}"
        )
    old = ledger.claim(claim_id)
    fields = {k: v for k, v in old.payload().items() if v is not None}
    fields.update(status=status, supersedes=old.id, event_id=old.event_id or old.id)
    fields["notes"] = note or f"{status} by {by or 'unknown'}"
    # A verdict on a claim kept deliberately with `--allow-unknown` keeps it so, flagged.
    return record_claim(ledger, fields, by, allow_unknown=bool(unchecked(old)))


def supersede(
    ledger: Ledger,
    claim_id: str,
    fields: dict[str, Any],
    by: str | None,
    who: Principal | None = None,
) -> AppendResult:
    """A correction: the new claim's fields, recorded as superseding `claim_id`."""
    old = ledger.claim(claim_id)
    given = {**fields, "supersedes": old.id}
    given.setdefault("agreement", old.agreement)
    given.setdefault("event_id", old.event_id or old.id)
    return record_claim(ledger, given, by, who)


def filter_claims(
    claims: list[Claim],
    *,
    type_: str | None = None,
    actor: str | None = None,
    status: str | None = None,
    recorded_by: str | None = None,
) -> list[Claim]:
    def keep(c: Claim) -> bool:
        return (
            (type_ is None or c.type == type_)
            and (actor is None or c.actor == actor)
            and (status is None or c.status.value == status)
            and (recorded_by is None or c.recorded_by == recorded_by)
        )

    return [c for c in claims if keep(c)]

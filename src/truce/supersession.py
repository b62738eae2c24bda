"""Claims that supersede others, held to the access rule against what the ledger already holds.

Every way a claim enters the ledger — one claim, a correction, an imported file — passes its
claims through `check_supersedes` once they are built, so the rule in `truce.access` is applied
the same way whatever the door.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from truce.access import Action, Principal, check_supersede
from truce.domain.claims import Claim
from truce.storage.ledger import Ledger
from truce.storage.rows import LOAD_COLUMNS, ClaimLoader
from truce.storage.tables import claims as claims_table


def check_supersedes(ledger: Ledger, who: Principal, batch: Sequence[Claim]) -> None:
    """Refuse the whole batch if `who` may not record any of its superseding claims.

    A claim may supersede one recorded before it in the same batch; those count as recorded by
    `who`, since the batch is appended in its name.
    """
    earlier: dict[str, Claim] = {}
    for claim in batch:
        if claim.supersedes:
            target = earlier.get(claim.supersedes) or _stored(ledger, claim.supersedes)
            if target is not None and target.id in earlier:
                target = _as_recorded_by(target, who.name)
            replaced_by = [] if who.role.may(Action.RECORD_CLAIM) else _replacements(
                ledger, claim.supersedes, [_as_recorded_by(c, who.name) for c in earlier.values()]
            )  # fmt: skip
            check_supersede(who, claim, target, replaced_by)
        earlier[claim.id] = claim


def _stored(ledger: Ledger, claim_id: str) -> Claim | None:
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(*LOAD_COLUMNS).where(claims_table.c.id == claim_id)).all()
    return ClaimLoader().load(rows)[0] if rows else None


def _replacements(ledger: Ledger, claim_id: str, earlier: list[Claim]) -> list[Claim]:
    """The claims, stored or earlier in the batch, that already supersede `claim_id`."""
    query = select(*LOAD_COLUMNS).where(claims_table.c.supersedes == claim_id)
    with ledger.engine.connect() as conn:
        rows = conn.execute(query).all()
    stored = ClaimLoader().load(rows) if rows else []
    return stored + [c for c in earlier if c.supersedes == claim_id]  # all recorded by `who`


def _as_recorded_by(claim: Claim, name: str) -> Claim:
    from dataclasses import replace

    return replace(claim, recorded_by=name)

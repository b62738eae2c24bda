"""Claims that supersede others, held to the access rule against what the ledger already holds.

Every way a claim enters the ledger — one claim, a correction, an imported file — passes its
claims through `check_supersedes` once they are built, so the rule in
`truce.services.access` is applied the same way whatever the door.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import Column, select

from truce.domain.claims import Claim
from truce.services.access import Action, Principal, check_supersede
from truce.storage.ledger import Ledger
from truce.storage.rows import LOAD_COLUMNS, ClaimLoader
from truce.storage.tables import claims as claims_table

# Ids per query: well under every backend's limit on bound parameters.
LOOKUP_CHUNK = 500


def check_supersedes(ledger: Ledger, who: Principal, batch: Sequence[Claim]) -> None:
    """Refuse the whole batch if `who` may not record any of its superseding claims.

    A claim may supersede one recorded before it in the same batch; those count as recorded by
    `who`, since the batch is appended in its name.
    """
    wanted = {c.supersedes for c in batch if c.supersedes}
    if not wanted:
        return
    stored = {c.id: c for c in _load(ledger, claims_table.c.id, wanted)}
    party = not who.role.may(Action.RECORD_CLAIM)
    replaced_by: dict[str, list[Claim]] = {}
    if party:
        for c in _load(ledger, claims_table.c.supersedes, wanted):
            replaced_by.setdefault(str(c.supersedes), []).append(c)
    earlier: dict[str, Claim] = {}
    for claim in batch:
        if claim.supersedes:
            target = earlier.get(claim.supersedes) or stored.get(claim.supersedes)
            others = replaced_by.get(claim.supersedes, []) + [
                c for c in earlier.values() if c.supersedes == claim.supersedes
            ]
            check_supersede(who, claim, target, others)
        earlier[claim.id] = replace(claim, recorded_by=who.name)


def _load(ledger: Ledger, column: Column[str], ids: Iterable[str]) -> list[Claim]:
    ordered = sorted(ids)
    found: list[Claim] = []
    with ledger.engine.connect() as conn:
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            part = ordered[start : start + LOOKUP_CHUNK]
            rows = conn.execute(select(*LOAD_COLUMNS).where(column.in_(part))).all()
            if rows:
                found.extend(ClaimLoader().load(rows))
    return found

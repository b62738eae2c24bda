"""An agreement's record in clock order."""

from __future__ import annotations

from typing import Any

from truce.domain.engine.timeline import timeline
from truce.services.instants import parse_instant
from truce.storage.ledger import Ledger


def agreement_timeline(
    ledger: Ledger, agreement: str, at: str | None = None
) -> list[dict[str, Any]]:
    """The record in clock order; with `at`, only what had surely happened by that instant."""
    spec, _ = ledger.agreement(agreement)
    instant = parse_instant(at, spec.zone) if at else None
    return timeline(spec, ledger.claims(agreement), instant)

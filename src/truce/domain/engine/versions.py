"""Which recorded version of a spec judges an instant.

A ledger keeps every version of an agreement's spec, oldest first. A version with
`effective_from` judges only from that instant on: before it, the version in force is the latest
earlier one whose own `effective_from` has passed (or that declares none). A version without
`effective_from` judges every instant, as a spec always did: recording it applies it
retroactively, which is what a correction of a mistyped spec wants, and not what an amendment
agreed later wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from truce.domain.engine.clock import local_instant
from truce.domain.spec import AgreementSpec


@dataclass(frozen=True)
class Judge:
    """The version that judges, its number (1 = the first recorded) and how many there are."""

    spec: AgreementSpec
    version: int | None
    of: int | None

    def as_dict(self) -> dict[str, Any]:
        when = self.spec.effective_from
        return {
            "version": self.version,
            "of": self.of,
            "effective_from": (
                None
                if when is None
                else datetime.fromtimestamp(
                    local_instant(when, self.spec.zone), self.spec.zone
                ).isoformat()
            ),
        }


def judging(versions: Sequence[AgreementSpec], at: datetime) -> Judge:
    """The version in force at `at` (`versions` oldest first, at least one)."""
    instant = at.timestamp()
    chosen = 0
    for number, spec in enumerate(versions):
        when = spec.effective_from
        if when is None or local_instant(when, spec.zone) <= instant:
            chosen = number
    return Judge(versions[chosen], chosen + 1, len(versions))


def effective_instants(versions: Sequence[AgreementSpec]) -> list[float]:
    """Where `judging` may choose another version: each declared `effective_from`."""
    return [
        local_instant(spec.effective_from, spec.zone)
        for spec in versions
        if spec.effective_from is not None
    ]

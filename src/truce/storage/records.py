"""Small immutable records the ledger hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from truce.errors import TruceWarning


@dataclass(frozen=True, slots=True)
class Entry:
    """One link of the chain, as stored."""

    seq: int
    kind: str
    ref: str
    payload: str
    recorded_by: str | None
    recorded_at: str
    prev_hash: str
    hash: str

    def as_row(self) -> tuple[int, str, str, str, str | None, str, str, str]:
        """The entry in the `entries` table's column order."""
        return (self.seq, self.kind, self.ref, self.payload, self.recorded_by, self.recorded_at,
                self.prev_hash, self.hash)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "ref": self.ref,
            "payload": self.payload,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem with its own code (a `TruceError`'s code, message and hint), kept as data."""

    code: str
    message: str
    hint: str

    def render(self) -> str:
        return f"[{self.code}] {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}


@dataclass(frozen=True, slots=True)
class AppendResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    head: Entry | None = None
    # Set by the service that appended, not the ledger: what the caller should be told.
    warnings: tuple[TruceWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    id: str
    title: str
    seq: int
    versions: int


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    entries: int
    head: str | None
    problems: list[str] = field(default_factory=list)
    # Facts worth saying that are not problems, e.g. entries appended after a given head.
    notes: list[str] = field(default_factory=list)
    # Witnesses held outside the chain (head log, checkpoint): what each one failed on, with its
    # own code, and which ones were checked and held.
    witness_problems: list[Finding] = field(default_factory=list)
    witnesses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head,
            "problems": list(self.problems),
            "notes": list(self.notes),
            "witness_problems": [p.as_dict() for p in self.witness_problems],
            "witnesses": list(self.witnesses),
        }

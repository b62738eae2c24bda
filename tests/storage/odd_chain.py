"""A small ledger whose claims hold texts JSON escapes, and the tamperings every range check of
`truce verify` (the server's, `test_verify_server`; the compiled one, `test_verify_compiled`)
must report exactly as the entry-by-entry pass does.

Ranges are cut small (5 seqs) so each tampering lands inside a range, on its first or last
seq, and in the first or last range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import Source
from truce.domain.readings import Qualifier
from truce.storage import Ledger
from truce.storage.records import VerifyReport

CLAIMS = 23  # entries 2..24; ranges 1..5, 6..10, 11..15, 16..20, 21..24
RANGE = 5
# Texts that JSON escapes, or that a careless escaper would: quotes, backslashes, control
# characters, non-ASCII, a character outside the BMP, an apostrophe (SQL's quote).
ODD = ['say "no"', "back\\slash", "line\nbreak\ttab", "bell\x07", "Ağrı – Gazze", "🙂", "it's"]


def fill(ledger: Ledger, make_claim: ClaimFactory, *, readings: bool = False) -> None:
    """Entry 1 is the agreement, 2..24 claims with odd texts, extras and sources (and, with
    `readings`, qualifiers and parts)."""
    ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
    for n in range(CLAIMS):
        odd = ODD[n % len(ODD)]
        changes: dict[str, Any] = {"notes": odd, "location": odd if n % 2 else None}
        if n % 3 == 0:
            changes["extra"] = {"place": {"name": odd}, "n": n}
        if n % 4 == 0:
            changes["sources"] = (Source(outlet=odd, speaker="Majed al-Ansari"),)
        if n % 5 == 0:
            changes["categories"] = ()
        if readings and n % 6 == 1:
            changes["qualifier"] = Qualifier.ABOUT
        if readings and n % 7 == 2:
            changes["parts"] = (("children", 10), ("women", 3))
        ledger.append_claims([make_claim(n, **changes)], f"analyst {odd}")


def tamper(ledger: Ledger, *statements: str) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def ref(ledger: Ledger, seq: int) -> str:
    with ledger.engine.connect() as conn:
        return str(conn.execute(text(f"SELECT ref FROM entries WHERE seq = {seq}")).scalar())


@dataclass(frozen=True)
class Tampering:
    """Statements that damage the chain, and what the report must then say first."""

    name: str
    statements: tuple[str, ...]
    holds: Callable[[Ledger, VerifyReport], bool]

    def __str__(self) -> str:
        return self.name


def _deleted(seq: int) -> Tampering:
    gap = f"seq gap at {seq}: next entry is {seq + 1} (entries deleted or moved)"
    last = seq == CLAIMS + 1  # the head's entry: the head log finds it, no gap follows
    return Tampering(
        f"entry {seq} deleted",
        (f"DELETE FROM entries WHERE seq = {seq}",),
        lambda _, r: not r.ok and (last or r.problems[0] == gap),
    )


def _swapped(a: int, b: int) -> Tampering:
    return Tampering(
        f"entries {a} and {b} swapped",
        (
            f"UPDATE entries SET seq = -1 WHERE seq = {a}",
            f"UPDATE entries SET seq = {a} WHERE seq = {b}",
            f"UPDATE entries SET seq = {b} WHERE seq = -1",
        ),
        lambda _, r: r.problems[0].startswith(f"broken link at seq {a}"),
    )


def _forged_hash(seq: int) -> Tampering:
    """A hash rewritten to match an edited entry breaks the link of the entry after it."""
    expected = [
        f"hash mismatch at seq {seq}: the entry was edited after it was recorded",
        f"broken link at seq {seq + 1}: prev_hash does not match the entry before it "
        "(entries deleted, reordered or inserted)",
    ]
    return Tampering(
        f"hash of {seq} forged",
        (f"UPDATE entries SET hash = '{'ab' * 32}' WHERE seq = {seq}",),
        lambda _, r: r.problems == expected,
    )


TAMPERINGS = [
    Tampering(
        "claims row 11 deleted",
        ("DELETE FROM claims WHERE seq = 11",),
        lambda ledger, r: (
            r.problems
            == [f"claim {ref(ledger, 11)} (seq 11) is missing from the claims projection"]
        ),
    ),
    *(_deleted(seq) for seq in (2, 5, 6, 10, 11, 23, 24)),
    *(_swapped(a, b) for a, b in ((5, 6), (10, 11), (12, 13), (2, 24))),
    *(_forged_hash(seq) for seq in (5, 6, 15)),
]

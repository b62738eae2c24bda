"""The ledger as the edges hold it: opened or created here, then passed to the services.

`Ledger` is the handle every service takes. The edges open it through `open_ledger` or
`init_ledger` and call its own reading methods (`agreement`, `claims`, `frame`, ...); they never
reach its engine or tables: whatever needs a query is a service.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from truce.storage import checkpoint as checkpoints
from truce.storage.checkpoint import Checkpoint
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult, Entry
from truce.storage.tables import entries

__all__ = [
    "AppendResult",
    "Checkpoint",
    "Entry",
    "Ledger",
    "head_seq",
    "init_ledger",
    "load_checkpoint",
    "open_ledger",
    "signing_key",
    "take_checkpoint",
]

_HEAD = select(entries.c.seq).order_by(entries.c.seq.desc()).limit(1)


def open_ledger(url: str) -> Ledger:
    """An existing ledger (L-codes when it is missing or not a ledger)."""
    return Ledger.open(url)


def init_ledger(url: str) -> Ledger:
    """The ledger at `url`, created or upgraded to the latest migration."""
    return Ledger.init(url)


def head_seq(ledger: Ledger) -> int:
    """The seq of the chain's last entry (0 when empty): one indexed query, a version number
    for everything a read can return, since every write appends an entry."""
    with ledger.engine.connect() as conn:
        return int(conn.execute(_HEAD).scalar() or 0)


def load_checkpoint(path: Path, signed_by: Path | None = None) -> tuple[Checkpoint, str | None]:
    """A checkpoint file, and the key id that signed it when `signed_by` is given (its
    signature checked; a bad one is refused)."""
    point = checkpoints.load(path)
    key = checkpoints.load_public_key(signed_by) if signed_by is not None else None
    return point, checkpoints.check_signature(point, key)


def signing_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key (PEM) at `path`, read before the ledger is opened."""
    return checkpoints.load_private_key(path)


def take_checkpoint(ledger: Ledger, key: Ed25519PrivateKey | None = None) -> Checkpoint:
    """The ledger's head as a checkpoint, signed with `key` when given."""
    return ledger.checkpoint(key)

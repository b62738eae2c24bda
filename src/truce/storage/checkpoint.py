"""Checkpoints: the ledger's head written down small enough to publish, optionally signed.

A checkpoint names the chain (the hash of its first entry), a seq and the hash of the entry at
that seq. Kept by a mediator, or published where the ledger's keeper cannot take it back, it
lets anyone later check that the ledger still holds that entry with that hash: since each hash
covers the one before, the whole history up to it is then unchanged. A cut tail or a rewritten
history fails (`truce verify --against FILE`). Signed with an Ed25519 key, it also shows who
took it: the signature covers the checkpoint's canonical JSON without the signature itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, func, select

from truce.errors import TruceError
from truce.storage.chain import canonical
from truce.storage.tables import entries
from truce.storage.writes import now_utc, read_head

FORMAT = "truce-checkpoint/1"
ALGORITHM = "ed25519"


class CheckpointMismatch(TruceError):
    code = "L202"
    default_hint = (
        "the ledger no longer holds the history the checkpoint witnessed: restore the ledger "
        "from a copy that does (a backup, another replica), and find out who cut or rewrote it"
    )


class CheckpointOfAnotherLedger(TruceError):
    code = "L203"
    default_hint = "check --db and the checkpoint file: they must be of the same ledger"


class CheckpointUnreadable(TruceError):
    code = "L204"
    default_hint = "give the JSON file `truce checkpoint` wrote, unchanged"


class CheckpointSignatureInvalid(TruceError):
    code = "L205"
    default_hint = (
        "the checkpoint was changed after it was signed, or signed by another key than "
        "--signed-by: get the checkpoint again from whoever published it"
    )


class NothingToCheckpoint(TruceError):
    code = "L206"
    default_hint = "record something first (`truce agreement add`, `truce import`)"


class SigningKeyUnreadable(TruceError):
    code = "L207"
    default_hint = (
        "give an Ed25519 key in PEM: a private key to sign (`openssl genpkey -algorithm "
        "ed25519 -out key.pem`), its public key to check (`openssl pkey -in key.pem -pubout`)"
    )


@dataclass(frozen=True)
class Checkpoint:
    ledger: str  # the hash of entry 1: names the chain
    seq: int
    head: str  # the hash of entry `seq`
    entries: int
    taken_at: str
    format: str = FORMAT
    signature: dict[str, str] | None = None

    def body(self) -> dict[str, Any]:
        """What a signature covers: every field but the signature."""
        data = asdict(self)
        del data["signature"]
        return data

    def as_dict(self) -> dict[str, Any]:
        data = self.body()
        if self.signature is not None:
            data["signature"] = dict(self.signature)
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, sort_keys=True) + "\n"


def take(conn: Connection, key: Ed25519PrivateKey | None = None) -> Checkpoint:
    """A checkpoint of the head as this connection sees it."""
    head = read_head(conn)
    if head is None:
        raise NothingToCheckpoint("the ledger is empty: there is no head to witness")
    first = conn.execute(select(entries.c.hash).where(entries.c.seq == 1)).scalar()
    count = conn.execute(select(func.count()).select_from(entries)).scalar_one()
    point = Checkpoint(str(first), head.seq, head.hash, int(count), now_utc())
    if key is None:
        return point
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    value = key.sign(canonical(point.body()).encode("utf-8"))
    signature = {"algorithm": ALGORITHM, "public_key": public.hex(), "value": value.hex()}
    return Checkpoint(**{**point.body(), "signature": signature})


def load(path: Path) -> Checkpoint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        point = Checkpoint(
            ledger=str(data["ledger"]),
            seq=int(data["seq"]),
            head=str(data["head"]),
            entries=int(data["entries"]),
            taken_at=str(data["taken_at"]),
            format=str(data["format"]),
            signature=_signature(data.get("signature")),
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CheckpointUnreadable(f"cannot read the checkpoint {path}: {exc}") from None
    if point.format != FORMAT:
        raise CheckpointUnreadable(f"{path} is not a {FORMAT} checkpoint (format {point.format!r})")
    return point


def _signature(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"algorithm", "public_key", "value"}:
        raise ValueError("the signature must have algorithm, public_key and value")
    return {k: str(v) for k, v in value.items()}


def check_signature(point: Checkpoint, signed_by: Ed25519PublicKey | None) -> str | None:
    """The signer's public key (hex) when the signature holds; raises when it does not, or when
    `signed_by` is given and did not sign it."""
    if point.signature is None:
        if signed_by is not None:
            raise CheckpointSignatureInvalid("the checkpoint is not signed")
        return None
    sig = point.signature
    try:
        if sig["algorithm"] != ALGORITHM:
            raise ValueError(f"unknown algorithm {sig['algorithm']!r}")
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(sig["public_key"]))
        public.verify(bytes.fromhex(sig["value"]), canonical(point.body()).encode("utf-8"))
    except (ValueError, InvalidSignature):
        raise CheckpointSignatureInvalid("the checkpoint's signature does not verify") from None
    if signed_by is not None and raw_hex(signed_by) != sig["public_key"]:
        raise CheckpointSignatureInvalid("the checkpoint was signed by another key")
    return sig["public_key"]


def check_chain(conn: Connection, point: Checkpoint) -> list[TruceError]:
    """Whether the chain still holds the checkpoint's head at its seq (the chain's own hashes
    are checked by verify; this only compares the stored ones)."""
    query = select(entries.c.seq, entries.c.hash).where(entries.c.seq.in_({1, point.seq}))
    found: dict[int, str] = {seq: digest for seq, digest in conn.execute(query)}
    if found.get(1) is not None and found[1] != point.ledger:
        return [
            CheckpointOfAnotherLedger(
                f"the checkpoint is of the ledger starting {point.ledger[:12]}…; this one "
                f"starts {found[1][:12]}…"
            )
        ]
    at = found.get(point.seq)
    if at is None:
        return [
            CheckpointMismatch(
                f"the checkpoint of {point.taken_at} names entry {point.seq} "
                f"({point.head[:12]}…), which the ledger no longer has: its tail was lost"
            )
        ]
    if at != point.head:
        return [
            CheckpointMismatch(
                f"entry {point.seq} is {at[:12]}…, but the checkpoint of {point.taken_at} "
                f"names {point.head[:12]}…: the history up to it was rewritten"
            )
        ]
    return []


def raw_hex(key: Ed25519PublicKey) -> str:
    """A public key as the 64 hex digits a checkpoint carries."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyUnreadable(f"cannot read a private key from {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyUnreadable(f"{path} holds a key of another kind than Ed25519")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        data = path.read_bytes()
        try:
            key: Any = serialization.load_pem_public_key(data)
        except ValueError:
            key = serialization.load_pem_private_key(data, password=None).public_key()
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyUnreadable(f"cannot read a public key from {path}: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyUnreadable(f"{path} holds a key of another kind than Ed25519")
    return key

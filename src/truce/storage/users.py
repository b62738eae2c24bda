"""Users of a truce server, kept beside the chain and covered by it.

A token is shown once when a user is added; only its sha256 is stored. Tokens are 256 random
bits, so a fast hash is enough: there is no password to guess.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, select

from truce.errors import TruceError
from truce.storage.chain import canonical
from truce.storage.tables import users
from truce.storage.writes import Pending, append_entry, write_transaction

TOKEN_PREFIX = "truce_"


class UserExists(TruceError):
    code = "U102"
    default_hint = "choose another name, or revoke the old user first with `truce user revoke`"


class UnknownUser(TruceError):
    code = "U103"
    default_hint = "list users with `truce user list`"


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    active: bool
    seq: int

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "active": self.active, "seq": self.seq}


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_payload(name: str, role: str, digest: str, active: bool) -> str:
    return canonical({"name": name, "role": role, "token_sha256": digest, "active": active})


class UserStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, name: str, role: str, by: str | None) -> tuple[User, str]:
        """Create a user; returns it with its token, which is never stored or shown again."""
        token = new_token()
        digest = token_hash(token)
        with write_transaction(self._engine) as conn:
            if conn.execute(select(users.c.name).where(users.c.name == name)).first():
                raise UserExists(f"a user named {name!r} already exists")
            payload = user_payload(name, role, digest, True)
            entry = append_entry(conn, Pending("user", name, payload, by))
            conn.execute(users.insert(), [{"name": name, "seq": entry.seq, "role": role,
                                           "token_hash": digest, "active": True}])  # fmt: skip
        return User(name, role, True, entry.seq), token

    def revoke(self, name: str, by: str | None) -> User:
        with write_transaction(self._engine) as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
            if row is None:
                raise UnknownUser(f"no user named {name!r}")
            payload = user_payload(name, row.role, row.token_hash, False)
            entry = append_entry(conn, Pending("user", name, payload, by))
            conn.execute(
                users.update().where(users.c.name == name).values(active=False, seq=entry.seq)
            )
        return User(name, row.role, False, entry.seq)

    def by_token(self, token: str) -> User | None:
        """The active user a token belongs to, or None."""
        with self._engine.connect() as conn:
            row = conn.execute(
                select(users).where(users.c.token_hash == token_hash(token), users.c.active)
            ).first()
        return None if row is None else User(row.name, row.role, row.active, row.seq)

    def list(self) -> list[User]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(users).order_by(users.c.name)).all()
        return [User(r.name, r.role, r.active, r.seq) for r in rows]

    def count(self) -> int:
        return len(self.list())

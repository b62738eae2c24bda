"""Dashboard sessions: what a browser holds instead of a user's API token.

A session id is 256 random bits; only its sha256 is stored, with the user and an absolute
expiry. Signing out deletes the row, so a copied cookie dies with the session; a revoked user's
sessions stop working at once because every lookup joins the active users.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from sqlalchemy import Engine, delete, select

from truce.storage.tables import sessions, users
from truce.storage.users import User, token_hash
from truce.storage.writes import write_transaction


def csrf_token(session_id: str) -> str:
    """The form token of a session: derived from its id, so nothing more is stored, and useless
    without the id, which only the browser's HttpOnly cookie holds."""
    return hmac.new(session_id.encode(), b"truce-csrf", hashlib.sha256).hexdigest()


class SessionStore:
    def __init__(self, engine: Engine, lifetime_s: int) -> None:
        self._engine = engine
        self._lifetime = lifetime_s

    def open(self, user: str) -> str:
        """A new session for `user`; returns its id, never stored or shown again."""
        session_id = secrets.token_urlsafe(32)
        now = int(time.time())
        with write_transaction(self._engine) as conn:
            conn.execute(delete(sessions).where(sessions.c.expires_at <= now))
            conn.execute(sessions.insert(), [{"id_hash": token_hash(session_id), "user_name": user,
                                              "created_at": now,
                                              "expires_at": now + self._lifetime}])  # fmt: skip
        return session_id

    def user(self, session_id: str) -> User | None:
        """The active user of a live session, or None (unknown, expired, signed out, revoked)."""
        query = (
            select(users)
            .join(sessions, sessions.c.user_name == users.c.name)
            .where(
                sessions.c.id_hash == token_hash(session_id),
                sessions.c.expires_at > int(time.time()),
                users.c.active,
            )
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else User(row.name, row.role, row.active, row.seq)

    def close(self, session_id: str) -> None:
        with write_transaction(self._engine) as conn:
            conn.execute(delete(sessions).where(sessions.c.id_hash == token_hash(session_id)))


def same_token(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())

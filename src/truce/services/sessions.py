"""Dashboard sessions: opened by a token, read on each request, closed on logout; and the
form token (CSRF) tied to a session."""

from __future__ import annotations

from truce.storage.ledger import Ledger
from truce.storage.sessions import SessionStore, csrf_token, same_token
from truce.storage.users import User

__all__ = ["close_session", "csrf_token", "open_session", "same_token", "session_user"]


def open_session(ledger: Ledger, user: str, seconds: int) -> str:
    """A new session for `user`, lasting `seconds`: its id."""
    return SessionStore(ledger.engine, seconds).open(user)


def session_user(ledger: Ledger, session_id: str, seconds: int) -> User | None:
    """The user of a live session, or None when it has ended or never was."""
    return SessionStore(ledger.engine, seconds).user(session_id)


def close_session(ledger: Ledger, session_id: str, seconds: int) -> None:
    SessionStore(ledger.engine, seconds).close(session_id)

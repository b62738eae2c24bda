"""Users and their tokens: added, listed, revoked, and found by the token they present."""

from __future__ import annotations

from truce.storage.ledger import Ledger
from truce.storage.users import UnknownUser, User, UserExists, UserStore, token_hash

__all__ = [
    "UnknownUser",
    "User",
    "UserExists",
    "add_user",
    "first_admin",
    "list_users",
    "revoke_user",
    "token_hash",
    "user_by_token",
]


def add_user(ledger: Ledger, name: str, role: str, by: str | None) -> tuple[User, str]:
    """A new user with `role`, and the token to hand over (shown once, kept only as a hash)."""
    return UserStore(ledger.engine).add(name, role, by)


def revoke_user(ledger: Ledger, name: str, by: str | None) -> User:
    return UserStore(ledger.engine).revoke(name, by)


def list_users(ledger: Ledger) -> list[User]:
    return UserStore(ledger.engine).list()


def user_by_token(ledger: Ledger, token: str) -> User | None:
    """The active user holding `token`, or None."""
    return UserStore(ledger.engine).by_token(token)


def first_admin(ledger: Ledger, name: str, by: str) -> str | None:
    """An admin named `name` when the ledger has no user yet: its token, else None (also when
    another server process on the same database added the first user first)."""
    store = UserStore(ledger.engine)
    if store.count() != 0:
        return None
    try:
        _, token = store.add(name, "admin", by)
    except UserExists:
        return None
    return token

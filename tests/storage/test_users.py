"""Users live beside the chain and under it: verify finds a swapped token hash or role."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from truce.storage.ledger import Ledger
from truce.storage.tables import users
from truce.storage.users import UnknownUser, UserExists, UserStore, token_hash


@pytest.fixture
def store(ledger_url: str) -> UserStore:
    return UserStore(Ledger.init(ledger_url).engine)


def test_only_the_hash_of_a_token_is_kept(store: UserStore) -> None:
    user, token = store.add("ana", "mediator", "admin")
    assert token.startswith("truce_") and len(token) > 40
    with store._engine.connect() as conn:  # noqa: SLF001 - looking at what is stored
        stored = conn.execute(users.select()).all()
    assert token not in str(stored) and token_hash(token) in str(stored)
    assert store.by_token(token) == user
    assert store.by_token(token + "x") is None


def test_names_are_unique(store: UserStore) -> None:
    store.add("ana", "observer", None)
    with pytest.raises(UserExists):
        store.add("ana", "admin", None)


def test_revoking_keeps_the_user_but_not_the_token(store: UserStore) -> None:
    _, token = store.add("ana", "observer", None)
    store.revoke("ana", "admin")
    assert store.by_token(token) is None
    assert [(u.name, u.active) for u in store.list()] == [("ana", False)]
    with pytest.raises(UnknownUser):
        store.revoke("bob", None)


def test_verify_covers_users(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    store = UserStore(ledger.engine)
    store.add("ana", "observer", "admin")
    store.add("bob", "mediator", "admin")
    store.revoke("bob", "admin")
    assert ledger.verify().ok
    with ledger.engine.begin() as conn:  # an attacker swaps in a token they know, as admin
        conn.execute(
            update(users)
            .where(users.c.name == "ana")
            .values(token_hash=token_hash("truce_mine"), role="admin")
        )
    report = ledger.verify()
    assert not report.ok
    assert any("users row ana" in p for p in report.problems)
    ledger.close()

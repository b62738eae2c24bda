"""First start: the example and one admin, once; later starts change nothing."""

from __future__ import annotations

from truce.server.bootstrap import prepare
from truce.server.settings import ServerSettings
from truce.storage.users import UserStore


def test_first_start_then_restart(ledger_url: str) -> None:
    settings = ServerSettings(db=ledger_url)
    first = prepare(settings)
    assert first.example_loaded and first.admin_token
    head = first.ledger.head()
    again = prepare(settings)
    assert not again.example_loaded and again.admin_token is None
    assert again.ledger.head() == head
    users = UserStore(again.ledger.engine)
    assert [(u.name, u.role) for u in users.list()] == [("admin", "admin")]
    assert users.by_token(first.admin_token) is not None
    first.ledger.close()
    again.ledger.close()


def test_no_example_and_no_admin_when_asked(tmp_path: object) -> None:
    started = prepare(
        ServerSettings(db=f"{tmp_path}/bare.db", load_example=False, bootstrap_admin=False)
    )
    assert started.ledger.agreements() == [] and started.admin_token is None
    assert UserStore(started.ledger.engine).count() == 0
    started.ledger.close()

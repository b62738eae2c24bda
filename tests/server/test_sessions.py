"""Dashboard sessions on SQLite and PostgreSQL: they expire, die with their user, and are
stored only as hashes."""

from __future__ import annotations

import time

from sqlalchemy import select

from tests.server.conftest import start
from truce.storage.tables import sessions
from truce.storage.users import UserStore, token_hash


def test_an_expired_session_is_refused(ledger_url: str) -> None:
    server = start(ledger_url, session_seconds=1)
    try:
        session = server.sign_in("observer")
        assert session is not None
        assert session.browser.get("/index.json").status_code == 200
        time.sleep(1.5)
        expired = session.browser.get("/index.json", follow_redirects=False)
        assert expired.status_code == 303 and expired.headers["location"].startswith("/login")
    finally:
        server.client.close()
        server.ledger.close()


def test_a_revoked_users_sessions_end_and_only_hashes_are_kept(ledger_url: str) -> None:
    server = start(ledger_url)
    try:
        session = server.sign_in("mediator")
        assert session is not None
        with server.ledger.engine.connect() as conn:
            stored = conn.execute(select(sessions.c.id_hash, sessions.c.user_name)).all()
        assert [tuple(r) for r in stored] == [(token_hash(session.cookie), "mediator")]
        assert session.cookie not in str(stored)
        UserStore(server.ledger.engine).revoke("mediator", "admin")
        gone = session.browser.get("/index.json", follow_redirects=False)
        assert gone.status_code == 303
    finally:
        server.client.close()
        server.ledger.close()

"""The services the edges call instead of storage, on real ledgers (SQLite and PostgreSQL):
the first admin is made once, the head's seq moves with every write, sessions open and close,
and a checkpoint is written and read back through `services.ledger`."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import gaza_spec
from truce.services import ledger as ledgers
from truce.services import sessions, users
from truce.spec_yaml import dump_spec


def test_the_first_admin_is_made_once_and_only_on_an_empty_ledger(ledger_url: str) -> None:
    with ledgers.init_ledger(ledger_url) as ledger:
        token = users.first_admin(ledger, "admin", "first start")
        assert token is not None
        found = users.user_by_token(ledger, token)
        assert found is not None and (found.name, found.role) == ("admin", "admin")
        # A second start makes none, whatever name it would give; nor does a process that
        # raced the first to the same name.
        assert users.first_admin(ledger, "root", "second start") is None
        assert [u.name for u in users.list_users(ledger)] == ["admin"]


def test_the_head_seq_moves_with_every_write(ledger_url: str) -> None:
    with ledgers.init_ledger(ledger_url) as ledger:
        assert ledgers.head_seq(ledger) == 0
        spec = gaza_spec()
        ledger.add_agreement(spec, dump_spec(spec), "analyst")
        after_spec = ledgers.head_seq(ledger)
        assert after_spec == 1
        users.add_user(ledger, "ana", "mediator", "admin")
        assert ledgers.head_seq(ledger) == after_spec + 1
        users.revoke_user(ledger, "ana", "admin")
        assert ledgers.head_seq(ledger) == after_spec + 2
        head = ledger.head()
        assert head is not None and head.seq == ledgers.head_seq(ledger)


def test_a_session_is_opened_read_and_closed(ledger_url: str) -> None:
    with ledgers.init_ledger(ledger_url) as ledger:
        users.add_user(ledger, "ana", "observer", "admin")
        session = sessions.open_session(ledger, "ana", 3600)
        seen = sessions.session_user(ledger, session, 3600)
        assert seen is not None and seen.name == "ana"
        assert sessions.same_token(sessions.csrf_token(session), sessions.csrf_token(session))
        sessions.close_session(ledger, session, 3600)
        assert sessions.session_user(ledger, session, 3600) is None


def test_a_checkpoint_taken_is_read_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    with ledgers.init_ledger(url) as ledger:
        spec = gaza_spec()
        ledger.add_agreement(spec, dump_spec(spec), "analyst")
        point = ledgers.take_checkpoint(ledger)
    path = tmp_path / "head.json"
    path.write_text(point.to_json(), encoding="utf-8")
    with ledgers.open_ledger(url) as ledger:
        read, signer = ledgers.load_checkpoint(path)
        assert (read.seq, read.head, signer) == (point.seq, point.head, None)
        assert ledger.verify(against=read).ok

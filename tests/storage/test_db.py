from __future__ import annotations

from pathlib import Path

import pytest

from truce.storage.chain import GENESIS, canonical, entry_hash
from truce.storage.db import resolve_url


def test_plain_paths_become_absolute_sqlite_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("ledger.db") == f"sqlite:///{tmp_path / 'ledger.db'}"
    assert resolve_url("/srv/truce.db") == "sqlite:////srv/truce.db"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u:p@h:5433/db", "postgresql+psycopg://u:p@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_urls(given: str, expected: str) -> None:
    assert resolve_url(given) == expected


@pytest.mark.parametrize("recorded_by", [None, 'Zoë "the analyst"\n'])
def test_entry_hash_is_sha256_of_the_canonical_entry(recorded_by: str | None) -> None:
    import hashlib

    fields = {
        "seq": 7, "kind": "claim", "ref": "c123", "payload": canonical({"q": "«é»\\", "n": 1}),
        "recorded_by": recorded_by, "recorded_at": "2023-11-24T05:00:00+00:00",
        "prev_hash": GENESIS,
    }  # fmt: skip
    expected = hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()
    assert entry_hash(**fields) == expected  # type: ignore[arg-type]


def test_sqlite_connections_get_a_page_cache_for_large_ledgers(tmp_path: Path) -> None:
    from sqlalchemy import text

    from truce.storage.db import SQLITE_CACHE_KIB, make_engine

    engine = make_engine(str(tmp_path / "cache.db"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -SQLITE_CACHE_KIB
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_the_head_revision_read_without_alembic_is_alembics() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from truce.storage.schema import MIGRATIONS, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    assert head_revision() is not None


def test_a_ledger_opens_without_importing_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    from truce.storage import Ledger

    Ledger.init(str(tmp_path / "l.db")).close()
    probe = (
        "import sys; from truce.storage import Ledger; "
        f"Ledger.open({str(tmp_path / 'l.db')!r}).close(); print('alembic' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert shown.stdout.strip() == "False", shown.stderr

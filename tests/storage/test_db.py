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

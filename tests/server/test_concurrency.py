"""Many writers at once, over real HTTP, keep the ledger chain valid.

On PostgreSQL two server processes share one database, each hit by several threads: the append
lock must hold across processes, not only across threads.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import postgres_database
from tests.server.conftest import release
from tests.server.live import serving
from truce.storage.ledger import Ledger
from truce.storage.users import UserStore

THREADS = 4
CLAIMS_PER_THREAD = 12


def _write(url: str, token: str, worker: int) -> list[str]:
    added: list[str] = []
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        for n in range(CLAIMS_PER_THREAD):
            body = release(quantity=1000 + worker * 100 + n, notes=f"writer {worker}")
            response = client.post("/api/claims", json=body)
            assert response.status_code == 201, response.text
            added += response.json()["added"]
            if n % 4 == 3:  # verdicts are writes too: they supersede
                verdict = client.post(
                    f"/api/claims/{added[-1]}/status", json={"status": "confirmed"}
                )
                assert verdict.status_code == 201, verdict.text
                added += verdict.json()["added"]
    return added


def _hammer(urls: list[str], token: str) -> list[str]:
    jobs = [(urls[w % len(urls)], w) for w in range(THREADS * len(urls))]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(lambda job: _write(job[0], token, job[1]), jobs))
    return [claim for batch in results for claim in batch]


def _check(db: str, added: list[str], writers: int) -> None:
    with Ledger.open(db) as ledger:
        report = ledger.verify()
        assert report.ok, report.problems
        ids = {c.id for c in ledger.claims("gaza-2023-11")}
    assert len(added) == len(set(added)) == writers * CLAIMS_PER_THREAD * 5 // 4
    assert set(added) <= ids


@pytest.mark.postgres
def test_parallel_writers_on_two_postgresql_servers() -> None:
    databases = postgres_database()
    db = next(databases)
    try:
        with serving(db) as first, serving(db, expect_token=False) as second:
            assert first.admin_token
            added = _hammer([first.url, second.url], first.admin_token)
        _check(db, added, THREADS * 2)
    finally:
        next(databases, None)


def test_parallel_writers_on_sqlite(tmp_path: Path) -> None:
    db = str(tmp_path / "busy.db")
    with serving(db) as live:
        assert live.admin_token
        added = _hammer([live.url], live.admin_token)
    _check(db, added, THREADS)
    with Ledger.open(db) as ledger:
        assert [u.name for u in UserStore(ledger.engine).list()] == ["admin"]

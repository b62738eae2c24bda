"""A running `truce serve` and `truce` commands on one SQLite file, at the same time.

SQLite's WAL mode is safe between processes only while each process holds its POSIX locks on the
file: a command that finds the file unlocked when it closes checkpoints and deletes the WAL
under the server, whose later writes are then acknowledged and lost. These tests read the
server's locks from /proc/locks, write through the API from threads while the CLI imports, adds
and revokes users and reads, and kill the server mid-write; every acknowledged write must be
there afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import release
from tests.server.live import Live, serving
from truce.storage.ledger import Ledger
from truce.storage.users import UserStore

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads /proc/locks")

AGREEMENT = "gaza-2023-11"
CLAIMS_PER_WRITER = 10
IMPORTED = 25


def held_locks(pid: int, path: Path) -> list[str]:
    """The POSIX locks process `pid` holds on `path` (its inode), as /proc/locks lists them."""
    inode = os.stat(path).st_ino
    held = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 1 and fields[1] == "->":  # a waiter, listed under the lock it waits on
            continue
        owner, device = fields[4], fields[5]
        if owner == str(pid) and int(device.split(":")[2]) == inode:
            held.append(line)
    return held


def truce(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRUCE_DB": str(db), "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "truce", *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def client(live: Live, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token or live.admin_token}"}
    return httpx.Client(base_url=live.url, headers=headers, timeout=30)


def post_claims(live: Live, worker: int, acknowledged: list[str], count: int) -> None:
    """Post `count` claims; the ids of those answered 201 go to `acknowledged`."""
    with client(live) as api:
        for n in range(count):
            body = release(quantity=10_000 + worker * 1000 + n, notes=f"api writer {worker}")
            try:
                response = api.post("/api/claims", json=body)
            except httpx.TransportError:
                return  # the server is gone (the kill test): unacknowledged, so not counted
            assert response.status_code == 201, response.text
            acknowledged += response.json()["added"]


def keep_reading(live: Live, stop: threading.Event, failures: list[str]) -> None:
    """Status and agreement-page reads until told to stop."""
    with client(live) as api:
        while not stop.is_set():
            for path in (f"/api/agreements/{AGREEMENT}/status", f"/agreements/{AGREEMENT}"):
                response = api.get(path)
                if response.status_code != 200:
                    failures.append(f"{path}: {response.status_code} {response.text[:200]}")
            stop.wait(0.02)  # steady reads, leaving the two CI cores to the writers too


def integrity(db: Path) -> str:
    raw = sqlite3.connect(db)
    try:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        raw.close()


def threads(*jobs: Callable[[], None]) -> list[threading.Thread]:
    started = [threading.Thread(target=job) for job in jobs]
    for thread in started:
        thread.start()
    return started


def test_the_server_keeps_its_locks_after_status_and_page_reads(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    with serving(str(db)) as live, client(live) as api:
        pid = live.process.pid
        assert held_locks(pid, db) and held_locks(pid, Path(f"{db}-shm"))
        assert api.get(f"/api/agreements/{AGREEMENT}/status").status_code == 200
        assert api.get(f"/agreements/{AGREEMENT}").status_code == 200
        assert held_locks(pid, db), "status read dropped the server's locks on the ledger"
        assert held_locks(pid, Path(f"{db}-shm"))
        truce(db, "timeline", AGREEMENT)  # a command that opens and closes the same file
        assert Path(f"{db}-wal").exists(), "a command deleted the WAL under the running server"
        response = api.post("/api/claims", json=release(quantity=4242))
        assert response.status_code == 201
        written = response.json()["added"]
    with Ledger.open(str(db)) as ledger:
        assert {c.id for c in ledger.claims(AGREEMENT)} >= set(written)


def test_api_writes_and_cli_commands_on_one_file_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    extra = tmp_path / "extra.jsonl"
    bodies = [release(quantity=50_000 + n, notes="imported") for n in range(IMPORTED)]
    extra.write_text("".join(json.dumps(b) + "\n" for b in bodies))
    acknowledged: list[str] = []
    failures: list[str] = []
    stop = threading.Event()
    with serving(str(db)) as live:
        with Ledger.open(str(db)) as ledger:  # this test's process: another one on the file
            _, token = UserStore(ledger.engine).add("victim", "observer", "test")
        with client(live, token) as as_victim:
            assert as_victim.get("/api/me").status_code == 200
        readers = threads(*[partial(keep_reading, live, stop, failures)] * 2)
        writing = [partial(post_claims, live, w, acknowledged, CLAIMS_PER_WRITER) for w in range(3)]
        writers = threads(*writing)
        truce(db, "timeline", AGREEMENT)
        truce(db, "import", str(extra), "--by", "importer")
        truce(db, "user", "add", "carol", "--role", "observer")
        truce(db, "user", "revoke", "victim")
        with client(live, token) as as_victim:
            refused = as_victim.get("/api/me")
        assert refused.status_code == 401, "a revoked token still works"
        for thread in writers:
            thread.join(timeout=60)
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
        assert not failures, failures[:3]
        with client(live) as api:
            query = {"agreement": AGREEMENT, "recorded_by": "importer"}
            seen = api.get("/api/claims", params=query)
            assert seen.json()["total"] == IMPORTED, "the server does not see the CLI's import"
            assert api.get("/api/me").status_code == 200
        pid = live.process.pid
        assert held_locks(pid, db) and held_locks(pid, Path(f"{db}-shm"))
    assert len(acknowledged) == 3 * CLAIMS_PER_WRITER
    assert integrity(db) == "ok"
    with Ledger.open(str(db)) as ledger:
        recorded = ledger.claims(AGREEMENT)
        users = {u.name: u.active for u in UserStore(ledger.engine).list()}
    ids = {c.id for c in recorded}
    assert set(acknowledged) <= ids, f"{len(set(acknowledged) - ids)} acknowledged writes lost"
    assert sum(c.recorded_by == "importer" for c in recorded) == IMPORTED
    assert users == {"admin": True, "victim": False, "carol": True}
    assert "ok:" in truce(db, "verify").stdout


def test_every_acknowledged_write_survives_kill_9_of_the_server(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    acknowledged: list[str] = []
    with serving(str(db)) as live:
        with client(live) as api:  # a snapshot read first, as a dashboard would
            assert api.get(f"/api/agreements/{AGREEMENT}/status").status_code == 200
        truce(db, "timeline", AGREEMENT)  # another process opens and closes the file
        writers = threads(*[partial(post_claims, live, w, acknowledged, 1000) for w in range(3)])
        deadline = time.monotonic() + 30
        while len(acknowledged) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        live.process.send_signal(signal.SIGKILL)
        live.process.wait(timeout=10)
        for thread in writers:
            thread.join(timeout=60)
    assert len(acknowledged) >= 30
    with serving(str(db), expect_token=False) as again, client(again) as api:
        # The admin token of the first run still works: the users table survived too.
        api.headers["Authorization"] = f"Bearer {live.admin_token}"
        ids: set[str] = set()
        while True:  # the list comes a page at a time, paged in the database
            params = {"agreement": AGREEMENT, "limit": 1_000, "offset": len(ids)}
            listed = api.get("/api/claims", params=params)
            assert listed.status_code == 200
            page = {c["id"] for c in listed.json()["claims"]}
            if not page:
                break
            ids |= page
    assert set(acknowledged) <= ids, f"{len(set(acknowledged) - ids)} acknowledged writes lost"
    assert integrity(db) == "ok"
    assert "ok:" in truce(db, "verify").stdout

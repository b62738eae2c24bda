"""A server's start (`server.startup`) on real `truce serve` processes, SQLite and PostgreSQL: a
second server on a ledger a first one judged answers the health check, the sign-in page, a claims
list and the agreement page (from the rows the first kept) at once; the snapshot its start-up
build makes is whole, and the server folds an append into it. The templates are compiled before
the first request."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from tests.server.live import Live, serving
from tests.storage.gaza_record import AGREEMENT, _record, _spec
from truce.storage import Ledger, snapshot
from truce.storage.db import make_engine
from truce.storage.snapshot import load_frame, snapshot_path

ROOT = Path(__file__).resolve().parents[2]
PAGE = f"/agreements/{AGREEMENT}"
WAIT_S = 120  # how long a test waits for a child to show or end; never a figure asserted


@pytest.fixture
def judged(ledger_url: str, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """The Gaza record, its page judged and kept by a first server; (url, token, its page)."""
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
    env = {"XDG_CACHE_HOME": str(tmp_path / "first"), "PYTHONPATH": _path()}
    with serving(ledger_url, "--no-example", env=env) as first:
        assert first.admin_token
        page = _client(first, first.admin_token).get(PAGE)
        assert page.status_code == 200
    if "://" not in ledger_url:  # the file as another host or user has it: no folder beside
        shutil.rmtree(ledger_url + ".snapshots", ignore_errors=True)
    yield ledger_url, first.admin_token, page.text


def _path() -> str:
    return os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])


def _client(live: Live, token: str) -> httpx.Client:
    return httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _second(cache: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(cache), "PYTHONPATH": _path()}


def _folder(url: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a server with this cache folder keeps the ledger's snapshots."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    with Ledger(make_engine(url)) as ledger:
        assert ledger.snapshots is not None
        return ledger.snapshots


def _built(folder: Path) -> snapshot.Stored:
    """The snapshot the start-up build wrote, once it reads (waited for, never timed)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        stored = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
        if stored is not None:
            return stored
        time.sleep(0.2)
    raise AssertionError("the start-up build wrote no snapshot that reads")


def _whole(url: str, folder: Path) -> None:
    """The folder's snapshot reads, and is the frame of every claim of the projection."""
    stored = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
    assert stored is not None
    with Ledger(make_engine(url), None) as ledger:
        full = load_frame(ledger.engine, AGREEMENT, None)[0]
    assert list(stored.frame.keys) == list(full.keys)
    assert np.array_equal(stored.frame.members, full.members)


def test_pages_are_answered_at_once_and_the_start_up_snapshot_used(
    judged: tuple[str, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, token, _ = judged
    cache = tmp_path / "second"
    folder = _folder(url, cache, monkeypatch)
    with serving(url, "--no-example", expect_token=False, env=_second(cache)) as live:
        with _client(live, token) as client:
            assert client.get("/api/health").status_code == 200
            assert client.get("/login").status_code == 200
            assert client.get(f"{PAGE}/claims").status_code == 200
            page = client.get(PAGE)
            assert page.status_code == 200 and "Gaza" in page.text
        base = _built(folder)
        _whole(url, folder)
        with _client(live, token) as client:
            claim = {"agreement": AGREEMENT, "type": "statement", "date": "2023-11-30T12:00",
                     "actor": "qatar", "sources": [{"outlet": "test"}]}  # fmt: skip
            assert client.post("/api/claims", json=claim).status_code == 201
            assert client.get(f"/api/agreements/{AGREEMENT}/status").status_code == 200
    after = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
    assert after is not None and after.tail is not None  # the append folded into its base
    assert after.base == base.base
    _whole(url, folder)


def test_the_templates_are_compiled_before_the_first_request(tmp_path: Path) -> None:
    """The real start-up path (the app's lifespan): every template compiled before a request
    is served, so the first page does not compile its own beside the start-up build."""
    from fastapi.testclient import TestClient

    from tests.server.conftest import start
    from truce.server.pages import templates

    server = start(str(tmp_path / "ledger.db"))
    try:
        templates.env.cache.clear()  # type: ignore[union-attr]
        with TestClient(server.client.app):
            compiled = {name for (_, name) in templates.env.cache}  # type: ignore[union-attr]
            assert compiled == set(templates.env.list_templates())
    finally:
        server.client.close()
        server.ledger.close()

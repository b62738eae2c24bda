"""Reads are cached per chain head: computed once, and never served after a write moves it."""

from __future__ import annotations

from pathlib import Path

from tests.server.conftest import Server, release
from truce.server.cache import HeadCache
from truce.storage.ledger import Ledger
from truce.storage.users import UserStore


def test_computed_once_per_head_and_dropped_when_it_moves(tmp_path: Path) -> None:
    ledger = Ledger.init(str(tmp_path / "c.db"))
    cache = HeadCache(ledger, max_entries=2)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    seq = cache.head_seq()
    assert cache.get("k", seq, compute) == 1
    assert cache.get("k", seq, compute) == 1
    UserStore(ledger.engine).add("ana", "observer", None)  # any append moves the head
    moved = cache.head_seq()
    assert moved == seq + 1
    assert cache.get("k", moved, compute) == 2
    cache.get("a", moved, compute)
    cache.get("b", moved, compute)  # bounded: the oldest key goes
    assert cache.get("k", moved, compute) == 5
    ledger.close()


def test_status_reflects_a_write_at_once(shared_server: Server) -> None:
    at = {"at": "2023-11-26T23:00"}
    before = shared_server.get("/api/agreements/gaza-2023-11/status", params=at).json()
    again = shared_server.get("/api/agreements/gaza-2023-11/status", params=at).json()
    assert again == before
    shared_server.post("/api/claims", "mediator", json=release(quantity=9, notes="cache"))
    after = shared_server.get("/api/agreements/gaza-2023-11/status", params=at).json()
    assert after["counts"]["claims"] == before["counts"]["claims"] + 1

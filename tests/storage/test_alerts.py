"""The alert store on SQLite and PostgreSQL: a change is stored once, however many look."""

from __future__ import annotations

import threading
from typing import Any

from truce.storage.alerts import AlertStore
from truce.storage.ledger import Ledger


def _digest(breaches: list[str]) -> dict[str, Any]:
    return {"state": "active", "obligations": {}, "extensions": {}, "disputes": {},
            "breaches": {b: ["a", "alleged", "2024-01-01", None] for b in breaches}}  # fmt: skip


def test_racing_observers_store_each_change_once(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        store = AlertStore(ledger.engine)
        store.observe("x", _digest([]))
        results: list[int] = []

        def look() -> None:
            results.append(len(AlertStore(ledger.engine).observe("x", _digest(["b1", "b2"]))))

        threads = [threading.Thread(target=look) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(results) == [0, 0, 0, 2]
        assert [a.key for a in store.recent("x")] == ["b2", "b1"]
    finally:
        ledger.close()


def test_webhooks_keep_their_secret_out_of_listings(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        store = AlertStore(ledger.engine)
        mine = store.add_webhook("x", "https://example.org/hook", "admin")
        every = store.add_webhook(None, "https://example.org/all", "admin")
        assert len(mine.secret) >= 40 and mine.secret != every.secret
        assert [h.id for h in store.webhooks("x")] == [mine.id, every.id]
        assert [h.id for h in store.webhooks("y")] == [every.id]
        assert "secret" not in mine.public()
        assert store.remove_webhook(mine.id) and not store.remove_webhook(mine.id)
    finally:
        ledger.close()

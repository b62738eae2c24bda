"""The alert watcher skips an agreement whose chain head has not moved while the answer it last
observed still holds (`storage.held`), and looks again after an append."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.storage.test_held import AGREEMENT, _claims, _span, _spec
from truce.server.watch import AlertWatcher
from truce.services import alert_delivery
from truce.storage import Ledger
from truce.storage.alerts import AlertStore


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The agreements the watcher observed (`alert_delivery.look`, unchanged, counted)."""
    calls: list[str] = []
    real: Callable[..., Any] = alert_delivery.look

    def counting(ledger: Ledger, agreement: str, *rest: Any) -> Any:
        calls.append(agreement)
        return real(ledger, agreement, *rest)

    monkeypatch.setattr(alert_delivery, "look", counting)
    return calls


def test_an_unchanged_agreement_is_skipped_until_an_append(
    tmp_path: Path, looks: list[str]
) -> None:
    spec, text = _spec()
    with Ledger.init(f"sqlite:///{tmp_path / 'watched.db'}") as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_claims(spec)[:1], "analyst")
        AlertStore(ledger.engine).add_webhook(AGREEMENT, "http://127.0.0.1:9/hook", "admin")
        watcher = AlertWatcher(ledger, interval_s=0)
        watcher.tick()
        assert looks == [AGREEMENT] and _span(ledger)[1] < float("inf")
        watcher.tick()
        watcher.tick()
        assert looks == [AGREEMENT]  # the head is the same and the answer still holds
        ledger.append_claims(_claims(spec)[1:], "analyst")
        watcher.tick()
        assert looks == [AGREEMENT, AGREEMENT]

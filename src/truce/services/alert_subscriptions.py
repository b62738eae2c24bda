"""What the alerts kept say, and the webhooks that receive them: read, added, removed."""

from __future__ import annotations

from collections.abc import Callable

from truce.storage.alerts import Alert, AlertStore, Webhook
from truce.storage.ledger import Ledger

__all__ = [
    "Alert",
    "Webhook",
    "add_webhook",
    "recent_alerts",
    "remove_webhook",
    "watched",
    "webhooks",
]


def recent_alerts(ledger: Ledger, agreement: str, limit: int = 100) -> list[Alert]:
    return AlertStore(ledger.engine).recent(agreement, limit)


def add_webhook(ledger: Ledger, agreement: str | None, url: str, by: str) -> Webhook:
    return AlertStore(ledger.engine).add_webhook(agreement, url, by)


def webhooks(ledger: Ledger, agreement: str | None = None) -> list[Webhook]:
    return AlertStore(ledger.engine).webhooks(agreement)


def remove_webhook(ledger: Ledger, webhook_id: int) -> bool:
    """Whether a webhook with that id was there to remove."""
    return AlertStore(ledger.engine).remove_webhook(webhook_id)


def watched(ledger: Ledger, known: Callable[[], list[str]]) -> list[str]:
    """The agreements the watcher looks at (`known` lists them all)."""
    return AlertStore(ledger.engine).watched(known)

"""Alerts kept beside the ledger: the changes observed in verdicts, and the webhooks told of them.

Observing is a read of the current answer and one short write: under the ledger's write lock the
last digest is read, the changes from it computed and stored, the new digest kept. Two observers
(two server processes, or a server and `truce alerts check`) therefore never store a change twice,
and the unique (agreement, kind, key) makes a replayed change a no-op.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, select

from truce.domain.changes import Change, changes
from truce.storage.tables import alert_marks, alerts, webhooks
from truce.storage.writes import write_transaction


@dataclass(frozen=True)
class Alert:
    id: int
    agreement: str
    kind: str
    key: str
    title: str
    detail: str
    observed_at: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "agreement": self.agreement, "kind": self.kind, "key": self.key,
                "title": self.title, "detail": self.detail,
                "observed_at": self.observed_at}  # fmt: skip


@dataclass(frozen=True)
class Webhook:
    id: int
    agreement: str | None
    url: str
    secret: str
    created_by: str

    def public(self) -> dict[str, Any]:
        """What a listing shows: never the secret."""
        return {"id": self.id, "agreement": self.agreement, "url": self.url,
                "created_by": self.created_by}  # fmt: skip


class AlertStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def observe(self, agreement: str, digest: dict[str, Any]) -> list[Alert]:
        """Store the changes from the last digest to `digest`; returns the new alerts."""
        now = int(time.time())
        stored: list[Alert] = []
        with write_transaction(self._engine) as conn:
            row = conn.execute(
                select(alert_marks.c.digest).where(alert_marks.c.agreement == agreement)
            ).first()
            before = json.loads(row.digest) if row else None
            found: list[Change] = changes(before, digest)
            for change in found:
                seen = conn.execute(
                    select(alerts.c.id).where(
                        alerts.c.agreement == agreement,
                        alerts.c.kind == change.kind,
                        alerts.c.key == change.key,
                    )  # fmt: skip
                ).first()
                if seen is not None:
                    continue
                new_id = conn.execute(
                    alerts.insert().values(
                        agreement=agreement, observed_at=now, **change.as_dict()
                    )  # fmt: skip
                ).inserted_primary_key
                assert new_id is not None
                stored.append(Alert(int(new_id[0]), agreement, change.kind, change.key,
                                    change.title, change.detail, now))  # fmt: skip
            text = json.dumps(digest, sort_keys=True)
            if row is None:
                conn.execute(alert_marks.insert().values(agreement=agreement, digest=text,
                                                         observed_at=now))  # fmt: skip
            else:
                conn.execute(alert_marks.update().where(alert_marks.c.agreement == agreement)
                             .values(digest=text, observed_at=now))  # fmt: skip
        return stored

    def recent(self, agreement: str, limit: int = 100) -> list[Alert]:
        """The newest alerts of an agreement first."""
        query = (
            select(alerts)
            .where(alerts.c.agreement == agreement)
            .order_by(alerts.c.id.desc())
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [Alert(*r) for r in conn.execute(query)]

    def add_webhook(self, agreement: str | None, url: str, created_by: str) -> Webhook:
        """A new webhook with a fresh secret (shown once, to its creator)."""
        secret = secrets.token_urlsafe(32)
        with write_transaction(self._engine) as conn:
            new_id = conn.execute(
                webhooks.insert().values(
                    agreement=agreement,
                    url=url,
                    secret=secret,
                    created_by=created_by,
                    created_at=int(time.time()),
                )
            ).inserted_primary_key
        assert new_id is not None
        return Webhook(int(new_id[0]), agreement, url, secret, created_by)

    def webhooks(self, agreement: str | None = None) -> list[Webhook]:
        """Every webhook, or those told about `agreement` (its own and the catch-all ones)."""
        query = select(webhooks.c.id, webhooks.c.agreement, webhooks.c.url, webhooks.c.secret,
                       webhooks.c.created_by).order_by(webhooks.c.id)  # fmt: skip
        if agreement is not None:
            query = query.where(
                (webhooks.c.agreement == agreement) | webhooks.c.agreement.is_(None)
            )
        with self._engine.connect() as conn:
            return [Webhook(*r) for r in conn.execute(query)]

    def remove_webhook(self, webhook_id: int) -> bool:
        with write_transaction(self._engine) as conn:
            gone = conn.execute(delete(webhooks).where(webhooks.c.id == webhook_id)).rowcount
        return bool(gone)

    def watched(self, known: Callable[[], list[str]]) -> list[str]:
        """The agreements to observe: every agreement once any catch-all webhook exists, else
        those with a webhook of their own."""
        hooks = self.webhooks()
        if any(h.agreement is None for h in hooks):
            return known()
        return sorted({h.agreement for h in hooks if h.agreement})

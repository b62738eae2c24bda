"""The server's alert watcher: every `alerts_interval_s` it observes the agreements webhooks watch,
so a deadline passing or a write made by the CLI on the same ledger reaches the webhooks without
anyone reading the feed. Reading the feed or the changes list observes too. An agreement whose
chain head has not moved since the last look, with the kept "now" answer holding from that look
to this one (`storage.held`), is skipped: its answer cannot have changed. Each tick also tells
`on_tick` (the server's background warm, `server.warm`), which judges again what people were
looking at when the head has moved."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from truce.services import alert_delivery
from truce.services.agreement_status import answer_head
from truce.services.alert_subscriptions import watched
from truce.services.ledger import Ledger

log = logging.getLogger("truce.alerts")


class AlertWatcher:
    def __init__(
        self, ledger: Ledger, interval_s: float, on_tick: Callable[[], None] | None = None
    ) -> None:
        self._ledger = ledger
        self._on_tick = on_tick
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Each agreement's last look: the chain head before it, until when its answer holds.
        self._looked: dict[str, tuple[object, float]] = {}

    def start(self) -> None:
        """Start watching (again: an app's lifespan may run more than once, as in tests)."""
        if self._interval <= 0 or (self._thread is not None and self._thread.is_alive()):
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="truce-alerts", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=self._interval + 5)

    def tick(self) -> int:
        """One look at every watched agreement; how many changes it found."""
        found = 0
        if self._on_tick is not None:
            self._on_tick()
        for agreement in watched(self._ledger, lambda: [a.id for a in self._ledger.agreements()]):
            head = answer_head(self._ledger, agreement)
            last = self._looked.get(agreement)
            if last is not None and last[0] == head and time.time() < last[1]:
                continue  # the answer it observed still holds
            try:
                new, until = alert_delivery.look(self._ledger, agreement)
                found += len(new)
                self._looked[agreement] = (head, until)
            except Exception:  # one agreement's failure must not stop the others
                log.exception("observing %s failed", agreement)
        return found

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.tick()

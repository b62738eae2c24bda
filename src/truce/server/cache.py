"""Answers that stay true until the ledger's next append, keyed by the head of the chain.

Every write — a claim, a verdict, an agreement, a user added or revoked — appends an entry, so
the head's seq is a version number for everything a read can return. One indexed query per
request reads it; when it has moved, everything cached is dropped. Several server processes on
one PostgreSQL database stay consistent: each reads the shared head.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from truce.services.ledger import Ledger, head_seq
from truce.services.single_flight import SingleFlight

T = TypeVar("T")
MAX_ENTRIES = 512


class HeadCache:
    def __init__(self, ledger: Ledger, max_entries: int = MAX_ENTRIES) -> None:
        self._ledger = ledger
        self._max = max_entries
        self._seq: int | None = None
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: SingleFlight[object] = SingleFlight()

    def head_seq(self) -> int:
        return head_seq(self._ledger)

    def get(self, key: Hashable, seq: int, compute: Callable[[], T]) -> T:
        """The value for `key` as of head `seq`, computed at most once per head (concurrent
        requests for it wait for one computation)."""
        with self._lock:
            if seq != self._seq:
                self._values.clear()
                self._seq = seq
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
        value = self._flights.run((seq, key), compute).value
        with self._lock:
            if self._seq == seq:
                self._values[key] = value
                if len(self._values) > self._max:
                    self._values.popitem(last=False)
        return value  # type: ignore[return-value]

    def holds(self, key: Hashable, seq: int) -> bool:
        """Whether the value for `key` as of head `seq` is kept."""
        with self._lock:
            return self._seq == seq and key in self._values

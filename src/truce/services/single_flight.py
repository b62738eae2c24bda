"""One computation per key at a time: whoever asks while it runs waits for it and shares it.

A status at a million claims costs seconds of CPU; two requests arriving together after an
append (a page and its API twin, two people, the background warm and a person) must not judge
twice. The first caller of a key runs it; callers of the same key while it runs wait and get
its result. A failure is not shared: the waiters are woken and the next of them runs the
computation itself (a judgment that failed once, say on a lost connection, may succeed again).
Only one process is covered here; across processes (servers on one database, a server and the
CLI) the status service takes `storage.judge_lock` around judging and keeping.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class _Flight(Generic[T]):
    done: threading.Event = field(default_factory=threading.Event)
    value: T | None = None
    ok: bool = False


@dataclass(frozen=True)
class Shared(Generic[T]):
    """A result, and whether it was another caller's (waited for, not computed here)."""

    value: T
    waited: bool


class SingleFlight(Generic[T]):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Flight[T]] = {}

    def run(self, key: Hashable, compute: Callable[[], T]) -> Shared[T]:
        """`compute()`'s result for `key`, computed once by the first of concurrent callers."""
        while True:
            with self._lock:
                flight = self._flights.get(key)
                leader = flight is None
                if flight is None:
                    flight = self._flights[key] = _Flight()
            if not leader:
                flight.done.wait()
                if flight.ok:
                    return Shared(flight.value, waited=True)  # type: ignore[arg-type]
                continue  # it failed: run it here (or wait for whoever runs it next)
            try:
                flight.value = compute()
                flight.ok = True
                return Shared(flight.value, waited=False)
            finally:
                with self._lock:
                    del self._flights[key]
                flight.done.set()

    def running(self, key: Hashable) -> bool:
        """Whether a computation of `key` is under way."""
        with self._lock:
            return key in self._flights

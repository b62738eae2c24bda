"""Failed sign-ins and unknown tokens, counted per client address and slowed down.

Each address has a bucket of `burst` failures that refills at `per_minute`; an address with an
empty bucket is answered 429 with Retry-After before its token is even looked up. Tokens are 256
random bits, so guessing is hopeless anyway: the limit keeps a scanner from costing the server a
database lookup per try and keeps the log readable. There is no per-account counter: a failed
attempt names no account (the token is the whole credential), and locking an account on
failures would let anyone lock a mediator out.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from truce.errors import TruceError

BURST = 10  # failures an address may make at once
PER_MINUTE = 10.0  # and then, on average, per minute
MAX_ADDRESSES = 10_000  # buckets kept; the least recently failed are forgotten first


class TooManyFailures(TruceError):
    code = "A429"
    default_hint = "wait for the time in Retry-After, then sign in with a valid token"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many failed sign-ins or unknown tokens from this address; try again in "
            f"{retry_after} s"
        )
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class FailureThrottle:
    def __init__(self, burst: int = BURST, per_minute: float = PER_MINUTE) -> None:
        self._burst = float(burst)
        self._rate = per_minute / 60.0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # level, when
        self._lock = threading.Lock()

    def _level(self, address: str, now: float) -> float:
        level, when = self._buckets.get(address, (self._burst, now))
        return min(self._burst, level + (now - when) * self._rate)

    def check(self, address: str) -> None:
        """Raise `TooManyFailures` if this address has no failure left to make."""
        with self._lock:
            level = self._level(address, time.monotonic())
        if level < 1.0:
            raise TooManyFailures(max(1, math.ceil((1.0 - level) / self._rate)))

    def failed(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            level = self._level(address, now)
            self._buckets[address] = (max(0.0, level - 1.0), now)
            self._buckets.move_to_end(address)
            while len(self._buckets) > MAX_ADDRESSES:
                self._buckets.popitem(last=False)

"""Judging before anyone asks: after an append, what people were looking at is judged again in
the background, so the next page view reads a kept answer instead of waiting for the engine.

Every append moves the chain head, and every kept answer (`storage.held`, `storage.answers`) and
every value the server caches (`HeadCache`) belongs to one head. The warmer remembers what was
asked recently — an agreement's page, its status answer, now or at an instant; at most
`MAX_ASKED` of them, asked within `WINDOW_S` — and whenever the head has moved it computes them
again at the new head in a thread of its own, "now" first, pages before status answers (a person
waits for the page right after an append: it is built with the interpreter to itself, and the
status API's bytes, seconds of CPU at a million claims, after it). It learns that the head moved:
- from the server itself, after any write request it served (`WarmAfterWrites`);
- from the alert watcher's tick (`server.watch`);
- by its own look every `poll_s` while something was asked recently: a write by the CLI on the
  same SQLite file, or by another server on the same PostgreSQL database.

What a job keeps only for other processes (the event frame, the page's data, the status API's
bytes, the snapshot's files) is written once its value is with whoever waited for it
(`services.kept_pages.writes_after`, `storage.put_off`): the page right after an append does not
wait for those writes.

A page asked for while its judgment is under way waits for it (`services.single_flight`): a
correct page that waits rather than the previous head's answer shown as current (or, with
`TRUCE_PREVIOUS_WHILE_JUDGING`, that answer's page labelled as a previous head's and reloading
itself: `server.previous_view`). A failed warm
is logged and forgotten; the next request judges for itself. On shutdown the warmer starts
nothing new and waits at most `STOP_WAIT_S` for the computation under way (a kept answer is
written in one statement of its own, `storage.kept_place`, so one cut short leaves nothing half
written).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial

from starlette.types import ASGIApp, Receive, Scope, Send

from truce.server.cache import HeadCache
from truce.services import kept_pages

log = logging.getLogger("truce.server")
MAX_ASKED = 8
WINDOW_S = 900.0
STOP_WAIT_S = 2.0


@dataclass(frozen=True)
class Asked:
    """Something a request computed, to compute again at a new head: `job(seq)`."""

    now: bool  # about the present instant: warmed first
    job: Callable[[int], object]
    when: float  # time.monotonic() of the last request
    page: bool = False  # a page a person waits for: before the status answers of its kind


class Warmer:
    def __init__(self, cache: HeadCache, poll_s: float, enabled: bool = True) -> None:
        self._cache = cache
        self._poll = poll_s
        self._enabled = enabled
        self._asked: OrderedDict[Hashable, Asked] = OrderedDict()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._seq: int | None = None
        self.warmed = 0  # jobs completed (for tests and the benchmark)
        self.failed = 0

    def asked(
        self, key: Hashable, now: bool, job: Callable[[int], object], page: bool = False
    ) -> None:
        """Remember that a request computed `key` (`job(seq)` computes it at head `seq`; `page`:
        a dashboard page, warmed before the status answers)."""
        if not self._enabled:
            return
        with self._lock:
            if not self._asked:
                self._wake.set()  # the thread sleeps while nothing is asked: look from now on
            self._asked[key] = Asked(now, job, time.monotonic(), page)
            self._asked.move_to_end(key)
            while len(self._asked) > MAX_ASKED:
                self._asked.popitem(last=False)

    def poke(self) -> None:
        """The head may have moved (a write was served, the watcher looked): look now."""
        self._wake.set()

    def start(self) -> None:
        if not self._enabled or (self._thread is not None and self._thread.is_alive()):
            return
        self._stop = threading.Event()
        self._seq = self._cache.head_seq()
        self._thread = threading.Thread(target=self._run, name="truce-warm", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Start nothing new; wait a moment for the computation under way, never longer (the
        thread is a daemon: a judgment of seconds must not hold the server's shutdown)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=STOP_WAIT_S)

    def run_once(self) -> int:
        """If the head moved since the last look, compute again what was asked recently, at the
        new head; how many were computed. When the head moves again meanwhile, the rest is
        left: it would be a previous head's, and the next look starts over at the new one."""
        seq = self._cache.head_seq()
        if seq == self._seq:
            return 0
        self._seq = seq
        done = 0
        for key, asked in self._due():
            if self._stop.is_set():
                break
            if done and self._cache.head_seq() != seq:
                self._wake.set()  # moved again: start over at the new head, "now" first
                break
            try:
                # What it keeps for other processes is written once the page is out.
                kept_pages.writes_after(partial(asked.job, seq))
                done += 1
                self.warmed += 1
            except Exception:  # logged; the next request for it judges for itself
                log.exception("warming %r at head %s failed", key, seq)
                self.failed += 1  # after the log: a watcher of the count finds it logged
        return done

    def _due(self) -> list[tuple[Hashable, Asked]]:
        """What was asked within the window, "now" first, pages before status answers, then
        the latest first."""
        limit = time.monotonic() - WINDOW_S
        with self._lock:
            for key in [k for k, a in self._asked.items() if a.when < limit]:
                del self._asked[key]
            recent = list(reversed(self._asked.items()))
        return sorted(recent, key=lambda item: (not item[1].now, not item[1].page))

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                idle = not self._asked
            # Nothing asked: no need to look at the head until a write or a request.
            self._wake.wait(None if idle or self._poll <= 0 else self._poll)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.run_once()
            except Exception:  # the head could not be read (a database gone for a moment)
                log.exception("the background warm could not look at the head")


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class WarmAfterWrites:
    """After every write request the server answered, tell the warmer the head may have moved
    (one place for every write route: claims, imports, review, verdicts, forms)."""

    def __init__(self, app: ASGIApp, warmer: Warmer) -> None:
        self.app, self.warmer = app, warmer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http" and scope.get("method") not in SAFE_METHODS:
                self.warmer.poke()

"""What a server does as it starts, before and beside its first requests.

Before it answers (`ready`, a fraction of a second): import what the first page pulls in (Arrow
converts through pandas, which it imports on first use: 0.3 s of CPU, 1-3 s of wall on a loaded
host) and compile the dashboard's templates, so no first request pays for them or waits on an
import another thread holds.

Beside the requests (`StartupBuild`): each agreement's snapshot (`storage.snapshot`). Pages and the
status API are served from what any process kept in the database (`storage.kept_place`), so a
server may never read the claims; its snapshot is then the copy kept in the database
(`storage.kept_snapshot`), so the first judgment after an append folds in the new claims instead of
reading them all. It runs in a thread; on a ledger of `apart_from` entries or more
(`TRUCE_BUILD_APART_FROM`, off by default) in a process of its own (`storage.prebuild`), which
never shares the interpreter with the requests, whatever the build has to do. Measured at a million
claims on a loaded host (docs/benchmarks.md, preload): when the kept copy serves, the build in a
thread holds the interpreter 0.4-0.5 s at a time at most, and the child, which starts an
interpreter first, ends later (13-17 s after the first request against 2.6-4.5 s); when it must
group the claims again (a kept frame missing or behind), the thread held it up to 2.8 s at a time
for 100 s. A judgment that needs the snapshot meanwhile waits for the build, then reads what it
wrote.
"""

from __future__ import annotations

import logging
import subprocess
import threading
from contextlib import suppress

from truce.server import pages
from truce.services.ledger import Ledger, build_apart

log = logging.getLogger("truce.server")
STOP_WAIT_S = 5


def ready() -> None:
    """Import pandas and compile every template, before the first request."""
    with suppress(ImportError):
        import pandas  # type: ignore[import-untyped]  # noqa: F401
    env = pages.templates.env
    for name in env.list_templates():
        env.get_template(name)


class StartupBuild:
    """Each agreement's snapshot, made once as the server starts, off the request path."""

    def __init__(self, ledger: Ledger, apart_from: int) -> None:
        self._ledger = ledger
        self._apart_from = apart_from
        self._children: list[subprocess.Popen[bytes]] = []
        self._guard = threading.Lock()
        self._stopping = False

    def start(self) -> None:
        threading.Thread(target=self._run, name="truce-preload", daemon=True).start()

    def stop(self) -> None:
        """Stop a build still running in a child process (what it wrote whole stays: a later
        build reads it, or finds it incomplete and makes it again)."""
        with self._guard:
            self._stopping = True
            children = list(self._children)
        for child in children:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(STOP_WAIT_S)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()

    def _started(self, child: subprocess.Popen[bytes]) -> None:
        with self._guard:
            self._children.append(child)
            stopping = self._stopping
        if stopping:
            child.terminate()

    def _run(self) -> None:
        ledger = self._ledger
        try:
            head = ledger.head()
            size = head.seq if head else 0
            apart = ledger.snapshots is not None and 0 < self._apart_from <= size
            for agreement in ledger.agreements():
                if self._stopping:
                    return
                if apart:
                    build_apart(ledger, agreement.id, self._started)
                else:
                    ledger.frame(agreement.id)
        except Exception:  # a server going away meanwhile; the next judgment builds it
            log.info("no snapshot made at start", exc_info=True)

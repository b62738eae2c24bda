"""What a server does as it starts, before and beside its first requests.

Before it answers (`ready`, a fraction of a second): import what the first page pulls in (Arrow
converts through pandas, which it imports on first use: 0.3 s of CPU, 1-3 s of wall on a loaded
host) and compile the dashboard's templates, so no first request pays for them or waits on an
import another thread holds.

Beside the requests (`StartupBuild`), in a thread: each agreement's snapshot (`storage.snapshot`).
Pages and the status API are served from what any process kept in the database
(`storage.kept_place`), so a server may never read the claims; its snapshot is then the copy kept
in the database (`storage.kept_snapshot`), so the first judgment after an append folds in the new
claims instead of reading them all. A judgment that needs the snapshot meanwhile waits for the
build, never a second one. Measured at a million claims on a loaded host (docs/benchmarks.md,
preload): when the kept copy serves, the build holds the interpreter 0.4-0.5 s at a time at most;
a build in a process of its own was measured too, and ended later for no gain the pages showed.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress
from functools import partial

from truce.server import pages
from truce.services.kept_pages import writes_after
from truce.services.ledger import Ledger

log = logging.getLogger("truce.server")


def ready() -> None:
    """Import pandas and compile every template, before the first request."""
    with suppress(ImportError):
        import pandas  # type: ignore[import-untyped]  # noqa: F401
    env = pages.templates.env
    for name in env.list_templates():
        env.get_template(name)


class StartupBuild:
    """Each agreement's snapshot, made once as the server starts, off the request path."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self._stopping = False

    def start(self) -> None:
        threading.Thread(target=self._run, name="truce-preload", daemon=True).start()

    def stop(self) -> None:
        """No further agreement's build begins (the one under way ends, or dies with the
        process: its files are written whole and renamed into place, `storage.snapshot`)."""
        self._stopping = True

    def _run(self) -> None:
        ledger = self._ledger
        try:
            for agreement in ledger.agreements():
                if self._stopping:
                    return
                # Its files and the copy in the database are written once the lock on the frame
                # is let go: a page waiting for this build judges meanwhile (`storage.put_off`).
                writes_after(partial(ledger.frame, agreement.id))
        except Exception:  # a server going away meanwhile; the next judgment builds it
            log.info("no snapshot made at start", exc_info=True)

"""Writes of what is kept for other readers, put off until what the caller computed is handed
over: the server's background warm judges the page a person waits for right after an append,
and keeping the event frame (`storage.kept_frame`: its Arrow bytes, a fifth of a second at a
million claims) and the page's data (`services.kept_pages`) for another process is no part of
that page. Inside `putting_off()` (one thread's, nested calls share it) `write(action)` queues
the action instead of running it; the caller runs them in order with `run(queued)` once the
value is out. Outside, `write` runs the action at once.

Only caches go through here (each a row written in one statement of its own, read back only
when its header matches the chain head: `storage.kept_place`), never what this process reads
again before the queue is run: a reader that finds one not yet written builds it, as it would
have before it was first kept. Each action checks, when it runs, that the head it was made for
is still the chain's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger("truce.kept")
_local = threading.local()

Action = Callable[[], object]


@contextmanager
def putting_off() -> Iterator[list[Action]]:
    """Within, `write` on this thread queues its action in the list given (run it with `run`)."""
    outer: list[Action] | None = getattr(_local, "queue", None)
    queue: list[Action] = [] if outer is None else outer
    _local.queue = queue
    try:
        yield queue
    finally:
        _local.queue = outer


def write(action: Action) -> None:
    """Run `action` now, or queue it when this thread is inside `putting_off`."""
    queue: list[Action] | None = getattr(_local, "queue", None)
    if queue is None:
        action()
    else:
        queue.append(action)


def run(queued: list[Action]) -> int:
    """Run the queued writes in order (each best effort: one that fails is logged, the rest
    run); how many ran without an error."""
    done = 0
    while queued:
        action = queued.pop(0)
        try:
            action()
            done += 1
        except Exception:
            log.exception("a put-off write failed; its readers build what it would have kept")
    return done

"""A process's peak memory, as the tasks report it (apart from task.py so that the merge's
workers need not import the extraction pipeline to report theirs)."""

from __future__ import annotations

import resource


def peak_rss() -> int:
    """This process's peak resident memory in bytes. VmHWM counts from the process's own start;
    `ru_maxrss` would do elsewhere, but on Linux a spawned worker inherits its parent's."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

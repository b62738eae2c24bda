"""How long a server's start-up build keeps other threads from the interpreter.

Run:  .venv/bin/python bench/preload_gil.py sqlite:////tmp/ledger-1000000.db
      /work/tools/bin/py-spy record --gil --native -r 100 --format raw -o gil.txt -- \\
          .venv/bin/python bench/preload_gil.py URL          (who holds it, by stack)

URL is a ledger whose snapshot is kept in the database (`storage.kept_snapshot`: any process
judged it) and whose cache folder is empty (a SQLite file: remove the `.snapshots` folder beside
it; PostgreSQL: XDG_CACHE_HOME set to an empty folder). pandas is imported first, as the server
does before it answers (`server.startup.ready`); then each agreement's snapshot is built in a
thread (`Ledger.frame`, what `server.startup` runs at start) while the main thread sleeps 1 ms
at a time and records how late each wake is: a wake is late while the build holds the
interpreter (and while the host's other processes hold the core). Prints the build's seconds,
the lateness quantiles and the sum of the wakes over 20 ms.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import suppress

with suppress(ImportError):
    import pandas  # type: ignore[import-untyped]  # noqa: F401

from truce.storage import Ledger  # noqa: E402


def main(url: str) -> None:
    ledger = Ledger.open(url)
    done = threading.Event()

    def build() -> None:
        began = time.perf_counter()
        for agreement in ledger.agreements():
            ledger.frame(agreement.id)
        print(f"build {time.perf_counter() - began:.2f} s", flush=True)
        done.set()

    threading.Thread(target=build).start()
    late: list[float] = []
    while not done.is_set():
        began = time.perf_counter()
        time.sleep(0.001)
        late.append(time.perf_counter() - began - 0.001)
    late.sort()
    p50, p99 = late[len(late) // 2], late[int(len(late) * 0.99)]
    print(f"wakes {len(late)} p50 {p50:.4f} p99 {p99:.4f} max {late[-1]:.4f}")
    print(f"sum of the wakes over 20 ms: {sum(x for x in late if x > 0.02):.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])

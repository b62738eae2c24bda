"""An agreement's snapshot (`storage.snapshot`) made in a process of its own, for a server's
start-up build: the reading and unpacking of a million claims (the kept copy's Arrow IPC and
zstd, the conversions, the garbage collector's passes over what they allocate, the SQLite or
PostgreSQL reads and writes) then never shares the server's interpreter with its requests.

`build_apart` holds this process's build lock of the agreement (`Ledger.building`) while the
child runs, so a judgment here that needs the snapshot waits for the child (no second build
beside it), then reads the files the child wrote from the cache folder. The child writes each
file whole under a name of its own and renames it into place (`snapshot._save`), and a reader
believes the files only when their base, head and row counts agree, so a child stopped or
killed midway (the server stopped, the host rebooted) leaves nothing read as valid; two servers
sharing one folder each write whole files, and a mix of theirs is not read either.

Run by `build_apart` as `python -m truce.storage.prebuild AGREEMENT FOLDER`, the ledger's URL in
the environment (`URL_VARIABLE`, never on the command line, where `ps` shows it).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from truce.storage.db import make_engine
from truce.storage.ledger import Ledger

URL_VARIABLE = "TRUCE_PREBUILD_URL"
log = logging.getLogger("truce.snapshot")


def build_apart(
    ledger: Ledger, agreement: str, started: Callable[[subprocess.Popen[bytes]], None]
) -> bool:
    """Make the agreement's snapshot in a child process, holding this process's build lock of
    it meanwhile; `started` is told the child (to stop it when the server stops). False when
    the ledger has no cache folder (nothing to hand over: the caller builds in process) or the
    child failed (the next judgment builds it)."""
    folder = ledger.snapshots
    if folder is None:
        return False
    url = ledger.engine.url.render_as_string(hide_password=False)
    command = [sys.executable, "-m", "truce.storage.prebuild", agreement, str(folder)]
    with ledger.building(agreement):
        child = subprocess.Popen(
            command, env={**os.environ, URL_VARIABLE: url}, stdin=subprocess.DEVNULL
        )
        started(child)
        code = child.wait()
    if code != 0:
        log.info("the snapshot of %s was not made at start (exit %s)", agreement, code)
    return code == 0


def main(argv: list[str]) -> int:
    agreement, folder = argv
    ledger = Ledger(make_engine(os.environ[URL_VARIABLE]), Path(folder))
    try:
        ledger.frame(agreement)
    finally:
        ledger.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""State shared by every command: where the ledger is, and how to print."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rich.console import Console

from truce.pretty import json_text
from truce.services.ledger import Ledger
from truce.services.ledger import open_ledger as open_at

DEFAULT_DB = "truce.db"
# Exit status when a command did part of its work: some documents or lines failed (each listed
# on stderr) and the rest were processed. 1 is an error with nothing done; 2 is click's for a
# usage error, so it cannot mean this.
EXIT_PARTIAL = 3


@dataclass
class Settings:
    """The global options, set before a command runs (before or after its name)."""

    db: str = DEFAULT_DB
    as_json: bool = False  # --json: the result on stdout, an error on stderr, both as JSON
    quiet: bool = False  # --quiet: no progress, no hints
    progress: bool = False  # --progress: progress lines even when stderr is not a terminal

    def reset(self, db: str) -> None:
        self.db, self.as_json, self.quiet, self.progress = db, False, False, False


settings = Settings()
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def db_url() -> str:
    return settings.db or os.environ.get("TRUCE_DB") or DEFAULT_DB


@contextmanager
def open_ledger() -> Iterator[Ledger]:
    ledger = open_at(db_url())
    try:
        yield ledger
    finally:
        ledger.close()


def wants_json(flag: bool = False) -> bool:
    """A command's own `--json`, or the global one."""
    return flag or settings.as_json


def report(data: dict[str, Any], text: str) -> None:
    """A command's closing result: `data` as JSON under --json, else `text` for people."""
    if settings.as_json:
        print_json(data)
    else:
        console.print(text, markup=False, highlight=False)


def hint(text: str) -> None:
    """A next step for people; not shown under --json or --quiet."""
    if not (settings.as_json or settings.quiet):
        console.print(text, markup=False, highlight=False)


def hand_over(text: str) -> None:
    """Print `text`, a command's whole answer, and let its reader go: standard output flushed
    and, when it is the process's own, pointed at the null device, so that a pipe's reader sees
    its end while the command goes on writing what it keeps for later readers."""
    print(text, flush=True)
    let_go()


def let_go() -> None:
    """Standard output flushed and, when it is the process's own, pointed at the null device:
    the command's answer is out, what follows only keeps things for later readers."""
    sys.stdout.flush()
    own = sys.__stdout__
    if own is not None and sys.stdout is own:  # not a test's captured stream
        done = os.open(os.devnull, os.O_WRONLY)
        os.dup2(done, own.fileno())
        os.close(done)


def print_json(data: Any) -> None:
    """Stable JSON on stdout: sorted keys, no colour, one document."""
    print(json_text(data))


def keep_snapshots(ledger: Ledger, agreements: list[str], answer_out: bool = True) -> None:
    """After a command appended claims (no server's warm follows it), one item of `agreements`
    per claim appended: each agreement's snapshot kept at the new head for the next reader,
    folded (or, while the record is small beside what was written, built), so that a ledger
    written by commands alone is no head nobody judged (`services.keep_snapshot`;
    docs/status.md). With `answer_out`, the command's answer is printed whole: its reader is let
    go first."""
    if not agreements:
        return
    if answer_out:
        let_go()
    from truce.services.claims import keep_snapshots as keep  # not for every command

    keep(ledger, agreements)

"""State shared by every command: where the ledger is, and how to print."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rich.console import Console

from truce.pretty import json_text
from truce.storage.ledger import Ledger

DEFAULT_DB = "truce.db"
# Exit status when a command did part of its work: some documents or lines failed (each listed
# on stderr) and the rest were processed. 1 is an error with nothing done; 2 is click's for a
# usage error, so it cannot mean this.
EXIT_PARTIAL = 3


@dataclass
class Settings:
    db: str = DEFAULT_DB


settings = Settings()
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def db_url() -> str:
    return settings.db or os.environ.get("TRUCE_DB") or DEFAULT_DB


@contextmanager
def open_ledger() -> Iterator[Ledger]:
    ledger = Ledger.open(db_url())
    try:
        yield ledger
    finally:
        ledger.close()


def print_json(data: Any) -> None:
    """Stable JSON on stdout: sorted keys, no colour, one document."""
    print(json_text(data))

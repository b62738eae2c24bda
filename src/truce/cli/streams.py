"""Standard streams for commands that read or write files: `-`, redirected output, progress.

`-` names stdin (for a file argument) or stdout (for `--out`). Binary output (Parquet) goes to
stdout only when stdout is redirected; to a terminal it is refused before anything is written.
Progress goes to stderr: a bar when stderr is a terminal, a plain line a second with
`--progress` when it is not, nothing under `--quiet` or `--json` (unless `--progress`).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

from rich.progress import Progress

from truce.cli.context import errors, settings
from truce.errors import ExportTarget, TruceError

STDIO = "-"
# Plain progress lines (stderr not a terminal, --progress): at most one per this many seconds.
LINE_EVERY = 1.0

T = TypeVar("T")


class StdinNeedsFormat(TruceError):
    """`-` reads stdin, which has no file name to tell its format by."""

    code = "C110"
    default_hint = (
        "pass --format jsonl or --format csv, e.g. `cat claims.csv | truce import - -f csv`"
    )


def is_stdio(path: Path | str | None) -> bool:
    return path is not None and str(path) == STDIO


def output_target(out: Path | None, binary: bool) -> Path | IO[str]:
    """Where a command's output goes: the --out path, or stdout for `-` or no --out.

    Raises before any file is created when binary output would land on a terminal.
    """
    if out is not None and not is_stdio(out):
        return out
    if binary and sys.stdout.isatty():
        raise ExportTarget(
            "Parquet is binary and cannot go to the terminal",
            hint="pass --out FILE.parquet, or redirect: `truce export -f parquet > claims.parquet`",
        )
    return sys.stdout


@contextmanager
def input_path(path: Path, fmt: str | None) -> Iterator[tuple[Path, str | None]]:
    """The file to read, and the name to show for it (None: its own path).

    For `-`, stdin is copied to a temporary file named for `fmt`, so the all-or-nothing import
    reads it like any file; it is removed afterwards.
    """
    if not is_stdio(path):
        yield path, None
        return
    if fmt is None:
        raise StdinNeedsFormat("claims on stdin (`-`) need their format named")
    with tempfile.TemporaryDirectory(prefix="truce-stdin-") as folder:
        spool = Path(folder) / f"stdin.{fmt}"
        with spool.open("wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle)
        yield spool, "<stdin>"


def progress_wanted() -> bool:
    if settings.quiet:
        return False
    return settings.progress or (errors.is_terminal and not settings.as_json)


class Meter:
    """Progress of one long operation on stderr; see the module's docstring for when."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = progress_wanted()
        self.bar: Progress | None = None
        self.last = 0.0
        self.state: tuple[int, int | None] | None = None
        self.printed: tuple[int, int | None] | None = None

    def __enter__(self) -> Meter:
        if self.shown and errors.is_terminal:
            self.bar = Progress(console=errors, transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.label, total=None)
        return self

    def update(self, done: int, total: int | None = None) -> None:
        self.state = (done, total)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)
        elif self.shown and time.monotonic() - self.last >= LINE_EVERY:
            self._line()

    def _line(self) -> None:
        self.last = time.monotonic()
        if self.state is None or self.state == self.printed:
            return
        self.printed = self.state
        done, total = self.state
        of = f"/{total}" if total is not None else ""
        print(f"{self.label}: {done}{of}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        elif self.shown:
            self._line()  # the final count, always

    def counted(self, items: Iterable[T], total: int | None = None) -> Iterator[T]:
        """`items`, updating the meter every 1,000 and at the end."""
        done = 0
        for done, item in enumerate(items, 1):
            if done % 1000 == 0:
                self.update(done, total)
            yield item
        self.update(done, total)

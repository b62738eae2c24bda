"""The `truce` command's entry point: `truce --version` answers before any command module (and
SQLAlchemy, pandas, ...) is imported; everything else goes to the full command (`cli.app`)."""

from __future__ import annotations

import sys
from importlib import metadata


def version() -> str:
    try:
        return metadata.version("truce")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        from truce import __version__

        return __version__


def version_line() -> str:
    """What `truce --version` prints, wherever it is answered (here, or by `cli.app`)."""
    return f"truce {version()}"


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        print(version_line())
        return
    from truce.cli.app import main as run_command

    run_command()

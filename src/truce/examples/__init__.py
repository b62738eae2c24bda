"""The bundled example agreements and claims, shipped inside the package.

`agreements/` holds the specs (amendments in `agreements/versions/`), `claims/` their
day-by-day records. They are package data, so a wheel installed anywhere carries them; the
repository's `examples/` is a link to this folder, so paths in the docs keep working.
"""

from __future__ import annotations

import os
from pathlib import Path

from truce.errors import ExamplesMissing

__all__ = ["ExamplesMissing", "examples_dir"]

BUNDLED = Path(__file__).resolve().parent


def examples_dir() -> Path:
    """This package's folder of examples, or the folder named by $TRUCE_EXAMPLES."""
    override = os.environ.get("TRUCE_EXAMPLES")
    root = Path(override) if override else BUNDLED
    if (root / "agreements").is_dir():
        return root
    where = "$TRUCE_EXAMPLES" if override else "the installed package"
    raise ExamplesMissing(f"no agreements/ folder in {root} (from {where})")

"""Where the bundled example agreements and claims are."""

from __future__ import annotations

import os
from pathlib import Path

from truce.errors import ExamplesMissing

__all__ = ["ExamplesMissing", "examples_dir"]


def examples_dir() -> Path:
    """The repository's `examples/` folder (or $TRUCE_EXAMPLES)."""
    override = os.environ.get("TRUCE_EXAMPLES")
    candidates = [Path(override)] if override else []
    candidates.append(Path(__file__).resolve().parents[3] / "examples")
    for candidate in candidates:
        if (candidate / "agreements").is_dir():
            return candidate
    raise ExamplesMissing("the bundled examples are not where truce expects them")

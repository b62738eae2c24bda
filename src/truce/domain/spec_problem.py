"""A problem found in a spec, at a path into the document (shared by the spec checks)."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One inconsistency, at a path into the spec document (keys and list indexes)."""

    path: Path
    message: str
    hint: str
    kind: str = ""  # names a problem with its own error code (see truce.spec_yaml.validation)


def unknown(path: Path, what: str, value: str, known: list[str]) -> Problem:
    choices = ", ".join(known) if known else "(none declared)"
    return Problem(path, f"unknown {what} {value!r}", f"write one of: {choices}")

"""The version of the rules a snapshot's frame was computed by, read off their source.

A snapshot keeps what the rules made of the claims (events grouped, leading figures chosen,
disputes flagged). A release that changes those rules must not keep serving frames the old
rules made until the next append happens to rebuild them; so the snapshot's format names the
rules by a hash of the source of every module that shapes a frame: the whole pure domain (the
grouping, ranking and reading rules live there) and the storage modules that fill the frame.
Any change to them, in a release or in a developer's checkout, makes old snapshots stale; they
are then rebuilt from the ledger, which is the only source.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
# The storage modules that turn projection rows into a frame, besides the domain.
FRAME_MODULES = (
    "storage/columnar.py",
    "storage/fetch.py",
    "storage/regroup.py",
    "storage/snapshot.py",
)


def rule_files(package: Path) -> list[Path]:
    domain = sorted((package / "domain").rglob("*.py"))
    return [*domain, *(package / name for name in FRAME_MODULES)]


def fingerprint(package: Path) -> str:
    """A short hash of the rules' source under `package` (a `truce` package folder)."""
    digest = hashlib.sha256()
    for path in rule_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@cache
def current() -> str:
    """The fingerprint of the rules this process runs."""
    return fingerprint(PACKAGE)

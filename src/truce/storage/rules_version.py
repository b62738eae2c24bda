"""The version of the rules that judged, read off their source.

A snapshot keeps what the rules made of the claims (events grouped, leading figures chosen,
disputes flagged), and `storage.answers` keeps whole judged answers. A release that changes the
rules must not keep serving what the old rules made until the next append happens to rebuild
it; so both name the rules by a hash of the source of every module that shapes a frame or an
answer: the whole pure domain (grouping, ranking, reading and judging rules), the spec layer,
the storage layer that fills the frame, and the services that compose them. Any change to them,
in a release or in a developer's checkout, makes old snapshots and answers stale; they are then
rebuilt from the ledger, which is the only source.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
RULE_PACKAGES = ("domain", "spec_yaml", "storage", "services")
# pretty.py and compact_json.py write the kept answers' bytes: a change to how they write (as
# NaN became null, 2026-12-07) must not leave bytes an older writer made being served.
RULE_MODULES = ("pretty.py", "compact_json.py", "errors.py")


def rule_files(package: Path) -> list[Path]:
    files = [package / name for name in RULE_MODULES]
    for folder in RULE_PACKAGES:
        files += sorted((package / folder).rglob("*.py"))
    return files


def fingerprint(package: Path) -> str:
    """A short hash of the rules' source under `package` (a `truce` package folder); empty
    when a file cannot be read (then nothing kept may be trusted)."""
    digest = hashlib.sha256()
    try:
        for path in rule_files(package):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return ""
    return digest.hexdigest()[:16]


@cache
def current() -> str:
    """The fingerprint of the rules this process runs."""
    return fingerprint(PACKAGE)

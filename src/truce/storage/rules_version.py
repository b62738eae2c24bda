"""The version of the rules that judged, read off their source.

A snapshot keeps what the rules made of the claims (events grouped, leading figures chosen,
disputes flagged), and `storage.answers` keeps whole judged answers. A release that changes the
rules must not keep serving what the old rules made until the next append happens to rebuild
it; so both name the rules by a hash of the source of every module that shapes a frame or an
answer: the whole pure domain (grouping, ranking, reading and judging rules), the spec layer,
the storage layer that fills the frame, and the services that compose them. Any change to them,
in a release or in a developer's checkout, makes old snapshots and answers stale; they are then
rebuilt from the ledger, which is the only source.

The snapshot's claims table is not what the rules made of the claims: it is the projection's
rows as the read gives them (`storage.columnar.read_rows`). Those are named apart, by a hash of
the source that reads them and of the projection's schema (`rows`): a release that changes only
the rules regroups the kept rows instead of reading every claim again (docs/status.md, "A head
nobody judged").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
RULE_PACKAGES = ("domain", "spec_yaml", "storage", "services")
# pretty.py and compact_json.py write the kept answers' bytes: a change to how they write (as
# NaN became null, 2026-12-07) must not leave bytes an older writer made being served.
RULE_MODULES = ("pretty.py", "compact_json.py", "errors.py")


# What the claims table of a snapshot is made by: the read (columnar, its side processes and
# PostgreSQL's COPY), the columns it reads (rows, tables, claim_fields), the connection's
# setup (db), every module those import by name (the columns the read derives: a source's key,
# a reading's qualifier, a claim's parts, the ids as words; the spec modules they lean on),
# and every migration (one may rewrite the projection's rows; the chain's hashes would not say
# so). tests/storage/test_rules_version.py holds the list to the modules' own imports.
ROW_MODULES = (
    "storage/columnar.py",
    "storage/driver_rows.py",
    "storage/pg_copy.py",
    "storage/rows.py",
    "storage/tables.py",
    "storage/db.py",
    "storage/chain.py",
    "domain/claim_fields.py",
    "domain/claim_checks.py",
    "domain/claims.py",
    "domain/engine/claim_columns.py",
    "domain/leading.py",
    "domain/readings.py",
    "domain/spec.py",
    "domain/provisions.py",
    "domain/agreement_meta.py",
    "domain/bounds.py",
)
ROW_PACKAGES = ("storage/migrations",)


def row_files(package: Path) -> list[Path]:
    files = [package / name for name in ROW_MODULES]
    for folder in ROW_PACKAGES:
        files += sorted((package / folder).rglob("*.py"))
    return files


def rule_files(package: Path) -> list[Path]:
    files = [package / name for name in RULE_MODULES]
    for folder in RULE_PACKAGES:
        files += sorted((package / folder).rglob("*.py"))
    return files


def fingerprint(package: Path, files: Callable[[Path], list[Path]] = rule_files) -> str:
    """A short hash of the rules' source under `package` (a `truce` package folder), or of
    other `files` there; empty when a file cannot be read (then nothing kept may be trusted)."""
    digest = hashlib.sha256()
    try:
        for path in files(package):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return ""
    return digest.hexdigest()[:16]


@cache
def current() -> str:
    """The fingerprint of the rules this process runs."""
    return fingerprint(PACKAGE)


@cache
def rows() -> str:
    """The fingerprint of the code that reads the projection's rows in this process."""
    return fingerprint(PACKAGE, row_files)

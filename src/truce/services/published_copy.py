"""`truce publish`: a read-only SQLite copy of the public record, safe to serve with datasette.

`datasette truce.db` on the ledger itself would publish everything in it: the `users` table
(token hashes), the raw `entries` (every payload, users' included), the review queue. The copy
holds three tables and nothing else:

- `agreements`: each agreement's id, title, clock and state, and the ledger head the copy is
  of (taken after reading: every row of the copy is at or before it);
- `claims`: every claim as a flat row (`io.flat`; who recorded it left out);
- `verdicts`: each obligation's verdict (`truce status`), with its explanation.

It is written to a temporary file beside the target and renamed into place (a reader never sees
half a copy), with the rollback journal (no WAL files to need write access) and its permission
bits read-only. Beside it, `OUT.metadata.json` describes the tables and columns for datasette:
`datasette serve --immutable OUT.db --metadata OUT.metadata.json`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from truce import services
from truce.compact_json import finite
from truce.domain.claim_fields import HELP, SOURCE_FIELDS
from truce.io.field_errors import PublishTarget
from truce.io.field_export import DATE_TIME
from truce.io.flat import COLUMNS as FLAT_COLUMNS
from truce.io.flat import flat_row
from truce.storage.ledger import Ledger

CLAIM_COLUMNS = tuple(c for c in FLAT_COLUMNS if c != "recorded_by")
INTEGERS = frozenset({"quantity", "geo_precision", "source_count", "days_total", "due",
                      "delivered", "balance", "head_seq"})  # fmt: skip
REALS = frozenset({"lat", "lon"})
AGREEMENT_COLUMNS = ("id", "title", "timezone", "state", "starts_at", "ends_at", "days_total",
                     "signed", "countries", "spec_version", "head", "head_seq")  # fmt: skip
VERDICT_COLUMNS = ("agreement", "obligation", "term", "kind", "party", "subject", "period",
                   "starts_at", "ends_at", "due", "delivered", "balance", "status",
                   "explanation")  # fmt: skip
TABLES = {"agreements": AGREEMENT_COLUMNS, "claims": CLAIM_COLUMNS, "verdicts": VERDICT_COLUMNS}
READ_ONLY = 0o444


@dataclass(frozen=True)
class Published:
    path: Path
    metadata: Path
    agreements: int
    claims: int
    verdicts: int


def metadata_path(out: Path) -> Path:
    return out.with_name(out.stem + ".metadata.json")


def publish(
    ledger: Ledger, out: Path, agreements: list[str] | None = None, *, force: bool = False,
    ledger_file: Path | None = None,
) -> Published:  # fmt: skip
    """Write the public copy of `agreements` (default: all) to `out`, and its metadata."""
    out = Path(out)
    if ledger_file is not None and out.resolve() == ledger_file.resolve():
        raise PublishTarget(f"{out} is the ledger itself", hint="name another file, e.g. public.db")
    if out.exists() and not force:
        raise PublishTarget(f"{out} exists")
    ids = agreements or [a.id for a in ledger.agreements()]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for agreement in ids:
        spec, _ = ledger.agreement(agreement)
        status = services.status(ledger, agreement)
        rows["agreements"].append(_agreement_row(spec.timezone, status))
        rows["claims"].extend(flat_row(c) for c in ledger.claims(agreement))
        rows["verdicts"].extend(_verdict_row(agreement, o) for o in status["obligations"])
    # Taken after reading: everything in the copy is at or before this head, even if another
    # process appended while it was read.
    point = ledger.checkpoint()
    for row in rows["agreements"]:
        row |= {"head": point.head, "head_seq": point.seq}
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        _write(temporary, rows)
        os.chmod(temporary, READ_ONLY)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    meta = metadata_path(out)
    meta.write_text(json.dumps(_metadata(out, point.head, point.seq), indent=2) + "\n", "utf-8")
    return Published(out, meta, *(len(rows[name]) for name in TABLES))


def _agreement_row(zone: str, status: dict[str, Any]) -> dict[str, Any]:
    meta = status.get("metadata") or {}
    return {
        "id": status["agreement"], "title": status["title"], "timezone": zone,
        "state": status["state"], "starts_at": status["starts_at"], "ends_at": status["ends_at"],
        "days_total": status["days_total"], "signed": meta.get("signed"),
        "countries": ";".join(meta.get("countries") or []) or None,
        "spec_version": status.get("spec_version"),
    }  # fmt: skip


def _verdict_row(agreement: str, obligation: dict[str, Any]) -> dict[str, Any]:
    row = {k: obligation.get(k) for k in VERDICT_COLUMNS}
    return row | {"agreement": agreement, "obligation": obligation["id"]}


def _sql_type(column: str) -> str:
    return "INTEGER" if column in INTEGERS else "REAL" if column in REALS else "TEXT"


def _write(path: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        for table, columns in TABLES.items():
            spelled = ", ".join(f'"{c}" {_sql_type(c)}' for c in columns)
            db.execute(f'CREATE TABLE "{table}" ({spelled})')
            marks = ", ".join("?" for _ in columns)
            db.executemany(
                f'INSERT INTO "{table}" VALUES ({marks})',
                ([_value(r.get(c)) for c in columns] for r in rows[table]),
            )
        db.execute('CREATE INDEX "claims_by_agreement" ON "claims" ("agreement", "date_utc")')
        db.execute('CREATE INDEX "verdicts_by_agreement" ON "verdicts" ("agreement")')
    db.close()


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime(DATE_TIME)
    if isinstance(value, dict | list):  # a claim's `extra`: JSON, so NaN kept from old is null
        return json.dumps(finite(value), ensure_ascii=False)
    return finite(value)


def _metadata(out: Path, head: str, seq: int) -> dict[str, Any]:
    """Datasette's metadata (docs.datasette.io, "Metadata"): titles, and what each table and
    column holds."""
    return {
        "title": "truce: the public record",
        "description": f"Published by `truce publish` from the ledger at entry {seq}, head "
        f"{head}. Claims are reports by sources, never bare facts; verdicts are truce's "
        "reading of them against each agreement's terms.",
        "source": "truce ledger",
        "databases": {
            out.stem: {
                "tables": {
                    "agreements": {"description": "each agreement, its clock and its state"},
                    "claims": {
                        "description": "one source's report of one event per row",
                        "columns": CLAIM_DESCRIPTIONS,
                    },
                    "verdicts": {"description": "each obligation's verdict and why"},
                }
            }
        },
    }


# What each of the claims table's columns holds: a claim field's is the definition's help
# (`domain.claim_fields`); the columns the flat row adds are described here.
FLAT_DESCRIPTIONS = {
    "date_utc": "the same instant as date, in UTC",
    "place": "the gazetteer's name of the place (extra.place)",
    "lat": "the place's latitude, WGS84", "lon": "the place's longitude, WGS84",
    "admin1": "the place's first-level administrative code",
    "country": "the place's country, ISO 3166-1 alpha-3",
    "geo_precision": "as ACLED codes it: 1 a town, 2 near a town or a district, 3 a region",
    **{f"source_{k}": f"each source's {k}, joined with '; '" for k in SOURCE_FIELDS},
    "source_count": "how many sources report it",
    "plover": "the event's PLOVER code", "cameo": "the event's CAMEO code",
}  # fmt: skip
CLAIM_DESCRIPTIONS = {c: HELP[c] if c in HELP else FLAT_DESCRIPTIONS[c] for c in CLAIM_COLUMNS}

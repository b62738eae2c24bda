"""Claims as one flat row each, for spreadsheets (`csv-excel`, `xlsx`) and the published copy.

No cell holds JSON (Excel splits or mangles it): sources become the `source_*` columns, each
the `; `-joined field of every source in order, and the place its own columns. `date` keeps
the offset the claim was written with; `date_utc` is the same instant in UTC as
`YYYY-MM-DD HH:MM:SS`, which `pandas.to_datetime`, Excel and R read as a date-time whatever
mix of offsets `date` holds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from truce.domain.claim_fields import SOURCE_FIELDS
from truce.domain.claims import Claim
from truce.io.export import code_columns
from truce.io.field_rows import place, sources_text

SOURCE_KEYS = SOURCE_FIELDS
COLUMNS = (
    "id", "agreement", "type", "date", "date_utc", "date_precision", "event_id", "actor",
    "target", "quantity", "qualifier", "parts", "subject", "categories", "status", "reliability",
    "location", "place", "lat", "lon", "admin1", "country", "geo_precision",
    *(f"source_{k}" for k in SOURCE_KEYS), "source_count", "quote", "notes", "supersedes",
    "phase", "plover", "cameo", "recorded_by",
)  # fmt: skip
HXL = {
    "id": "#meta+id", "agreement": "#meta+agreement", "type": "#event+type",
    "date": "#date+occurred+local", "date_utc": "#date+occurred+utc",
    "date_precision": "#date+precision", "event_id": "#event+id",
    "actor": "#group+code+first", "target": "#group+code+second", "quantity": "#value+num",
    "qualifier": "#value+qualifier", "parts": "#value+parts", "subject": "#value+subject",
    "categories": "#value+categories", "status": "#status+verification",
    "reliability": "#meta+reliability", "location": "#loc+text", "place": "#loc+name",
    "lat": "#geo+lat", "lon": "#geo+lon", "admin1": "#adm1+code", "country": "#country+code",
    "geo_precision": "#geo+precision", "source_outlet": "#meta+source",
    "source_url": "#meta+url", "source_speaker": "#contact+name",
    "source_role": "#contact+role", "source_anonymous": "#meta+anonymous",
    "source_via": "#meta+source+via", "source_count": "#meta+source+num",
    "quote": "#description+quote", "notes": "#description+notes",
    "supersedes": "#meta+supersedes", "phase": "#meta+phase", "plover": "#event+code+plover",
    "cameo": "#event+code+cameo", "recorded_by": "#meta+recorder",
}  # fmt: skip


def utc(when: datetime) -> datetime:
    """The instant in UTC without its zone: what spreadsheets hold as a date-time."""
    return when.astimezone(UTC).replace(tzinfo=None)


def flat_row(claim: Claim) -> dict[str, Any]:
    """The claim as flat cells; `date_utc` a naive UTC datetime (the writer formats it)."""
    where = place(claim)
    row: dict[str, Any] = {
        "id": claim.id,
        "agreement": claim.agreement,
        "type": str(claim.type),
        "date": claim.date.isoformat(),
        "date_utc": utc(claim.date),
        "date_precision": claim.date_precision.value,
        "event_id": claim.event_id,
        "actor": claim.actor,
        "target": claim.target,
        "quantity": claim.quantity,
        "qualifier": claim.qualifier.value,
        # No JSON in a flat cell: `women=15; minors=15`.
        "parts": "; ".join(f"{k}={n}" for k, n in claim.parts) or None,
        "subject": claim.subject,
        "categories": ";".join(claim.categories) or None,
        "status": claim.status.value,
        "reliability": claim.reliability,
        "location": claim.location,
        "place": where["name"] if isinstance(claim.extra.get("place"), dict) else None,
        "source_count": len(claim.sources),
        "quote": claim.quote,
        "notes": claim.notes,
        "supersedes": claim.supersedes,
        "phase": claim.phase,
        "recorded_by": claim.recorded_by,
    }
    row |= {k: where[k] for k in ("lat", "lon", "admin1", "country", "geo_precision")}
    row |= {f"source_{k}": sources_text(claim, k) for k in SOURCE_KEYS}
    return row | code_columns(claim)

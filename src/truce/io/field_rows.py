"""What the field formats (ACLED, UCDP, the flat spreadsheet table) read off a claim: its
local dates, its actors' names and ACLED inter codes, its sources and its place, each once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from iso3166 import countries

from truce.domain.claims import Claim, DatePrecision, precision_span
from truce.domain.spec import AgreementSpec
from truce.io.export import place_columns
from truce.io.field_errors import BadInterCode
from truce.io.source_scale import BUILT_IN as BUILT_IN_SCALES

# ACLED's actor types ('inter' codes), ACLED Codebook 2023, "Actor Names, Types, and 'Inter'
# Codes": 1 State Forces ... 8 External/Other Forces.
INTER_CODES = range(1, 9)
# A mediator or guarantor acts from outside the conflict: ACLED's External/Other Forces.
OUTSIDE_INTER = 8


@dataclass
class FieldContext:
    """What the field formats read off the agreements: actor ids to display names, the inter
    codes known for them, each agreement's time zone (its local days), and the outlets' ACLED
    source scales (`io.source_scale`)."""

    names: dict[str, str] = field(default_factory=dict)
    inter: dict[str, int] = field(default_factory=dict)
    zones: dict[str, ZoneInfo] = field(default_factory=dict)
    scales: dict[str, str] = field(default_factory=lambda: dict(BUILT_IN_SCALES))

    @classmethod
    def of(
        cls,
        specs: Iterable[AgreementSpec],
        inter: Mapping[str, int] | None = None,
        scales: Mapping[str, str] | None = None,
    ) -> FieldContext:
        found = cls(scales=dict(BUILT_IN_SCALES if scales is None else scales))
        for spec in specs:
            found.zones[spec.id] = spec.zone
            for group in (spec.parties, spec.excluded, spec.mediators, spec.guarantors):
                for actor in group:
                    found.names.setdefault(actor.id, actor.name or actor.id)
            for actor in (*spec.mediators, *spec.guarantors):
                found.inter.setdefault(actor.id, OUTSIDE_INTER)
        found.inter |= dict(inter or {})
        return found

    def name(self, actor_id: str | None) -> str | None:
        return None if actor_id is None else self.names.get(actor_id, actor_id)

    def code(self, actor_id: str | None) -> int | None:
        return None if actor_id is None else self.inter.get(actor_id)


def parse_inter(options: Iterable[str], known: Iterable[str]) -> dict[str, int]:
    """`--inter hamas=2` options as {actor id: code}, refusing unknown ids and codes."""
    ids = set(known)
    out: dict[str, int] = {}
    for option in options:
        actor, sep, code = option.partition("=")
        actor, code = actor.strip(), code.strip()
        if not sep or actor not in ids or not code.isdigit() or int(code) not in INTER_CODES:
            names = ", ".join(sorted(ids)) or "none"
            raise BadInterCode(f"--inter {option!r}: expected ACTOR=1..8 (actors: {names})")
        out[actor] = int(code)
    return out


def period(claim: Claim, zone: ZoneInfo | None = None) -> tuple[date, date]:
    """The first and last local day the claim's date stands for (one day when exact): in
    `zone`, the agreement's, for an exact instant; a day, week or month is already local."""
    start = claim.date
    if claim.date_precision is DatePrecision.EXACT:
        local = start.astimezone(zone) if zone is not None else start
        return local.date(), local.date()
    end = start + precision_span(claim.date_precision, start) - timedelta(microseconds=1)
    return start.date(), end.date()


def place(claim: Claim) -> dict[str, Any]:
    """The place's columns (`export.place_columns`) with its name, and the country's ISO 3166
    numeric code and name for an ISO3 code."""
    out = place_columns(claim)
    given = claim.extra.get("place")
    name = given.get("name") if isinstance(given, dict) else None
    out["name"] = name if isinstance(name, str) else claim.location
    found = countries.get(out["country"], None) if out["country"] else None
    out["iso"] = int(found.numeric) if found is not None else None
    out["country_name"] = found.name if found is not None else None
    return out


def sources_text(claim: Claim, key: str) -> str | None:
    """One field of every source, `; `-joined in source order (ACLED's separator)."""
    values = [getattr(s, key) for s in claim.sources]
    if key == "anonymous":
        return "; ".join("yes" if v else "no" for v in values) or None
    return "; ".join(v for v in values if v) or None


def imported(claim: Claim, key: str) -> dict[str, Any]:
    """The original row an import kept under `extra[key]` (`acled`, `ucdp`), or {}."""
    found = claim.extra.get(key)
    return found if isinstance(found, dict) else {}

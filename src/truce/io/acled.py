"""Claims as ACLED-shaped rows, through a documented crosswalk from truce's event types.

Column names, event and sub-event types, inter codes and precision codes follow the ACLED
Codebook (Armed Conflict Location & Event Data Project, 2023, acleddata.com). ACLED codes
political violence, demonstrations and strategic developments; truce records what a ceasefire
or exchange says happened. The crosswalk (`CROSSWALK`) puts each truce type under the ACLED
type a coder would most likely choose; it is a default to check, not ACLED's own coding:

- violence (`breach`, `casualty_claim`): Battles / Armed clash;
- what the parties agree or declare (`ceasefire_*`, `agreement_term`, `release`): Strategic
  developments / Agreement (ACLED's Agreement covers ceasefires, prisoner exchanges and
  releases);
- `withdrawal`: Strategic developments / Non-violent transfer of territory;
- `meeting`, `statement`, `aid_delivery` and declared provisions: Strategic developments /
  Other (a declared provision with PLOVER type ASSAULT: Battles / Armed clash).

A claim imported from an ACLED file (`extra.acled`) keeps its original coding instead.
"""

from __future__ import annotations

from typing import Any

from truce.domain.claims import Claim, DatePrecision, EventType
from truce.domain.event_codes import codes_for
from truce.io.field_rows import FieldContext, imported, period, place, sources_text
from truce.io.source_scale import source_scale

BATTLES = ("Battles", "Armed clash")
AGREEMENT = ("Strategic developments", "Agreement")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
OTHER = ("Strategic developments", "Other")
_E = EventType
CROSSWALK: dict[str, tuple[str, str]] = {
    _E.BREACH: BATTLES, _E.CASUALTY_CLAIM: BATTLES,
    _E.CEASEFIRE_START: AGREEMENT, _E.CEASEFIRE_EXTENSION: AGREEMENT,
    _E.CEASEFIRE_END: AGREEMENT, _E.AGREEMENT_TERM: AGREEMENT, _E.RELEASE: AGREEMENT,
    _E.WITHDRAWAL: TRANSFER,
    _E.MEETING: OTHER, _E.STATEMENT: OTHER, _E.AID_DELIVERY: OTHER,
}  # fmt: skip
# ACLED's disorder type of each event type (codebook, "ACLED Events").
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED time_precision: 1 the day is known, 2 the week, 3 only the month.
TIME_PRECISION = {DatePrecision.EXACT: 1, DatePrecision.DAY: 1, DatePrecision.WEEK: 2,
                  DatePrecision.MONTH: 3}  # fmt: skip
# Subjects of a casualty claim that count deaths (ACLED's fatalities), not injuries.
DEATH_WORDS = ("kill", "dead", "death", "fatal")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "iso", "iso3",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities",
)  # fmt: skip
# truce's own columns, after ACLED's: enough to import the file back to the same claims.
TRUCE_COLUMNS = (
    "truce_claim_id", "truce_agreement", "truce_type", "truce_event_id", "truce_actor",
    "truce_target", "truce_quantity", "truce_qualifier", "truce_subject", "truce_status",
    "truce_reliability",
)  # fmt: skip
COLUMNS = ACLED_COLUMNS + TRUCE_COLUMNS
TRUCE_HXL = {
    "truce_claim_id": "#meta+id+claim", "truce_agreement": "#meta+agreement",
    "truce_type": "#event+type+truce", "truce_event_id": "#event+id",
    "truce_actor": "#group+code+first", "truce_target": "#group+code+second",
    "truce_quantity": "#value+num", "truce_qualifier": "#value+qualifier",
    "truce_subject": "#value+subject", "truce_status": "#status+verification",
    "truce_reliability": "#meta+reliability",
}  # fmt: skip
HXL = {
    "event_id_cnty": "#event+id+acled", "event_date": "#date+occurred",
    "year": "#date+year", "time_precision": "#date+precision",
    "disorder_type": "#event+type+disorder", "event_type": "#event+type",
    "sub_event_type": "#event+type+sub", "actor1": "#group+name+first",
    "inter1": "#group+type+first", "actor2": "#group+name+second",
    "inter2": "#group+type+second", "interaction": "#group+interaction",
    "iso": "#country+code+num", "iso3": "#country+code", "country": "#country+name",
    "admin1": "#adm1+code", "location": "#loc+name", "latitude": "#geo+lat",
    "longitude": "#geo+lon", "geo_precision": "#geo+precision", "source": "#meta+source",
    "source_scale": "#meta+source+scale", "notes": "#description",
    "fatalities": "#affected+killed", **TRUCE_HXL,
}  # fmt: skip


def acled_types(claim: Claim) -> tuple[str, str]:
    """(event_type, sub_event_type) of the claim through the crosswalk."""
    found = CROSSWALK.get(claim.type)
    if found is not None:
        return found
    plover, _ = codes_for(claim.type)
    return BATTLES if plover == "ASSAULT" else OTHER


def fatalities(claim: Claim) -> int:
    """Deaths the claim reports: a casualty claim's figure when it counts deaths, else 0."""
    if claim.type != EventType.CASUALTY_CLAIM or claim.quantity is None:
        return 0
    subject = (claim.subject or "").lower()
    return claim.quantity if not subject or any(w in subject for w in DEATH_WORDS) else 0


def truce_columns(claim: Claim) -> dict[str, Any]:
    return {
        "truce_claim_id": claim.id, "truce_agreement": claim.agreement,
        "truce_type": str(claim.type), "truce_event_id": claim.event_id,
        "truce_actor": claim.actor, "truce_target": claim.target,
        "truce_quantity": claim.quantity, "truce_qualifier": claim.qualifier.value,
        "truce_subject": claim.subject, "truce_status": claim.status.value,
        "truce_reliability": claim.reliability,
    }  # fmt: skip


def acled_row(claim: Claim, actors: FieldContext) -> dict[str, Any]:
    """The claim as one ACLED row (see the module's note for the crosswalk)."""
    original = imported(claim, "acled")
    event_type, sub_event_type = acled_types(claim)
    inter1, inter2 = actors.code(claim.actor), actors.code(claim.target)
    where = place(claim)
    day = period(claim, actors.zones.get(claim.agreement))[0]
    row: dict[str, Any] = {
        "event_id_cnty": None,
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": TIME_PRECISION[claim.date_precision],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actors.name(claim.actor),
        "inter1": inter1,
        "actor2": actors.name(claim.target),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "iso": where["iso"],
        "iso3": where["country"],
        "country": where["country_name"],
        "admin1": where["admin1"],
        "location": where["name"],
        "latitude": where["lat"],
        "longitude": where["lon"],
        "geo_precision": where["geo_precision"],
        "source": sources_text(claim, "outlet"),
        "source_scale": source_scale(claim, actors.scales),
        "notes": claim.notes or claim.quote,
        "fatalities": fatalities(claim),
    }
    # An imported ACLED event goes back out as ACLED coded it.
    row |= {k: v for k, v in original.items() if k in ACLED_COLUMNS and v not in (None, "")}
    row["disorder_type"] = DISORDER.get(row["event_type"])
    return row | truce_columns(claim)


def _interaction(first: int | None, second: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (a lone actor: code then 0)."""
    if first is None:
        return None
    if second is None:
        return first * 10
    low, high = sorted((first, second))
    return low * 10 + high

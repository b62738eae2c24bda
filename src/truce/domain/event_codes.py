"""The codes of the field's event ontologies for each ledger event type: PLOVER (event and mode)
and CAMEO, looked up in one place so that extraction, claims, exports and batch files agree.

Source: the PLOVER project's published CAMEO-to-PLOVER table (openeventdata/PLOVER,
CAMEO2PLOVER-2021.txt, manual draft 0.8): 0841 "Return, release person(s)" is RETREAT/release,
0871 "Declare truce, ceasefire" is RETREAT/ceasefire, 196 "Violate ceasefire" is ASSAULT, 073
"Provide humanitarian aid" is AID, 046 "Engage in negotiation" is CONSULT, 057 "Sign formal
agreement" is SUPPORT. PLOVER has no ATTACK; its violent category is ASSAULT.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventCodes:
    plover: str | None  # PLOVER event category, e.g. RETREAT
    mode: str | None  # PLOVER mode, e.g. release
    cameo: str | None  # CAMEO event code, e.g. 0841

    def as_dict(self) -> dict[str, str | None]:
        """The shape a candidate carries as `plover` (the `truce extract` JSON contract)."""
        return {"event": self.plover, "mode": self.mode, "cameo": self.cameo}


NONE = EventCodes(None, None, None)

_CODES: dict[str, EventCodes] = {
    "release": EventCodes("RETREAT", "release", "0841"),
    "ceasefire_start": EventCodes("RETREAT", "ceasefire", "0871"),
    # A truce extended is a truce declared for longer: the same code as its start.
    "ceasefire_extension": EventCodes("RETREAT", "ceasefire", "0871"),
    # An end is no one act (a truce expires, collapses, is called off): no code fits them all.
    "ceasefire_end": NONE,
    "breach": EventCodes("ASSAULT", None, "196"),
    "meeting": EventCodes("CONSULT", None, "046"),
    # The violence a toll counts; which CAMEO act caused it the claim does not say.
    "casualty_claim": EventCodes("ASSAULT", None, None),
    "aid_delivery": EventCodes("AID", None, "073"),
    "agreement_term": EventCodes("SUPPORT", None, "057"),
    "statement": NONE,
    # 0874 "Retreat or surrender militarily".
    "withdrawal": EventCodes("RETREAT", None, "0874"),
}


def event_codes(event_type: str) -> EventCodes:
    """The codes of `event_type`; no codes for a type the table does not know."""
    return _CODES.get(str(event_type), NONE)


def codes_for(event_type: str) -> tuple[str | None, str | None]:
    """(PLOVER event, CAMEO code) of `event_type`."""
    codes = event_codes(event_type)
    return codes.plover, codes.cameo

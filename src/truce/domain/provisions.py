"""What agreements provide for: the built-in event types and the provisions a spec declares.

Every event type, built in or declared, is a `Provision`: an id claims and selectors name, a
PA-X-style category, and the PLOVER event type and CAMEO code event-data coders use for it.
`BUILT_IN` is the one table of the built-in types' codes; extraction and exports read it.

Sources for the codes:
- PLOVER and the CAMEO-to-PLOVER crosswalk: the Open Event Data Alliance's PLOVER repository
  (github.com/openeventdata/PLOVER, file `CAMEO2PLOVER-2021.txt`).
- CAMEO verb codes: Schrodt, CAMEO Event and Actor Codebook, version 1.1b3 (March 2012),
  eventdata.parusanalytics.com/data.dir/cameo.html.
- Categories follow the PA-X codebook's headings (Bell et al., PA-X Peace Agreements Database
  and Dataset, version 2, 2019, peaceagreements.org); they are labels, not PA-X variable codes.

Two kinds matter to the engine (see `counts`): a *delivery* is an act whose figure a quota,
ratio or extension term may count (people released, trucks admitted, troops deployed); every
other type is an occurrence a deadline, order or prohibition may look for but no count adds
up. A `statement` is words: it never counts as a delivery of anything, whatever figure it
names (a pledge of 5,000 troops is not 5,000 troops deployed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from truce.domain.claims import EventType

Counts = Literal["delivery", "occurrence"]


@dataclass(frozen=True)
class Provision:
    """One event type: its id, what it is, and how event-data coders classify it."""

    id: str
    label: str
    pax_category: str
    plover: str | None
    cameo: str | None
    counts: Counts = "delivery"
    built_in: bool = False
    plover_mode: str | None = None  # the crosswalk's PLOVER mode for the CAMEO code, if any


def _b(
    kind: EventType,
    label: str,
    pax: str,
    plover: str | None,
    cameo: str,
    counts: Counts,
    mode: str | None = None,
) -> Provision:
    return Provision(kind.value, label, pax, plover, cameo, counts, True, mode)


_E = EventType
BUILT_IN: dict[str, Provision] = {
    p.id: p
    for p in (
        # CAMEO 0841 "Return, release person(s)" -> PLOVER RETREAT (mode release).
        _b(_E.RELEASE, "release of persons", "Transitional justice: Prisoner release",
           "RETREAT", "0841", "delivery", "release"),
        # CAMEO 0871 "Declare truce, ceasefire" -> PLOVER RETREAT (mode ceasefire).
        _b(_E.CEASEFIRE_START, "a ceasefire takes effect", "Security sector: Ceasefire",
           "RETREAT", "0871", "occurrence", "ceasefire"),
        # An extension declares the truce again for longer: the same CAMEO 0871 / RETREAT
        # (not CONCEDE, which the crosswalk gives to 080-083, yielding on policy).
        _b(_E.CEASEFIRE_EXTENSION, "a ceasefire is extended", "Security sector: Ceasefire",
           "RETREAT", "0871", "occurrence", "ceasefire"),
        # A party ending a truce declines to de-escalate: CAMEO 1246 -> PLOVER REJECT. A truce
        # that simply runs out is no act at all; the code describes the declared end.
        _b(_E.CEASEFIRE_END, "a ceasefire ends", "Security sector: Ceasefire",
           "REJECT", "1246", "occurrence", "yield"),
        # CAMEO 196 "Violate ceasefire" -> PLOVER ASSAULT (PLOVER has no ATTACK type).
        _b(_E.BREACH, "a breach of the ceasefire", "Security sector: Ceasefire",
           "ASSAULT", "196", "occurrence"),
        # CAMEO 046 "Engage in negotiation" -> PLOVER CONSULT.
        _b(_E.MEETING, "a meeting or round of talks", "Implementation: Negotiation process",
           "CONSULT", "046", "occurrence"),
        # Deaths and injuries reported from fighting: CAMEO 190 "Use conventional military
        # force" -> PLOVER ASSAULT.
        _b(_E.CASUALTY_CLAIM, "a report of casualties", "Security sector: Ceasefire",
           "ASSAULT", "190", "occurrence"),
        # The bound party lets aid in: CAMEO 0863 "Allow delivery of humanitarian aid" ->
        # PLOVER RETREAT (mode access). (The agency handing it out would be 073 -> AID.)
        _b(_E.AID_DELIVERY, "delivery of humanitarian aid",
           "Socio-economic reconstruction: Humanitarian assistance", "RETREAT", "0863",
           "delivery", "access"),
        # CAMEO 057 "Sign formal agreement" -> PLOVER SUPPORT (not AGREE, which the crosswalk
        # keeps for 03x, intents to cooperate).
        _b(_E.AGREEMENT_TERM, "a term agreed or announced", "Implementation: Agreement text",
           "SUPPORT", "057", "occurrence"),
        # CAMEO 010 "Make statement"; the crosswalk maps no PLOVER type to CAMEO 01x.
        _b(_E.STATEMENT, "a public statement", "Implementation: Statements", None, "010",
           "occurrence"),
        # CAMEO 0874 "Retreat or surrender militarily" -> PLOVER RETREAT (mode disarm).
        _b(_E.WITHDRAWAL, "withdrawal of forces or weapons",
           "Security sector: Withdrawal of foreign forces", "RETREAT", "0874", "delivery",
           "disarm"),
    )
}  # fmt: skip

BUILT_IN_IDS: tuple[str, ...] = tuple(BUILT_IN)


# An event type's id: a built-in type (`release`, `ceasefire_start`) or a declared provision.
TypeId = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="a built-in event type or a provision the spec declares, e.g. `release`, "
        "`deployment`",
    ),
]

# The event types of PLOVER (Open Event Data Alliance), which a provision may name.
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


class DeclaredProvision(BaseModel):
    """An event type the agreement provides for beyond the built-in ones (a deployment, the
    opening of a crossing, the return of remains), which claims and terms may then name."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # as every spec model

    id: TypeId = Field(description="the type's id, e.g. `deployment`; not a built-in type's id")
    label: str | None = Field(None, description="what the provision says, in a few words")
    pax_category: str | None = Field(
        None, description="PA-X-style category, e.g. `Security sector: Withdrawal of forces`"
    )
    plover: PloverType | None = Field(None, description="PLOVER event type, e.g. `MOBILIZE`")
    cameo: str | None = Field(
        None, pattern=r"^[0-9]{2,4}$", description='CAMEO event code as text, e.g. `"0861"`'
    )
    counts: Literal["delivery", "occurrence"] = Field(
        "delivery",
        description="`delivery`: an act quota, ratio and extension terms may count (troops "
        "deployed, remains returned); `occurrence`: something deadline, order and prohibition "
        "terms look for but no count adds up (a monitoring meeting)",
    )

    def provision(self) -> Provision:
        return Provision(
            self.id,
            self.label or self.id,
            self.pax_category or "",
            self.plover,
            self.cameo,
            self.counts,
        )


def event_type(text: str) -> str:
    """A type as claims carry it: the built-in member for a built-in id, else the id itself."""
    try:
        return EventType(text)
    except ValueError:
        return text


def is_delivery(provisions: dict[str, Provision], type_id: str) -> bool:
    """Whether a count may add up claims of this type (see the module's note)."""
    found = provisions.get(type_id)
    return found is not None and found.counts == "delivery"

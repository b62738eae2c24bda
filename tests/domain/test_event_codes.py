"""The codes extraction, claims and exports read come from the one table of event types
(`domain.provisions`), which follows the PLOVER project's published CAMEO-to-PLOVER table
(CAMEO2PLOVER-2021.txt)."""

from __future__ import annotations

import pytest

from truce.domain.candidate import CandidateRecord, claim_input
from truce.domain.claims import EventType
from truce.domain.event_codes import codes_for, plover_record
from truce.domain.provisions import BUILT_IN, Provision

# Rows of the published table: 196 "Violate ceasefire" -> ASSAULT; 0871 "Declare truce,
# ceasefire" -> RETREAT/ceasefire; 0863 "Allow delivery of humanitarian aid" -> RETREAT/access
# (the code the earlier table had for aid, 0233, is "Appeal for humanitarian aid").
PUBLISHED = {
    "breach": ("ASSAULT", "196"),
    "aid_delivery": ("RETREAT", "0863"),
    "ceasefire_extension": ("RETREAT", "0871"),
    "ceasefire_start": ("RETREAT", "0871"),
    "release": ("RETREAT", "0841"),
    "meeting": ("CONSULT", "046"),
}


@pytest.mark.parametrize("kind", sorted(PUBLISHED))
def test_codes_follow_the_published_crosswalk(kind: str) -> None:
    assert codes_for(kind) == PUBLISHED[kind]


def test_every_ledger_type_is_read_from_the_one_table() -> None:
    for kind in EventType:
        assert codes_for(kind) == (BUILT_IN[kind].plover, BUILT_IN[kind].cameo)
    assert codes_for("parade") == (None, None)
    assert plover_record("release") == {"event": "RETREAT", "mode": "release", "cameo": "0841"}
    assert plover_record("breach") == {"event": "ASSAULT", "mode": None, "cameo": "196"}


def test_a_claim_carries_the_codes_of_the_type_it_is_accepted_as() -> None:
    record = CandidateRecord(type="release", date="2023-11-25", id="c1")
    extra = claim_input(record, "gaza", {"hostages"})["extra"]
    assert (extra["plover"], extra["cameo"]) == ("RETREAT", "0841")
    # A reviewer who retypes the candidate gets the codes of the new type, not the old.
    retyped = record.edited({"type": "breach"})
    extra = claim_input(retyped, "gaza", {"hostages"})["extra"]
    assert (extra["plover"], extra["cameo"]) == ("ASSAULT", "196")
    # A type the agreement declares takes the codes the agreement gives it.
    table = {**BUILT_IN, "deployment": Provision("deployment", "d", "", "MOBILIZE", "154")}
    declared = record.edited({"type": "deployment"})
    extra = claim_input(declared, "gaza", set(), provisions=table)["extra"]
    assert (extra["plover"], extra["cameo"]) == ("MOBILIZE", "154")

"""The one table of PLOVER/CAMEO codes: every ledger type has a row, and the rows follow the
PLOVER project's published CAMEO-to-PLOVER table (CAMEO2PLOVER-2021.txt)."""

from __future__ import annotations

import pytest

from truce.domain.candidate import CandidateRecord, claim_input
from truce.domain.claims import EventType
from truce.domain.event_codes import _CODES, codes_for, event_codes

# Published: 196 "Violate ceasefire" -> ASSAULT; 073 "Provide humanitarian aid" -> AID (0233 is
# "Appeal for humanitarian aid", a request); 0871 "Declare truce, ceasefire" -> RETREAT/ceasefire.
PUBLISHED = {
    "breach": ("ASSAULT", "196"),
    "aid_delivery": ("AID", "073"),
    "ceasefire_extension": ("RETREAT", "0871"),
    "ceasefire_start": ("RETREAT", "0871"),
    "release": ("RETREAT", "0841"),
    "meeting": ("CONSULT", "046"),
}


@pytest.mark.parametrize("kind", sorted(PUBLISHED))
def test_codes_follow_the_published_crosswalk(kind: str) -> None:
    assert codes_for(kind) == PUBLISHED[kind]


def test_every_ledger_type_has_a_row_and_no_made_up_category() -> None:
    assert set(_CODES) == {t.value for t in EventType}
    plover = {
        *("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE"),
        *("DEMAND", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"),
    }
    for kind in _CODES:
        event, cameo = codes_for(kind)
        assert event is None or event in plover, kind
        assert cameo is None or cameo.isdigit(), kind


def test_an_unknown_type_has_no_codes() -> None:
    assert codes_for("parade") == (None, None)
    assert event_codes("release").as_dict() == {"event": "RETREAT", "mode": "release",
                                                "cameo": "0841"}  # fmt: skip


def test_a_claim_carries_the_codes_of_the_type_it_is_accepted_as() -> None:
    record = CandidateRecord(type="release", date="2023-11-25", id="c1")
    extra = claim_input(record, "gaza", {"hostages"})["extra"]
    assert (extra["plover"], extra["cameo"]) == ("RETREAT", "0841")
    # A reviewer who retypes the candidate gets the codes of the new type, not the old.
    retyped = record.edited({"type": "breach"})
    extra = claim_input(retyped, "gaza", {"hostages"})["extra"]
    assert (extra["plover"], extra["cameo"]) == ("ASSAULT", "196")

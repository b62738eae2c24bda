"""What a claim may carry beyond its figure (a qualifier, sub-counts) is stored in its own column
on SQLite and PostgreSQL, read back as it was written, and held to the claim's entry by verify:
a value changed in the table is named; a claim without it keeps the id it always had."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from tests.conftest import gaza_spec
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.readings import Qualifier
from truce.storage.ledger import Ledger
from truce.storage.tables import claims as claims_table

ZONE = ZoneInfo("Asia/Jerusalem")
AGREEMENT = "gaza-2023-11"


def _claim(**changes: object) -> Claim:
    fields: dict[str, object] = {"agreement": AGREEMENT, "type": "release", "actor": "hamas",
                                 "date": "2023-11-24T16:00", "quantity": 13,
                                 "subject": "hostages", "sources": [{"outlet": "AFP"}]}  # fmt: skip
    return ClaimInput.model_validate({**fields, **changes}).to_claim(ZONE)


@pytest.mark.parametrize(
    ("field", "given", "read", "read_without", "tampered"),
    [
        pytest.param(
            "qualifier", "at_least", Qualifier.AT_LEAST, Qualifier.EXACT, "about", id="qualifier"
        ),
        pytest.param(
            "parts", {"women": 4, "children": 9}, (("children", 9), ("women", 4)), (),
            '{"children":9,"women":5}', id="parts",
        ),
    ],
)  # fmt: skip
def test_the_field_round_trips_and_verify_names_a_changed_value(
    ledger_url: str, field: str, given: object, read: Any, read_without: Any, tampered: str
) -> None:
    carrying = _claim(**{field: given})
    without = _claim(quantity=12, event_id="e2")
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
        ledger.append_claims([carrying, without], "ana")
        loaded = {c.id: c for c in ledger.claims(AGREEMENT)}
        assert getattr(loaded[carrying.id], field) == read
        assert getattr(loaded[without.id], field) == read_without
        assert field not in without.payload()  # so a claim without it keeps its id
        assert ledger.verify().ok
        with ledger.engine.begin() as conn:
            conn.execute(
                update(claims_table)
                .where(claims_table.c.id == carrying.id)
                .values({field: tampered})
            )
        problems = ledger.verify().problems
        assert any(carrying.id in p and field in p for p in problems), problems

"""Every bundled agreement evaluates, and two of them are followed through their real history."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.spec import AgreementSpec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "agreements"
STATUSES = {
    "met",
    "unmet",
    "no_record",
    "in_progress",
    "upcoming",
    "inactive",
    "violated",
    "alleged",
    "undetermined",
    "failed",
}


def load(name: str) -> AgreementSpec:
    return AgreementSpec.model_validate(YAML(typ="safe").load((EXAMPLES / name).read_text()))


def claims(spec: AgreementSpec, rows: list[dict[str, Any]]) -> list[Claim]:
    return [ClaimInput(agreement=spec.id, **row).to_claim(spec.zone) for row in rows]


def at(spec: AgreementSpec, text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=spec.zone)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_evaluates_on_an_empty_record(name: str) -> None:
    spec = load(name)
    for moment in ("2000-01-01T00:00", "2030-01-01T00:00"):
        state = evaluate(spec, [], at(spec, moment))
        assert state["agreement"] == spec.id
        assert state["state"] in {"pending", "active", "suspended", "ended"}
        assert {o["status"] for o in state["obligations"]} <= STATUSES
        assert len(state["explanations"]) >= len(state["obligations"])
    early = evaluate(spec, [], at(spec, "2000-01-01T00:00"))
    assert early["state"] == "pending"


def test_yemen_truce_renewed_twice_by_two_months() -> None:
    spec = load("yemen-2022.yaml")
    record = claims(
        spec,
        [
            {
                "type": "ceasefire_extension",
                "date": "2022-06-02T18:00",
                "actor": "united-nations",
                "event_id": "renewal-1",
            },
            {
                "type": "ceasefire_extension",
                "date": "2022-08-02T18:00",
                "actor": "united-nations",
                "event_id": "renewal-2",
            },
        ],
    )
    # 2 Apr 19:00 + 2 months = 2 Jun 19:00; renewed to 2 Aug 19:00, then to 2 Oct 19:00.
    assert evaluate(spec, record[:1], at(spec, "2022-06-10T00:00"))["ends_at"] == (
        "2022-08-02T19:00:00+03:00"
    )
    lapsed = evaluate(spec, record, at(spec, "2022-10-03T00:00"))
    assert (lapsed["state"], lapsed["ends_at"]) == ("ended", "2022-10-02T19:00:00+03:00")
    renewals = next(x for x in lapsed["extensions"] if x["term"] == "renewable")
    assert [row["status"] for row in renewals["days"]] == ["earned", "earned"]


def test_shalit_stage_two_waits_for_the_handover() -> None:
    spec = load("shalit-2011.yaml")
    stage_one = claims(
        spec,
        [
            {
                "type": "release",
                "date": "2011-10-18T10:00",
                "actor": "israel",
                "quantity": 477,
                "subject": "prisoners",
                "event_id": "stage-1",
            },
        ],
    )
    # Prisoners released but no handover recorded: stage 1 ends at 00:00 19 Oct and stage 2 is
    # blocked by the gate.
    blocked = evaluate(spec, stage_one, at(spec, "2011-10-20T00:00"))
    assert blocked["state"] == "suspended"
    assert next(p for p in blocked["phases"] if p["id"] == "stage-2")["blocked_by"] == [
        "shalit-handover"
    ]
    handover = claims(
        spec,
        [
            {
                "type": "release",
                "date": "2011-10-18T09:00",
                "actor": "hamas",
                "quantity": 1,
                "subject": "soldiers",
                "event_id": "shalit",
            },
        ],
    )
    going = evaluate(spec, stage_one + handover, at(spec, "2011-10-20T00:00"))
    assert (going["state"], going["phase"]) == ("active", "stage-2")
    # The ratio: 1,027 owed for one soldier; 477 so far.
    ratio = next(o for o in going["obligations"] if o["id"] == "prisoners-per-soldier")
    assert (ratio["due"], ratio["delivered"], ratio["status"]) == (1027, 477, "in_progress")

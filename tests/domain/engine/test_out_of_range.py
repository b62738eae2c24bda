"""A claim dated where no clock can place it (written around the door) is set aside, listed,
and changes nothing else, in the object path and the column path alike."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from truce.domain.claim_input import ClaimInput, with_content_id
from truce.domain.claims import Claim, DatePrecision, EventType
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.timeline import timeline
from truce.domain.spec import AgreementSpec

ROOT = Path(__file__).resolve().parents[3]
ZONE_NAME = "Asia/Jerusalem"


def _seed() -> tuple[AgreementSpec, list[Claim]]:
    with (ROOT / "examples/agreements/gaza-2023-11.yaml").open(encoding="utf-8") as handle:
        spec = AgreementSpec.model_validate(YAML(typ="safe").load(handle))
    lines = (ROOT / "examples/claims/gaza-2023-11.jsonl").read_text(encoding="utf-8").splitlines()
    return spec, [ClaimInput.model_validate(json.loads(line)).to_claim(spec.zone) for line in lines]


def _junk(spec: AgreementSpec) -> list[Claim]:
    """Claims a hostile party could have written straight into the database."""

    def claim(when: datetime, precision: DatePrecision, **more: object) -> Claim:
        fields: dict[str, object] = {
            "id": "", "agreement": spec.id, "type": EventType.RELEASE, "date": when,
            "date_precision": precision, "actor": "hamas", "quantity": 500,
            "subject": "hostages", "categories": ("women",), **more,
        }  # fmt: skip
        return with_content_id(Claim(**fields))  # type: ignore[arg-type]

    far = datetime.fromisoformat("9999-12-01T00:00:00+02:00")
    return [
        claim(far, DatePrecision.MONTH),
        claim(datetime.fromisoformat("0001-01-01T00:00:00+14:00"), DatePrecision.EXACT),
        claim(datetime.fromisoformat("0001-01-01T00:00:00+02:00"), DatePrecision.WEEK),
        claim(
            far,
            DatePrecision.DAY,
            type=EventType.CEASEFIRE_EXTENSION,
            actor="qatar",
            subject=None,
            categories=(),
            quantity=5,
            event_id="ext-9999",
        ),  # fmt: skip
    ]


@pytest.mark.parametrize("hours", [0, 60, 24 * 5, 24 * 9])
def test_out_of_range_claims_are_listed_and_change_nothing_else(hours: int) -> None:
    spec, claims = _seed()
    junk = _junk(spec)
    at = datetime.fromisoformat("2023-11-24T06:00+02:00") + timedelta(hours=hours)
    clean = evaluate(spec, claims, at)
    mixed = claims[:5] + junk + claims[5:]
    state = evaluate(spec, mixed, at)
    assert evaluate_columns(spec, mixed, at) == state
    assert state["out_of_range"] == sorted(c.id for c in junk)
    assert state["counts"]["out_of_range"] == len(junk)
    assert state["counts"]["claims"] == clean["counts"]["claims"] + len(junk)
    for key in ("out_of_range", "counts"):
        state.pop(key), clean.pop(key)
    assert state == clean


def test_the_timeline_shows_them_flagged_after_the_placed_events() -> None:
    spec, claims = _seed()
    junk = _junk(spec)
    rows = timeline(spec, claims + junk)
    placed, flagged = rows[: -len(junk)], rows[-len(junk) :]
    assert [r["flags"] for r in placed] == [[]] * len(placed)
    assert {r["claims"][0] for r in flagged} == {c.id for c in junk}
    for row in flagged:
        assert row["day"] is None and row["local_date"] in ("9999-12-01", "0001-01-01")
        assert row["flags"] == ["date outside 1900-01-01 to 2199-12-31: not counted"]


def test_claims_kept_unchecked_are_listed_by_both_paths() -> None:
    spec, claims = _seed()
    flags = {"unchecked": ["subject 'hostagez' is not a subject of gaza-2023-11"]}
    kept = [
        with_content_id(replace(claims[0], subject="hostagez", extra=flags)),
        with_content_id(replace(claims[1], extra={"unchecked": []})),  # an empty list flags nothing
    ]
    at = datetime.fromisoformat("2023-11-27T12:00+02:00")
    state = evaluate(spec, claims + kept, at)
    assert evaluate_columns(spec, claims + kept, at) == state
    assert state["unchecked"] == [kept[0].id] and state["counts"]["unchecked"] == 1

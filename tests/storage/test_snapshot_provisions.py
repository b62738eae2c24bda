"""Claims of a declared provision through the ledger's columnar path: the snapshot codes event
types per record (they are open), and status read through it equals the reference path, before
and after claims of a type it has not seen are appended."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from truce import services
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.spec import AgreementSpec
from truce.spec_yaml import dump_spec
from truce.storage import Ledger

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT = "gaza-2023-11"
AT = "2023-12-01T12:00"


def _spec() -> AgreementSpec:
    text = (ROOT / "examples/agreements/gaza-2023-11.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = YAML(typ="safe").load(text)
    data["provisions"] = [
        {"id": "crossing-opened", "label": "Rafah crossing opened", "plover": "RETREAT",
         "cameo": "0863"},
        {"id": "lists-handed-over", "counts": "occurrence"},
    ]  # fmt: skip
    data["subjects"].append({"id": "crossings"})
    data["terms"] += [
        {"id": "rafah", "kind": "quota", "party": "israel", "subject": "crossings",
         "type": "crossing-opened", "at_least": 1, "by": {"day": 2}, "phase": "pause"},
        {"id": "lists", "kind": "deadline", "match": {"type": "lists-handed-over"},
         "by": {"day": 1}, "phase": "pause"},
    ]  # fmt: skip
    return AgreementSpec.model_validate(data)


def _claims(spec: AgreementSpec, rows: list[dict[str, Any]]) -> list[Claim]:
    return [
        ClaimInput.model_validate({"agreement": AGREEMENT, **row}).to_claim(spec.zone)
        for row in rows
    ]


def _record(spec: AgreementSpec) -> list[Claim]:
    lines = (ROOT / "examples/claims/gaza-2023-11.jsonl").read_text(encoding="utf-8").splitlines()
    return [ClaimInput.model_validate(json.loads(line)).to_claim(spec.zone) for line in lines]


@pytest.fixture
def ledger(ledger_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ledger]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, dump_spec(spec), "analyst")
        ledger.append_claims(_record(spec), "analyst")
        yield ledger


def _reference(ledger: Ledger) -> dict[str, Any]:
    spec, _ = ledger.agreement(AGREEMENT)
    when = services.parse_instant(AT, spec.zone)
    return evaluate(spec, ledger.claims(AGREEMENT), when, ledger.agreement_versions(AGREEMENT))


def _verdict(state: dict[str, Any], term: str) -> dict[str, Any]:
    [found] = [o for o in state["obligations"] if o["term"] == term]
    return found


def test_declared_types_through_the_snapshot_equal_the_reference(ledger: Ledger) -> None:
    spec = _spec()
    first = services.status(ledger, AGREEMENT, AT)  # builds the snapshot: no declared types yet
    assert first == _reference(ledger)
    assert _verdict(first, "rafah")["status"] == "no_record"
    ledger.append_claims(
        _claims(spec, [
            {"type": "crossing-opened", "date": "2023-11-25T09:00", "actor": "israel",
             "subject": "crossings", "quantity": 1, "location": "Rafah"},
            {"type": "lists-handed-over", "date": "2023-11-24T20:00", "actor": "hamas"},
            {"type": "statement", "date": "2023-11-24T10:00", "actor": "israel",
             "subject": "crossings", "quantity": 1, "notes": "will open Rafah"},
        ]),
        "analyst",
    )  # fmt: skip
    after = services.status(ledger, AGREEMENT, AT)  # the snapshot plus the new claims
    assert after == _reference(ledger)
    assert (_verdict(after, "rafah")["status"], _verdict(after, "rafah")["delivered"]) == (
        "met",
        1,
    )
    assert _verdict(after, "lists")["status"] == "met"
    again = services.status(ledger, AGREEMENT, AT)  # read back from the files alone
    assert again == after

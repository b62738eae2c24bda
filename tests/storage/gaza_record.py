"""The bundled Gaza 2023 record as the storage tests use it: the agreement, its claims, a few
late claims that dispute and correct it, and the reference answer judged from the claims."""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from truce import services
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.spec import AgreementSpec
from truce.storage import Ledger

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT = "gaza-2023-11"
INSTANTS = ["2023-11-25T12:00", "2023-11-28T12:00", "2023-12-01T12:00", "2023-12-03T00:00"]


def _spec() -> tuple[AgreementSpec, str]:
    text = (ROOT / "examples/agreements/gaza-2023-11.yaml").read_text(encoding="utf-8")
    return AgreementSpec.model_validate(YAML(typ="safe").load(text)), text


def _record(spec: AgreementSpec) -> list[Claim]:
    lines = (ROOT / "examples/claims/gaza-2023-11.jsonl").read_text(encoding="utf-8").splitlines()
    return [ClaimInput.model_validate(json.loads(line)).to_claim(spec.zone) for line in lines]


def _late_claims(spec: AgreementSpec) -> list[Claim]:
    """Two sources disagreeing on a release, a breach, and a correction of the first release."""
    rows = [
        {"type": "release", "date": "2023-11-29T15:00", "actor": "hamas", "subject": "hostages",
         "quantity": 4, "categories": ["women"], "event_id": "late-1",
         "sources": [{"outlet": "AP"}]},
        {"type": "release", "date": "2023-11-29T15:00", "actor": "hamas", "subject": "hostages",
         "quantity": 6, "categories": ["women"], "event_id": "late-1",
         "sources": [{"outlet": "Reuters"}]},
        {"type": "breach", "date": "2023-11-29T16:00", "actor": "israel", "status": "alleged",
         "sources": [{"outlet": "Al Jazeera"}]},
    ]  # fmt: skip
    late = [
        ClaimInput.model_validate({"agreement": AGREEMENT, **r}).to_claim(spec.zone) for r in rows
    ]
    first = _record(spec)[0]
    fixed = ClaimInput.model_validate(
        {"agreement": AGREEMENT, "type": first.type.value, "date": first.date.isoformat(),
         "actor": first.actor, "subject": first.subject, "quantity": (first.quantity or 0) + 1,
         "supersedes": first.id, "sources": [{"outlet": "OCHA"}]}
    ).to_claim(spec.zone)  # fmt: skip
    return [*late, fixed]


def _reference(ledger: Ledger, at: str) -> dict[str, object]:
    spec, _ = ledger.agreement(AGREEMENT)
    when = services.parse_instant(at, spec.zone)
    # Every recorded version, as `services.status` gives the engine (the answer names it).
    return evaluate(spec, ledger.claims(AGREEMENT), when, ledger.agreement_versions(AGREEMENT))

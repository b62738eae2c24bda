"""An example agreement with its versions and its day-by-day record, judged by both engine paths."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.spec import AgreementSpec
from truce.spec_yaml import load_spec_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def versions(name: str) -> list[AgreementSpec]:
    """`examples/agreements/NAME.yaml`, then its amendments in `versions/NAME.vN.yaml`."""
    paths = [EXAMPLES / "agreements" / f"{name}.yaml"]
    paths += sorted((EXAMPLES / "agreements" / "versions").glob(f"{name}.v*.yaml"))
    return [load_spec_file(path)[0] for path in paths]


def record(name: str, spec: AgreementSpec) -> list[Claim]:
    """`examples/claims/NAME.jsonl`, read as `truce import` reads it."""
    lines = (EXAMPLES / "claims" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [ClaimInput.model_validate(json.loads(line)).to_claim(spec.zone) for line in lines]


def state(at: str, judged: list[AgreementSpec], claims: list[Claim]) -> dict[str, Any]:
    """The answer at a local instant of the agreement, by both engine paths, which must agree."""
    when = datetime.fromisoformat(at).replace(tzinfo=judged[0].zone)
    answer = evaluate(judged[-1], claims, when, judged)
    assert evaluate_columns(judged[-1], claims, when, judged) == answer
    return answer


def row(answer: dict[str, Any], verdict: str) -> dict[str, Any]:
    found = [o for o in answer["obligations"] if o["id"] == verdict]
    assert len(found) == 1, [o["id"] for o in answer["obligations"]]
    return found[0]

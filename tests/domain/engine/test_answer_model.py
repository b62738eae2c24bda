"""The typed answer (`StatusAnswer`) holds every key the engine's answer has, with the same JSON,
on both ways into the engine: checked against golden outputs written before it existed."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from ruamel.yaml import YAML

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.answer_parts import Explanation, RenewalRow
from truce.domain.engine.columns import evaluate_columns
from truce.domain.spec import AgreementSpec

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
from regenerate import EXAMPLES, INSTANTS, golden_name  # noqa: E402

CASES = [(agreement, at) for agreement, instants in INSTANTS.items() for at in instants]


def _load(path: Path) -> AgreementSpec:
    with path.open(encoding="utf-8") as handle:
        return AgreementSpec.model_validate(YAML(typ="safe").load(handle))


def _versions(agreement: str) -> list[AgreementSpec]:
    """Every version of a bundled agreement, oldest first, as the golden ledger records them."""
    later = sorted((EXAMPLES / "agreements" / "versions").glob(f"{agreement}.v*.yaml"))
    return [_load(EXAMPLES / "agreements" / f"{agreement}.yaml"), *map(_load, later)]


def _claims(spec: AgreementSpec) -> list[Claim]:
    path = EXAMPLES / "claims" / f"{spec.id}.jsonl"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ClaimInput.model_validate(json.loads(line)).to_claim(spec.zone) for line in lines]


def _golden(agreement: str, at: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / golden_name(agreement, at)).read_text("utf-8"))
    return data


@pytest.mark.parametrize(("agreement", "at"), CASES)
def test_both_ways_in_give_the_golden_answer_through_the_model(agreement: str, at: str) -> None:
    versions = _versions(agreement)
    spec = versions[-1]
    claims = _claims(spec)
    instant = datetime.fromisoformat(at).replace(tzinfo=spec.zone)
    golden = _golden(agreement, at)
    by_objects = evaluate(spec, claims, instant, versions)
    by_columns = evaluate_columns(spec, claims, instant, versions)
    assert by_objects == by_columns == golden
    typed = StatusAnswer.of(by_objects)
    assert typed.as_data() == golden
    # Figure for figure: a whole number stays an int and a fraction a float, as JSON shows them.
    assert json.dumps(typed.as_data(), sort_keys=True) == json.dumps(golden, sort_keys=True)


def test_the_bundled_record_reaches_every_kind_of_row() -> None:
    """The golden answers exercise the models' rows, not only their empty lists."""
    typed = StatusAnswer.of(_golden("gaza-2023-11", "2023-12-01T12:00"))
    assert typed.obligations and typed.extensions and typed.breaches and typed.disputes
    assert any(d.verdict_differs for d in typed.disputes)
    assert any(o.status == "undetermined" for o in typed.obligations)
    assert {type(e) for e in typed.explanations} > {Explanation}
    assert typed.explanations[0].for_ == typed.obligations[0].id


def test_a_renewal_row_keeps_its_own_shape() -> None:
    row = {"day": None, "renewal": 2, "days": 30, "status": "beyond_limit", "within_cap": False}
    ext = _golden("gaza-2023-11", "2023-12-01T12:00")["extensions"][0] | {"days": [row]}
    answer = _golden("gaza-2023-11", "2023-12-01T12:00") | {"extensions": [ext]}
    typed = StatusAnswer.of(answer)
    assert isinstance(typed.extensions[0].days[0], RenewalRow)
    assert typed.as_data()["extensions"][0]["days"] == [row]


@pytest.mark.parametrize(
    "damage",
    [
        lambda a: a.pop("disputes"),
        lambda a: a.update(surprise=1),
        lambda a: a["obligations"][0].update(status="sort_of"),
        lambda a: a["obligations"][0].pop("explanation"),
        lambda a: a["counts"].pop("known_events"),
        lambda a: a.update(state="paused"),
    ],
)
def test_an_answer_off_the_contract_is_refused(damage: Any) -> None:
    """A key dropped, renamed or misspelt by the engine fails at the edge, not in a client."""
    answer = _golden("gaza-2023-11", "2023-12-01T12:00")
    damage(answer)
    with pytest.raises(ValidationError):
        StatusAnswer.of(answer)

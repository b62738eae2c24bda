"""Builders for engine tests: specs from plain dicts, claims through the edge contract.

Helpers are handed out as session-scoped fixtures (one `kit`) so Hypothesis tests can use them
too; claims go through `ClaimInput.to_claim`, so their ids are content hashes as in the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.spec import AgreementSpec
from truce.domain.spec_checks import spec_problems

AGREEMENT = "test-deal"

SUBJECTS: list[dict[str, Any]] = [
    {
        "id": "hostages",
        "categories": [
            "women",
            "children",
            "civilian",
            "female-soldier",
            "foreign-nationals",
            "living",
            "deceased",
        ],
    },
    {"id": "prisoners", "categories": ["women", "minors"]},
    {"id": "aid-trucks", "categories": ["fuel", "food"]},
    {"id": "fuel-ships"},
    {"id": "flights"},
]

# A four-day pause from 1 Jan 2024 07:00 UTC: day N runs from 07:00 on Jan N to 07:00 on Jan N+1.
PAUSE: dict[str, Any] = {
    "id": "pause",
    "start": {"at": "2024-01-01T07:00"},
    "duration": {"days": 4},
}


class Kit:
    """Small builders shared by every engine test."""

    def spec(
        self,
        terms: Iterable[dict[str, Any]] = (),
        phases: list[dict[str, Any]] | None = None,
        **overrides: Any,
    ) -> AgreementSpec:
        data: dict[str, Any] = {
            "id": AGREEMENT,
            "title": "Test agreement",
            "timezone": "UTC",
            "parties": [{"id": "israel"}, {"id": "hamas"}],
            "mediators": [{"id": "qatar"}],
            "subjects": SUBJECTS,
            "phases": phases if phases is not None else [PAUSE],
            "terms": list(terms),
        }
        data.update(overrides)
        spec = AgreementSpec.model_validate(data)
        problems = spec_problems(spec)
        assert problems == [], problems
        return spec

    def claim(
        self,
        type: str = "release",
        date: str = "2024-01-01T12:00",
        zone: str = "UTC",
        agreement: str = AGREEMENT,
        **fields: Any,
    ) -> Claim:
        fields.setdefault("sources", [{"outlet": "Test Wire"}])
        data = {"agreement": agreement, "type": type, "date": date, **fields}
        return ClaimInput.model_validate(data).to_claim(ZoneInfo(zone))

    def release(self, actor: str, quantity: int, date: str, **fields: Any) -> Claim:
        subject = "hostages" if actor == "hamas" else "prisoners"
        fields.setdefault("subject", subject)
        return self.claim("release", date, actor=actor, quantity=quantity, **fields)

    def when(self, text: str, zone: str = "UTC") -> datetime:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))

    def state(self, spec: AgreementSpec, claims: Iterable[Claim], at: str) -> dict[str, Any]:
        """The state by the reference (object) path, held equal to the column path's."""
        record, when = list(claims), self.when(at, spec.timezone)
        state = evaluate(spec, record, when)
        assert evaluate_columns(spec, record, when) == state
        return state

    @staticmethod
    def obligation(state: dict[str, Any], verdict_id: str) -> dict[str, Any]:
        found = [o for o in state["obligations"] if o["id"] == verdict_id]
        assert len(found) == 1, [o["id"] for o in state["obligations"]]
        return found[0]

    @staticmethod
    def extension(state: dict[str, Any], term: str) -> dict[str, Any]:
        found = [x for x in state["extensions"] if x["term"] == term]
        assert len(found) == 1, [x["term"] for x in state["extensions"]]
        return found[0]

    @staticmethod
    def explanation(state: dict[str, Any], for_id: str) -> dict[str, Any]:
        found = [e for e in state["explanations"] if e["for"] == for_id]
        assert len(found) == 1, for_id
        return found[0]

    @staticmethod
    def statuses(state: dict[str, Any], term: str) -> list[str]:
        return [o["status"] for o in state["obligations"] if o["term"] == term]


@pytest.fixture(scope="session")
def kit() -> Kit:
    return Kit()

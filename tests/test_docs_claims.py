"""docs/claims.md names every field and every event type the claim model accepts."""

from __future__ import annotations

from pathlib import Path

from truce.domain.claim_input import ClaimInput, SourceInput
from truce.domain.claims import ClaimStatus, EventType

DOC = (Path(__file__).resolve().parents[1] / "docs" / "claims.md").read_text()


def test_every_claim_field_is_documented() -> None:
    for name in ClaimInput.model_fields:
        assert f"| `{name}` |" in DOC, f"docs/claims.md does not document `{name}`"


def test_every_source_field_is_documented() -> None:
    for name in SourceInput.model_fields:
        assert name in DOC.split("| `sources` |", 1)[1].split("\n", 1)[0]


def test_every_event_type_and_status_is_documented() -> None:
    for event_type in EventType:
        assert f"`{event_type.value}`" in DOC
    for status in ClaimStatus:
        assert f"`{status.value}`" in DOC

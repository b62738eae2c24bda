"""Round 11, branch `exprec2`: a breach told only as supposed (`components/supposed.py`,
`breach.supposed_modality`): in a sentence told as planned or conditional it is a threat or a
supposition, no breach. Invented sentences only."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off

# --- breach.supposed_modality ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # what a crossing would be taken for
        "The army said any attempt by the rebels to cross the river after midnight would be "
        "treated as a violation of the truce.",
        # a warning of what will follow a breach
        "The ministry warned that its forces will respond once the militia breaches the agreement.",
        # a condition put by a speaker
        "If the rebels shell the town again, it will be a clear violation of the ceasefire, the "
        "governor said.",
    ],
)
def test_a_breach_told_as_planned_or_conditional_is_none(text: str) -> None:
    assert of_type("breach", text) == []
    with switched_off(["breach.supposed_modality"]):
        found = of_type("breach", text)
        assert [c.modality in ("planned", "conditional") for c in found] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels violated the ceasefire on Tuesday, shelling the town, the army said.",
        "The army accused the rebels of violating the truce overnight.",
    ],
)
def test_a_breach_told_as_done_stays(text: str) -> None:
    assert [c.modality for c in of_type("breach", text)] == ["occurred"]

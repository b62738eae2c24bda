"""Round 11, branch `exprec2`: a breach told only as supposed (`components/supposed.py`,
`breach.supposed_modality`): in a sentence told as planned or conditional it is a threat or a
supposition, no breach; an extension urged, asked for, refused or only possible is none agreed
(`extension.asked_for`). Invented sentences only."""

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


# --- extension.asked_for -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The president urged the rebels to extend their three-day ceasefire, which is due to end "
        "on Sunday.",
        "The rebels warned they would not extend the ceasefire unless the prisoners were freed.",
        "Both sides are under pressure to extend the truce, which expires on Friday.",
        "The minister said the government would consider extending the truce beyond the holiday.",
    ],
)
def test_an_extension_asked_for_or_refused_is_none(text: str) -> None:
    assert of_type("ceasefire_extension", text) == []
    with switched_off(["extension.asked_for"]):
        assert len(of_type("ceasefire_extension", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The army and the rebels agreed on Monday to extend the ceasefire by three days.",
        # a proposal accepted is the extension itself
        "The two sides accepted the envoy's proposal to renew the truce for two more months.",
        "The truce was extended by 48 hours, the mediator said.",
    ],
)
def test_an_extension_agreed_stays(text: str) -> None:
    assert len(of_type("ceasefire_extension", text)) == 1

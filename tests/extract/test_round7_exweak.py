"""Round 7, branch `exweak`: a party not doing its part is a breach (`breach.non_compliance`).
Invented sentences only."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _breaches(text: str) -> list[tuple[str | None, str]]:
    return [(c.actor, c.modality) for c in of_type("breach", text)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The deadline was pushed back to March 3 after Israel refused to comply.", "israel"),
        ("The new date was set because Hezbollah failed to withdraw by the deadline.", "hezbollah"),
        ("A clause for the rebels to reopen the northern roads has yet to be implemented.", None),
        ("Local officials said the Houthis have not withdrawn from the port.", None),
        ("Monitors reported that the army did not comply with the zone's limits.", None),
    ],
)
def test_not_doing_ones_part_is_a_breach(text: str, actor: str | None) -> None:
    found = _breaches(text)
    assert len(found) == 1
    assert found[0][1] == "occurred"
    if actor is not None:
        assert found[0][0] == actor
    with switched_off(["breach.non_compliance"]):
        assert _breaches(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "If the army fails to withdraw by Friday, the talks will be called off.",
        "The ministry refused to comment on the convoy's route.",
        "The committee failed to agree on a date for its next session.",
    ],
)
def test_a_refusal_of_something_else_or_in_an_if_clause_is_no_breach(text: str) -> None:
    assert _breaches(text) == []

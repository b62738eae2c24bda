"""Round 7, branch `exweak`: a party not doing its part is a breach (`breach.non_compliance`),
and a truce heads its clause across a closed relative clause (`truce.relative_clause_subject`).
Invented sentences only."""

from __future__ import annotations

import re

import pytest

from tests.extract.invented import of_type
from truce.extract.components.sentence_view import of_the_truce
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


def test_a_truce_heads_its_clause_across_a_closed_relative_clause() -> None:
    text = (
        "The five-day truce, which began on the morning of March 2 under Egyptian mediation, "
        "was scheduled to expire at noon on Friday."
    )
    ends = of_type("ceasefire_end", text)
    assert len(ends) == 1
    assert ends[0].modality == "planned"
    with switched_off(["truce.relative_clause_subject"]):
        assert of_type("ceasefire_end", text) == []


def test_a_relative_clause_followed_by_another_subject_leaves_the_truce_out() -> None:
    # After the relative clause the verb must follow: "and the siege" opens another subject.
    head = "The ceasefire, which Qatar brokered after weeks of shuttle diplomacy in Doha,"
    own = f"{head} expired on Friday."
    other = f"{head} and the siege expired on Friday."
    assert of_the_truce("ceasefire_end", own, _expired(own))
    assert not of_the_truce("ceasefire_end", other, _expired(other))


def _expired(text: str) -> re.Match[str]:
    match = re.search("expired", text)
    assert match is not None
    return match

"""Casualty claims whose counts the toll's own words carry (branch `exbreach`): a bare figure
after a toll noun, a breakdown between the count and its verb, the weapon's side, and a toll
with its people unsaid. Invented sentences only."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.model import Candidate
from truce.extract.switches import switched_off


def _tolls(text: str) -> list[Candidate]:
    return of_type("casualty_claim", text)


def _counts(c: Candidate) -> list[tuple[float, str, str | None]]:
    return [(q.value, q.qualifier, q.unit) for q in c.quantities]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "The monitor reported a toll exceeding 310 in the province.",
            [(310, "more_than", "killed")],
        ),
        (
            "The death toll from the shelling of Aleppo has surpassed 1,200, the monitor said.",
            [(1200, "more_than", "killed")],
        ),
        (
            "A drone hit a van near Tyre, resulting in the death of one man and injuries to two "
            "others.",
            [(1, "exact", "killed"), (2, "exact", "wounded")],
        ),
    ],
)
def test_a_bare_figure_after_a_toll_noun_is_the_toll(text: str, counts: list[object]) -> None:
    (found,) = _tolls(text)
    assert _counts(found) == counts
    with switched_off(["casualty.bare_counts"]):
        assert all(_counts(c) != counts for c in _tolls(text))


def test_a_breakdown_between_the_count_and_its_verb() -> None:
    text = "Rescuers said seven civilians, including three children, killed in the raid on Kadugli."
    (found,) = _tolls(text)
    (toll,) = found.quantities
    assert (toll.value, toll.unit) == (7, "killed")
    assert [(v, c) for v, _, c in toll.breakdown] == [(3, ("children",))]
    with switched_off(["casualty.toll_breakdown"]):
        assert _tolls(text) == []


def test_the_side_whose_shells_they_were() -> None:
    text = "Four fishermen were killed by Egyptian navy shells off Rafah on Monday."
    (found,) = _tolls(text)
    assert found.actor == "egypt"
    with switched_off(["casualty.more_weapons"]):
        (found,) = _tolls(text)
        assert found.actor != "egypt"


def test_a_toll_with_its_people_unsaid() -> None:
    text = "Soldiers fired on a crowd in Goma, wounding several."
    assert len(_tolls(text)) == 1
    with switched_off(["casualty.several_alone"]):
        assert _tolls(text) == []


def test_a_count_that_is_no_toll_stays_none() -> None:
    assert _tolls("The talks over the toll road lasted 3 hours.") == []

"""Casualty claims whose counts the toll's own words carry (branch `exbreach`): a bare figure
after a toll noun. Invented sentences only."""

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


def test_a_count_that_is_no_toll_stays_none() -> None:
    assert _tolls("The talks over the toll road lasted 3 hours.") == []

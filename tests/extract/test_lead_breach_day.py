"""Branch `exdates5`: rule `date.lead_breach_day`, a breach the report's lead tells undated is the
day of the report. Invented sentences only (names, places and figures made up; states are the
gazetteer's); published on 12 June 2024 (`tests/extract/invented.py`)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.invented import PUBLISHED, candidates, of_type
from truce.extract.switches import switched_off


@pytest.mark.parametrize(
    "text",
    [
        "The Varnish rebels have accused the army of shelling their positions in violation of "
        "the ceasefire that took effect on March 3.",
        "A fragile truce between Ukraine and Russia was thrown into doubt after Russia launched "
        "drone strikes on a depot, prompting accusations of a breach from Kyiv.",
        "Thailand accused Cambodia of violating the truce by shelling a border village.",
    ],
)
def test_a_breach_told_undated_in_the_lead_is_the_day_of_the_report(text: str) -> None:
    breaches = of_type("breach", text)
    assert breaches
    assert all((b.date, b.date_precision) == (PUBLISHED, "day") for b in breaches)
    with switched_off(["date.lead_breach_day"]):
        assert all(b.date is None for b in of_type("breach", text))


@pytest.mark.parametrize(
    "text",
    [
        "Israel continues to carry out daily air strikes against southern Lebanon in violation "
        "of the truce.",
        "Hostilities between Thailand and Cambodia have continued despite the ceasefire.",
        "Ukraine said Russia has violated the truce with drone strikes since it began.",
    ],
)
def test_a_breach_told_as_going_on_takes_no_day(text: str) -> None:
    breaches = of_type("breach", text)
    assert breaches
    assert all(b.date is None for b in breaches)


def test_a_breach_after_the_lead_is_left_to_the_story() -> None:
    text = (
        "Qatar said Thailand and Cambodia had agreed to a ceasefire, without giving a date. "
        "Thailand accused Cambodia of violating the truce by shelling a border village."
    )
    found = candidates(text)
    assert any(c.type != "breach" for c in found)  # the lead tells another event
    (breach,) = [c for c in found if c.type == "breach"]
    assert breach.date is None


def test_a_breach_the_lead_dates_keeps_its_day_and_an_undated_page_none() -> None:
    (breach,) = of_type("breach", "Thailand accused Cambodia on Sunday of shelling a village.")
    assert breach.date == date(2024, 6, 9)
    text = "Thailand accused Cambodia of violating the truce by shelling a border village."
    (breach,) = of_type("breach", text, published=None)  # type: ignore[arg-type]
    assert breach.date is None

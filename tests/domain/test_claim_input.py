"""The claim contract's ranges: dates a clock can hold, figures a browser reads exactly."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from truce.domain.bounds import MAX_QUANTITY
from truce.domain.claim_input import DATE_OUT_OF_RANGE, ClaimInput

BASE = {"agreement": "gaza-2023-11", "type": "release"}


def _errors(**fields: Any) -> list[Any]:
    with pytest.raises(ValidationError) as caught:
        ClaimInput.model_validate({**BASE, **fields})
    return list(caught.value.errors())


@pytest.mark.parametrize(
    "date",
    ["9999-12", "0001-01-01T00:00+14:00", "0001-W01", "1899-12-31", "2200-01-01", "2200-01",
     "9999-12-31T23:59:59-14:00", "1899-W52"],
)  # fmt: skip
def test_a_date_outside_the_range_is_refused_whatever_its_precision(date: str) -> None:
    [error] = _errors(date=date)
    assert error["type"] == DATE_OUT_OF_RANGE
    assert "1900-01-01 to 2199-12-31" in error["msg"]


@pytest.mark.parametrize(
    "date", ["1900-01-01", "1900-01", "1900-W01", "2199-12-31T23:59+14:00", "2199-12", "2199-W52"]
)
def test_the_edges_of_the_range_are_accepted(date: str) -> None:
    assert ClaimInput.model_validate({**BASE, "date": date}).date == date


@pytest.mark.parametrize("week", ["2023-W00", "2023-W54"])
def test_a_week_that_does_not_exist_is_a_date_it_cannot_read(week: str) -> None:
    [error] = _errors(date=week)
    assert "is not understood" in error["msg"]


@pytest.mark.parametrize("figure", [True, False, 13.0, "13", -1, MAX_QUANTITY + 1, 2**63])
def test_a_figure_must_be_a_whole_number_in_range(figure: object) -> None:
    [error] = _errors(date="2023-11-24", quantity=figure)
    assert error["loc"] == ("quantity",)


def test_the_largest_figure_is_accepted() -> None:
    claim = ClaimInput.model_validate({**BASE, "date": "2023-11-24", "quantity": MAX_QUANTITY})
    assert claim.quantity == 2**53 - 1

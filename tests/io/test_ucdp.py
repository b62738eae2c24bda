"""UCDP-style rows: best/low/high are the whole numbers a reading allows, and the date span is
the window the claim's date stands for, in the agreement's local days."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import ClaimFactory
from truce.domain.claims import DatePrecision
from truce.domain.readings import Qualifier
from truce.io.field_rows import FieldContext
from truce.io.ucdp import HXL, figures, ucdp_row

GAZA = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("quantity", "qualifier", "expected"),
    [
        (13, Qualifier.EXACT, (13, 13, 13)),
        (250, Qualifier.ABOUT, (250, 200, 300)),
        (10, Qualifier.AT_LEAST, (10, 10, None)),
        (600, Qualifier.MORE_THAN, (601, 601, None)),
        (600, Qualifier.OVER, (601, 601, None)),
        (50, Qualifier.NEARLY, (50, 40, 50)),
        (40, Qualifier.UP_TO, (40, 0, 40)),
        (0, Qualifier.EXACT, (0, 0, 0)),
    ],
)
def test_best_low_high_from_the_reading(
    make_claim: ClaimFactory, quantity: int, qualifier: Qualifier, expected: tuple[int, ...]
) -> None:
    assert figures(make_claim(quantity=quantity, qualifier=qualifier)) == expected


def test_no_figure_no_estimates(make_claim: ClaimFactory) -> None:
    assert figures(make_claim(quantity=None)) == (None, None, None)


def test_an_imported_ucdp_event_keeps_its_own_estimates(make_claim: ClaimFactory) -> None:
    claim = make_claim(quantity=None, extra={"ucdp": {"id": "404", "best": 5, "low": 4, "high": 9}})
    row = ucdp_row(claim, FieldContext())
    assert (row["id"], row["best"], row["low"], row["high"]) == ("404", 5, 4, 9)


@pytest.mark.parametrize(
    ("when", "precision", "start", "end", "prec"),
    [
        (datetime(2023, 11, 24, 23, 30, tzinfo=GAZA), DatePrecision.EXACT, "2023-11-24",
         "2023-11-24", 1),
        (datetime(2023, 11, 24, tzinfo=GAZA), DatePrecision.DAY, "2023-11-24", "2023-11-24", 1),
        (datetime(2023, 11, 20, tzinfo=GAZA), DatePrecision.WEEK, "2023-11-20", "2023-11-26", 3),
        (datetime(2024, 2, 1, tzinfo=GAZA), DatePrecision.MONTH, "2024-02-01", "2024-02-29", 4),
    ],
)  # fmt: skip
def test_the_date_span_is_the_claims_window(
    make_claim: ClaimFactory, when: datetime, precision: DatePrecision, start: str, end: str,
    prec: int,
) -> None:  # fmt: skip
    row = ucdp_row(make_claim(date=when, date_precision=precision), FieldContext())
    assert (row["date_start"], row["date_end"], row["date_prec"]) == (start, end, prec)
    assert set(row) == set(HXL)

"""ACLED's source_scale from a claim's outlets: the built-in international agencies, the user's
own table, ACLED's order and hyphen, and a refused scale."""

from __future__ import annotations

import pytest

from tests.conftest import ClaimFactory, gaza_spec
from truce.domain.claims import Source
from truce.io.acled import acled_row
from truce.io.field_errors import BadSourceScale
from truce.io.field_rows import FieldContext
from truce.io.source_scale import BUILT_IN, SCALES, parse_scales, source_scale


def test_international_agencies_are_known_without_options(make_claim: ClaimFactory) -> None:
    claim = make_claim(sources=(Source(outlet="Reuters"), Source(outlet=" afp ")))
    assert source_scale(claim, BUILT_IN) == "International"


def test_the_users_table_joins_scales_in_acleds_order(make_claim: ClaimFactory) -> None:
    scales = parse_scales(["Times of Israel=national", "WAFA = Local", "Reuters=Regional"])
    claim = make_claim(
        sources=(Source(outlet="Reuters"), Source(outlet="Times of Israel"), Source(outlet="WAFA"))
    )
    assert source_scale(claim, scales) == "Local-National-Regional"  # Reuters re-scaled by hand


def test_an_outlet_nobody_named_leaves_no_mark(make_claim: ClaimFactory) -> None:
    unknown = make_claim(sources=(Source(outlet="Gaza Daily Bugle"),))
    assert source_scale(unknown, BUILT_IN) is None
    mixed = make_claim(sources=(Source(outlet="Gaza Daily Bugle"), Source(outlet="Xinhua")))
    assert source_scale(mixed, BUILT_IN) == "International"
    nameless = make_claim(sources=(Source(url="https://example.org/a"),))
    assert source_scale(nameless, BUILT_IN) is None


def test_the_acled_row_carries_it(make_claim: ClaimFactory) -> None:
    claim = make_claim(sources=(Source(outlet="Al Jazeera"), Source(outlet="Haaretz")))
    plain = acled_row(claim, FieldContext.of([gaza_spec()]))
    assert plain["source_scale"] == "International"
    told = FieldContext.of([gaza_spec()], scales=parse_scales(["Haaretz=National"]))
    assert acled_row(claim, told)["source_scale"] == "National-International"


@pytest.mark.parametrize(
    "option", ["Haaretz", "Haaretz=Global", "=National", "Haaretz=", "Haaretz:National"]
)
def test_a_bad_option_is_refused_with_the_scales(option: str) -> None:
    with pytest.raises(BadSourceScale) as refused:
        parse_scales([option])
    assert all(scale in str(refused.value) for scale in SCALES)
    assert refused.value.code == "I410"


def test_an_outlet_name_may_hold_an_equals_sign() -> None:
    assert parse_scales(["A=B News=Local"])["a=b news"] == "Local"

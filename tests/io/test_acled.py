"""ACLED rows: every truce type has a crosswalk entry, and a claim's fields land in ACLED's
columns as the codebook spells them."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import ClaimFactory, gaza_spec
from truce.domain.claims import DatePrecision, EventType, Source
from truce.domain.provisions import BUILT_IN
from truce.io.acled import CROSSWALK, DISORDER, HXL, acled_row, acled_types, fatalities
from truce.io.field_rows import FieldContext

PLACE = {"name": "Khan Younis", "lat": 31.34, "lon": 34.3, "admin1": "PS.GZ", "country": "PSE",
         "geo_precision": 1}  # fmt: skip


def test_every_built_in_type_has_an_acled_type_with_a_disorder_type() -> None:
    assert set(CROSSWALK) == set(BUILT_IN)
    for event_type, sub_event_type in CROSSWALK.values():
        assert event_type in DISORDER and sub_event_type


def test_a_declared_provision_is_coded_by_its_plover_type(make_claim: ClaimFactory) -> None:
    assert acled_types(make_claim(type="deployment")) == ("Strategic developments", "Other")
    assert acled_types(make_claim(type=EventType.BREACH)) == ("Battles", "Armed clash")


def test_a_release_with_a_place_fills_the_acled_columns(make_claim: ClaimFactory) -> None:
    claim = make_claim(
        extra={"place": PLACE},
        date=datetime(2023, 11, 24, 20, 30, tzinfo=UTC),  # 22:30 in Gaza
        sources=(Source(outlet="AFP"), Source(outlet="Reuters")),
        notes="13 handed to the ICRC",
        reliability="B2",
    )
    actors = FieldContext.of(
        [gaza_spec(parties=[{"id": "hamas", "name": "Hamas"}, {"id": "israel"}])]
    )
    row = acled_row(claim, actors)
    assert row["event_date"] == "2023-11-24" and row["year"] == 2023
    assert row["time_precision"] == 1
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Strategic developments", "Strategic developments", "Agreement"
    )  # fmt: skip
    assert row["actor1"] == "Hamas" and row["actor2"] is None and row["inter1"] is None
    assert row["iso"] == 275 and row["iso3"] == "PSE" and row["country"].startswith("Palestine")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (31.34, 34.3, 1)
    assert row["location"] == "Khan Younis" and row["admin1"] == "PS.GZ"
    assert row["source"] == "AFP; Reuters" and row["notes"] == "13 handed to the ICRC"
    assert row["fatalities"] == 0
    assert row["truce_claim_id"] == claim.id and row["truce_reliability"] == "B2"
    assert set(row) == set(HXL)


def test_inter_codes_and_interaction(make_claim: ClaimFactory) -> None:
    actors = FieldContext.of([gaza_spec()], {"hamas": 2, "israel": 1})
    both = acled_row(make_claim(type=EventType.BREACH, actor="hamas", target="israel"), actors)
    assert (both["inter1"], both["inter2"], both["interaction"]) == (2, 1, 12)
    mediator = acled_row(make_claim(type=EventType.STATEMENT, actor="qatar"), actors)
    assert (mediator["inter1"], mediator["interaction"]) == (8, 80)  # outside forces, alone


def test_week_and_month_dates_give_their_first_day_and_precision(
    make_claim: ClaimFactory,
) -> None:
    actors = FieldContext()
    week = make_claim(date=datetime(2023, 11, 20, tzinfo=UTC), date_precision=DatePrecision.WEEK)
    month = make_claim(date=datetime(2023, 11, 1, tzinfo=UTC), date_precision=DatePrecision.MONTH)
    assert (acled_row(week, actors)["event_date"], acled_row(week, actors)["time_precision"]) == (
        "2023-11-20", 2
    )  # fmt: skip
    assert acled_row(month, actors)["time_precision"] == 3


def test_fatalities_count_deaths_only(make_claim: ClaimFactory) -> None:
    casualty = EventType.CASUALTY_CLAIM
    assert fatalities(make_claim(type=casualty, quantity=1200, subject="killed")) == 1200
    assert fatalities(make_claim(type=casualty, quantity=40, subject=None)) == 40
    assert fatalities(make_claim(type=casualty, quantity=300, subject="injured")) == 0
    assert fatalities(make_claim(quantity=13)) == 0  # a release kills no one


def test_an_imported_acled_event_goes_back_out_as_acled_coded_it(
    make_claim: ClaimFactory,
) -> None:
    original = {"event_id_cnty": "PSE12345", "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike", "fatalities": 7, "inter1": 1}  # fmt: skip
    row = acled_row(make_claim(type=EventType.BREACH, extra={"acled": original}), FieldContext())
    assert row["event_id_cnty"] == "PSE12345" and row["fatalities"] == 7 and row["inter1"] == 1
    assert row["sub_event_type"] == "Air/drone strike"
    assert row["disorder_type"] == "Political violence"


def test_an_exact_instant_is_dated_by_the_agreements_local_day(make_claim: ClaimFactory) -> None:
    late = make_claim(date=datetime(2023, 11, 24, 23, 30, tzinfo=UTC))  # 01:30 on the 25th
    assert acled_row(late, FieldContext.of([gaza_spec()]))["event_date"] == "2023-11-25"
    assert acled_row(late, FieldContext())["event_date"] == "2023-11-24"  # no zone: as written

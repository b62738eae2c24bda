"""Ratio terms: so many of one side's releases for each of the other's."""

from __future__ import annotations

from typing import Any

HOSTAGE_UNITS = {"party": "hamas", "subject": "hostages"}


def _ratio(**fields: Any) -> dict[str, Any]:
    return {
        "id": "exchange",
        "kind": "ratio",
        "phase": "pause",
        "party": "israel",
        "subject": "prisoners",
        "per_unit_of": HOSTAGE_UNITS,
        **fields,
    }


def test_factor_behind_during_the_phase_then_unmet(kit: Any) -> None:
    spec = kit.spec([_ratio(factor=3)])
    claims = [
        kit.release("hamas", 10, "2024-01-01T12:00"),
        kit.release("israel", 20, "2024-01-01T20:00"),
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-02T00:00"), "exchange")
    # 3 x 10 = 30 owed, 20 delivered: behind by 10 while the pause runs.
    assert (row["due"], row["delivered"], row["balance"], row["status"]) == (
        30,
        20,
        -10,
        "in_progress",
    )
    assert "owes 30" in row["explanation"]
    after = kit.obligation(kit.state(spec, claims, "2024-01-05T08:00"), "exchange")
    assert (after["balance"], after["status"]) == (-10, "unmet")
    caught_up = [*claims, kit.release("israel", 10, "2024-01-03T12:00")]
    after = kit.obligation(kit.state(spec, caught_up, "2024-01-05T08:00"), "exchange")
    assert (after["due"], after["delivered"], after["status"]) == (30, 30, "met")
    assert after["met_at"] == "2024-01-05T07:00:00+00:00"  # settled when the pause ended


def test_per_category_factors_cover_every_category(kit: Any) -> None:
    spec = kit.spec(
        [
            _ratio(
                factors={"civilian": 30, "female-soldier": 50, "women": 30, "children": 30},
                per_unit_of={**HOSTAGE_UNITS, "exclude": ["foreign-nationals", "deceased"]},
                unweighted=["living"],
            )
        ]
    )
    claims = [
        kit.release("hamas", 3, "2024-01-01T10:00", categories=["civilian", "living"]),
        kit.release("hamas", 2, "2024-01-01T11:00", categories=["female-soldier"]),
        kit.release("hamas", 1, "2024-01-01T12:00", categories=["children"]),
        kit.release("hamas", 4, "2024-01-01T12:30", categories=["foreign-nationals"]),
        kit.release("israel", 220, "2024-01-01T20:00"),
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-02T00:00"), "exchange")
    # 3 x 30 + 2 x 50 + 1 x 30 = 220 owed; the four foreign nationals are excluded.
    assert (row["due"], row["delivered"], row["balance"], row["status"]) == (220, 220, 0, "met")


def test_a_unit_with_no_factor_is_reported_not_worth_nothing(kit: Any) -> None:
    spec = kit.spec(
        [
            _ratio(
                factors={"civilian": 30, "female-soldier": 50, "women": 30, "children": 30},
                per_unit_of={**HOSTAGE_UNITS, "exclude": ["foreign-nationals", "deceased"]},
                unweighted=["living"],
            )
        ]
    )
    claims = [
        kit.release("hamas", 3, "2024-01-01T10:00", categories=["civilian"]),
        # A source that did not say who the two were: no category, so no factor.
        kit.release("hamas", 2, "2024-01-01T11:00", categories=["living"]),
        kit.release("israel", 90, "2024-01-01T20:00"),
    ]
    state = kit.state(spec, claims, "2024-01-02T00:00")
    row = kit.obligation(state, "exchange")
    # 90 owed for what has a factor, and that was delivered; but the two without one could
    # owe up to 100 more, so the term is not met, it is undetermined, and the answer says why.
    assert (row["due"], row["delivered"], row["status"]) == (90, 90, "undetermined")
    assert "2 hostages released with no category the ratio weighs" in row["explanation"]
    assert claims[1].id in row["explanation"]
    short = [*claims[:2], kit.release("israel", 80, "2024-01-01T20:00")]
    row = kit.obligation(kit.state(spec, short, "2024-01-05T08:00"), "exchange")
    assert row["status"] == "unmet"  # short of what surely is owed, whatever the two are worth


def test_a_withheld_batch_is_owed_for_the_days_it_was_withheld(kit: Any) -> None:
    spec = kit.spec([_ratio(factor=3, per="event")])
    claims = [
        kit.release("hamas", 10, "2024-01-01T12:00"),
        kit.release("israel", 30, "2024-01-01T20:00"),
        kit.release("hamas", 5, "2024-01-02T12:00"),
        kit.release("israel", 15, "2024-01-03T18:00"),  # held back a day and six hours
    ]
    state = kit.state(spec, claims, "2024-01-03T12:00")
    first, second = (
        kit.obligation(state, "exchange/event-1"),
        kit.obligation(state, "exchange/event-2"),
    )
    assert (first["due"], first["delivered"], first["status"]) == (30, 30, "met")
    assert first["met_at"] == "2024-01-01T20:00:00+00:00"
    assert (second["due"], second["delivered"], second["balance"], second["status"]) == (
        15,
        0,
        -15,
        "in_progress",
    )
    assert "15 owed since 2024-01-02T12:00+00:00 (1.0 day(s))" in second["explanation"]
    later = kit.obligation(kit.state(spec, claims, "2024-01-04T00:00"), "exchange/event-2")
    assert (later["delivered"], later["balance"], later["status"]) == (15, 0, "met")
    assert later["met_at"] == "2024-01-03T18:00:00+00:00"
    never = kit.obligation(kit.state(spec, claims[:3], "2024-01-05T08:00"), "exchange/event-2")
    assert (never["balance"], never["status"]) == (-15, "unmet")


def test_a_total_ratio_hides_the_withheld_batch_a_batch_ratio_shows(kit: Any) -> None:
    # Paid ahead for the first batch: in total nothing is owed on day 2, per batch neither.
    claims = [
        kit.release("hamas", 10, "2024-01-01T12:00"),
        kit.release("israel", 45, "2024-01-01T20:00"),
        kit.release("hamas", 5, "2024-01-02T12:00"),
    ]
    batch = kit.state(kit.spec([_ratio(factor=3, per="day")]), claims, "2024-01-02T18:00")
    assert kit.statuses(batch, "exchange") == ["met", "met"]
    assert kit.obligation(batch, "exchange/day-2")["met_at"] == "2024-01-02T12:00:00+00:00"


def test_fractional_factor_rounds_up_and_filters_apply(kit: Any) -> None:
    spec = kit.spec([_ratio(factor=2.5, categories=["women", "minors"])])
    claims = [
        kit.release("hamas", 3, "2024-01-01T10:00"),
        kit.release("israel", 8, "2024-01-01T20:00", categories=["minors"]),
        kit.release("israel", 5, "2024-01-01T21:00"),  # no listed category: not counted
        kit.release("hamas", 2, "2024-01-06T10:00"),  # after the pause: owes nothing more
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-07T00:00"), "exchange")
    # 2.5 x 3 = 7.5, owed 8 whole prisoners.
    assert (row["due"], row["delivered"], row["status"]) == (8, 8, "met")

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


def test_per_category_factors(kit: Any) -> None:
    spec = kit.spec([_ratio(factors={"civilian": 30, "female-soldier": 50})])
    claims = [
        kit.release("hamas", 3, "2024-01-01T10:00", categories=["civilian"]),
        kit.release("hamas", 2, "2024-01-01T11:00", categories=["female-soldier"]),
        kit.release("hamas", 1, "2024-01-01T12:00", categories=["children"]),  # default factor 1
        kit.release("israel", 150, "2024-01-01T20:00"),
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-02T00:00"), "exchange")
    # 3 x 30 + 2 x 50 + 1 x 1 = 191 owed.
    assert (row["due"], row["delivered"], row["balance"]) == (191, 150, -41)


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

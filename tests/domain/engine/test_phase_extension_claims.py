"""Extension claims that move a phase's end: to a date, on a condition, and where they cannot."""

from __future__ import annotations

from typing import Any

PHASE = {"id": "pause", "start": {"at": "2024-01-01T07:00"}, "duration": {"days": 4}}
OPEN = {"id": "truce", "start": {"at": "2024-01-01T07:00"}}


def _extension(kit: Any, date: str, **fields: Any) -> Any:
    return kit.claim("ceasefire_extension", date, actor="qatar", **fields)


def test_extended_until_a_date_ends_at_its_midnight(kit: Any) -> None:
    spec = kit.spec(phases=[PHASE])
    until = _extension(kit, "2024-01-04T20:00", extra={"until": "2024-01-09"})
    s = kit.state(spec, [until], "2024-01-06T00:00")
    # "Extended until 9 January": to the end of that date, five days and 17 hours more.
    assert (s["state"], s["ends_at"]) == ("active", "2024-01-10T00:00:00+00:00")
    assert s["phases"][0]["extended_days"] == round(4 + 17 / 24, 3)
    instant = _extension(kit, "2024-01-04T20:00", extra={"until": "2024-01-07T12:00"})
    assert kit.state(spec, [instant], "2024-01-06T00:00")["ends_at"] == (
        "2024-01-07T12:00:00+00:00"
    )


def test_extended_while_talks_continue_runs_on_flagged(kit: Any) -> None:
    spec = kit.spec(phases=[PHASE])
    claims = [_extension(kit, "2024-01-04T20:00", extra={"while": "talks continue"})]
    s = kit.state(spec, claims, "2024-01-20T00:00")
    assert (s["state"], s["ends_at"]) == ("active", None)
    assert s["phases"][0]["conditional"] is True
    assert any("continues while talks continue" in w for w in s["warnings"])
    ended = [*claims, kit.claim("ceasefire_end", "2024-01-21T09:00", actor="israel")]
    s = kit.state(spec, ended, "2024-01-22T00:00")
    assert (s["state"], s["ends_at"]) == ("ended", "2024-01-21T09:00:00+00:00")


def test_an_extension_of_an_open_ended_phase_is_reported_not_dropped(kit: Any) -> None:
    spec = kit.spec(phases=[OPEN])
    claims = [_extension(kit, "2024-01-04T20:00", quantity=3)]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    assert (s["state"], s["ends_at"]) == ("active", None)
    assert s["phases"][0]["extended_days"] == 0
    assert s["warnings"] == [
        f"extension {claims[0].id} not applied: phase 'truce' has no end to extend "
        "(it is open-ended)"
    ]


def test_an_until_that_is_not_later_is_reported(kit: Any) -> None:
    spec = kit.spec(phases=[PHASE])
    claims = [_extension(kit, "2024-01-04T20:00", extra={"until": "2024-01-02"})]
    s = kit.state(spec, claims, "2024-01-04T21:00")
    assert s["ends_at"] == "2024-01-05T07:00:00+00:00"
    assert "not a date or instant after the phase's current end" in s["warnings"][0]


def test_the_cap_holds_on_a_calendar_clock_too(kit: Any) -> None:
    phase = {**PHASE, "max_days": 6}
    spec = kit.spec(phases=[phase], clock="calendar")
    claims = [
        _extension(kit, "2024-01-04T20:00", quantity=5),
        _extension(kit, "2024-01-06T20:00", quantity=7),
    ]
    s = kit.state(spec, claims, "2024-01-12T00:00")
    # Calendar day 4 ends at midnight after 4 Jan; day 6 (the cap) at midnight after 6 Jan:
    # 5 and then 7 more days would run to 17 Jan.
    assert s["phases"][0]["base_ends_at"] == "2024-01-05T00:00:00+00:00"
    assert (s["ends_at"], s["phases"][0]["capped"]) == ("2024-01-07T00:00:00+00:00", True)
    assert s["phases"][0]["length_days"] == 6
    ext = [a["within_cap"] for a in s["extensions"]] if s["extensions"] else []
    assert ext == []  # no extension term: the cap is the phase's own
    assert s["warnings"][0].startswith("phase 'pause' capped at max_days 6")


def test_an_extension_no_phase_can_take_is_reported(kit: Any) -> None:
    spec = kit.spec(phases=[PHASE])
    stray = _extension(kit, "2024-01-08T20:00", quantity=2)  # three days after the end
    s = kit.state(spec, [stray], "2024-01-09T00:00")
    assert (s["state"], s["ends_at"]) == ("ended", "2024-01-05T07:00:00+00:00")
    assert s["warnings"] == [
        f"extension {stray.id} not applied: no phase was running when it was announced "
        "(2024-01-08T20:00:00+00:00) or within a day of its end"
    ]

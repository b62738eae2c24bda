"""Calendar clocks: day N is the N-th local date, durations in hours and minutes, `until`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.spec_yaml import load_spec_file

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "agreements"
# 11:15 on 19 Jan 2025 in Jerusalem (UTC+2), as phase one of the January 2025 deal began.
PHASE = {"id": "one", "start": {"at": "2025-01-19T11:15"}, "duration": {"days": 42}}
TALKS = {
    "id": "talks",
    "kind": "deadline",
    "phase": "one",
    "match": {"type": "meeting"},
    "by": {"day": 16},
}


def test_calendar_days_end_at_local_midnight(kit: Any) -> None:
    spec = kit.spec([TALKS], phases=[PHASE], timezone="Asia/Jerusalem", clock="calendar")
    s = kit.state(spec, [], "2025-02-20T12:00")
    # 19 Jan is day 1, so day 42 is 1 March and the phase ends at the midnight closing it.
    assert s["ends_at"] == "2025-03-02T00:00:00+02:00"
    assert s["phases"][0]["length_days"] == 42
    assert (s["phases"][0]["clock"], s["days_total"]) == ("calendar", 42)
    # 20 Feb is the 33rd date from 19 Jan (13 in January, 20 in February).
    assert (s["day"], s["phase_day"]) == (33, 33)
    # "Talks by day 16": by the end of 3 February, a calendar day.
    assert kit.obligation(s, "talks")["ends_at"] == "2025-02-04T00:00:00+02:00"


def test_elapsed_clock_is_still_the_default(kit: Any) -> None:
    spec = kit.spec([TALKS], phases=[PHASE], timezone="Asia/Jerusalem")
    s = kit.state(spec, [], "2025-02-20T12:00")
    # 42 × 24 h from 11:15 on 19 Jan.
    assert s["ends_at"] == "2025-03-02T11:15:00+02:00"
    assert kit.obligation(s, "talks")["ends_at"] == "2025-02-04T11:15:00+02:00"
    assert (s["phases"][0]["clock"], s["day"]) == ("elapsed", 33)


def test_a_phase_may_keep_its_own_clock(kit: Any) -> None:
    phases = [{**PHASE, "clock": "calendar"}]
    spec = kit.spec([TALKS], phases=phases, timezone="Asia/Jerusalem")
    assert kit.state(spec, [], "2025-01-20T00:30")["day"] == 2  # past midnight: day 2


def test_calendar_daily_quota_runs_midnight_to_midnight(kit: Any) -> None:
    daily = {
        "id": "daily",
        "kind": "quota",
        "phase": "one",
        "party": "hamas",
        "subject": "hostages",
        "at_least": 1,
        "per": "day",
    }
    spec = kit.spec([daily], phases=[PHASE], timezone="Asia/Jerusalem", clock="calendar")
    claims = [kit.release("hamas", 1, "2025-01-19T23:00", zone="Asia/Jerusalem")]
    s = kit.state(spec, claims, "2025-01-21T06:00")
    rows = [o for o in s["obligations"] if o["term"] == "daily"]
    # Day 1 is the short rest of 19 Jan; day 2 is all of 20 Jan.
    assert [(o["starts_at"], o["ends_at"], o["status"]) for o in rows[:2]] == [
        ("2025-01-19T11:15:00+02:00", "2025-01-20T00:00:00+02:00", "met"),
        ("2025-01-20T00:00:00+02:00", "2025-01-21T00:00:00+02:00", "no_record"),
    ]


def test_durations_in_hours_and_until(kit: Any) -> None:
    hours = [{"id": "one", "start": {"at": "2024-01-01T07:00"}, "duration": "72h"}]
    assert kit.state(kit.spec(phases=hours), [], "2024-01-02T00:00")["ends_at"] == (
        "2024-01-04T07:00:00+00:00"
    )
    mixed = [{"id": "one", "start": {"at": "2024-01-01T07:00"}, "duration": "1d90m"}]
    assert kit.state(kit.spec(phases=mixed), [], "2024-01-02T00:00")["ends_at"] == (
        "2024-01-02T08:30:00+00:00"
    )
    by_day = [{"id": "one", "start": {"at": "2024-01-01T07:00"}, "until": {"day": 3}}]
    assert kit.state(kit.spec(phases=by_day, clock="calendar"), [], "2024-01-02T00:00")[
        "ends_at"
    ] == ("2024-01-04T00:00:00+00:00")
    by_date = [{"id": "one", "start": {"at": "2024-01-01T07:00"}, "until": {"date": "2024-01-05"}}]
    s = kit.state(kit.spec(phases=by_date), [], "2024-01-02T00:00")
    assert s["ends_at"] == "2024-01-06T00:00:00+00:00"


def test_the_january_2025_example_ends_phase_one_on_1_march(kit: Any) -> None:
    spec, _ = load_spec_file(EXAMPLES / "gaza-2025-01.yaml")
    at = kit.when("2025-02-10T12:00", spec.timezone)
    s = evaluate(spec, [], at)
    assert s == evaluate_columns(spec, [], at)
    one = next(p for p in s["phases"] if p["id"] == "phase-1")
    assert one["ends_at"] == "2025-03-02T00:00:00+02:00"  # the end of 1 March
    assert one["length_days"] == 42

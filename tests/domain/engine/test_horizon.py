"""How long an answer holds (`engine.horizon`): judged afresh at any instant from `since` and
before `until` with no new claims, the answer is the one judged at T, but for the instant it
shows."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.engine.test_properties_time import ORIGIN, TERMS, _phases, records
from tests.domain.example_record import record, versions
from truce.domain.engine import evaluate
from truce.domain.engine.answer import restamped
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.horizon import Horizon, local_date, minute_text
from truce.domain.spec import AgreementSpec

RATIO = {
    "id": "swap",
    "kind": "ratio",
    "phase": "pause",
    "party": "israel",
    "subject": "prisoners",
    "per_unit_of": {"party": "hamas", "subject": "hostages"},
    "factor": 3,
}


def test_a_comparison_notes_where_it_could_flip() -> None:
    horizon = Horizon(1000.0)
    at = horizon.instant()
    assert at < 1500
    assert 2000 > at and not at >= 1200.0  # noqa: SIM300  (the float on the left)
    assert horizon.until == 1200.0
    assert np.float64(1100.0) > at  # a NumPy scalar on the left hands the comparison over
    assert horizon.until == 1100.0
    assert horizon.since == -math.inf  # nothing compared was before the instant
    assert list(np.array([900.0, 1050.0]) <= at) == [True, False]
    assert horizon.until == 1050.0
    assert horizon.since == math.nextafter(900.0, math.inf)  # 900 <= t from just after 900
    assert at > 950.0 and horizon.since == math.nextafter(950.0, math.inf)
    assert at <= 1000.0 and horizon.until == math.nextafter(1000.0, math.inf)
    assert horizon.since == 1000.0  # t <= 1000 is true at 1000, and so just before it


def test_arithmetic_and_steps_keep_following_the_instant() -> None:
    horizon = Horizon(1000.0)
    at = horizon.instant()
    assert (at - 400) // 300 == 2.0  # the next step: at - 400 reaches 900
    assert horizon.until == pytest.approx(1300.0, abs=0.01) and horizon.until <= 1300.0
    assert horizon.since == 1000.0  # this step began at 1000 itself
    late = Horizon(0.0)
    shown = f"{(late.instant() - 0) / 86400:.1f}"  # a duration in days, as a text shows it
    assert shown == "0.0" and late.until == pytest.approx(0.05 * 86400, abs=0.01)
    assert late.since == pytest.approx(-0.05 * 86400, abs=0.01) and late.since > -0.05 * 86400


def test_an_unfollowed_reading_holds_for_the_instant_alone() -> None:
    horizon = Horizon(1000.0)
    round(horizon.instant())
    assert horizon.until == horizon.since == 1000.0


def test_local_dates_and_minutes_note_their_edges() -> None:
    noon = datetime(2024, 1, 1, 12, 0, 30, tzinfo=UTC).timestamp()
    horizon = Horizon(noon)
    assert local_date(horizon.instant(), UTC).isoformat() == "2024-01-01"
    assert horizon.until == datetime(2024, 1, 2, tzinfo=UTC).timestamp()
    midnight = datetime(2024, 1, 1, tzinfo=UTC).timestamp()
    assert horizon.since == math.nextafter(midnight, math.inf)  # just after: erring late
    assert minute_text(horizon.instant(), UTC).endswith("12:00+00:00")
    assert horizon.until == noon + 30 and horizon.since == math.nextafter(noon - 30, math.inf)


def _judged_until(
    spec: AgreementSpec, claims: Any, at: datetime, judged: list[AgreementSpec]
) -> tuple[dict[str, Any], float, float]:
    """The answer at `at`, and the span [since, until) both engine paths say it holds for."""
    horizon = Horizon(at.timestamp())
    answer = evaluate_columns(spec, claims, at, judged, horizon=horizon)
    by_objects = Horizon(at.timestamp())
    assert evaluate(spec, claims, at, judged, horizon=by_objects) == answer
    return answer, max(horizon.since, by_objects.since), min(horizon.until, by_objects.until)


def _holds(spec: AgreementSpec, claims: Any, judged: list[AgreementSpec], at: datetime,
           fraction: float) -> None:  # fmt: skip
    answer, since, until = _judged_until(spec, claims, at, judged)
    assert until > at.timestamp()  # nothing here reads the instant in a way not followed
    assert since <= at.timestamp()
    last = min(until, at.timestamp() + 400 * 86400)
    first = max(since, at.timestamp() - 400 * 86400)
    shift = at.timestamp() - first
    for other in (
        at.timestamp() + fraction * (last - at.timestamp()),
        last - 0.001,
        at.timestamp() - fraction * shift,  # earlier: the span reaches back to `since`
        first + 0.001,
        first,
    ):
        moment = datetime.fromtimestamp(other, UTC)  # to the microsecond, as asked
        other = moment.timestamp()
        if not since <= other < until:
            continue
        fresh = evaluate_columns(spec, claims, moment, judged)
        assert restamped(answer, other, spec.zone) == fresh, (at, since, until, moment)


@settings(max_examples=120, deadline=None)
@given(
    data=st.data(),
    seconds=st.integers(0, 10 * 86400),
    fraction=st.floats(0, 1, exclude_max=True),
    clock=st.sampled_from(["elapsed", "calendar"]),
    cap=st.none() | st.integers(4, 7),
    zone=st.sampled_from(["UTC", "Asia/Jerusalem"]),
)
def test_an_answer_holds_until_its_horizon_on_random_records(
    kit: Any, data: Any, seconds: int, fraction: float, clock: str, cap: int | None, zone: str
) -> None:
    terms = [*TERMS, RATIO]
    spec = kit.spec(terms, phases=_phases(clock, cap), timezone=zone)
    amended = kit.spec(
        [{**TERMS[0], "at_least": 12}, *terms[1:]],
        phases=_phases(clock, cap),
        timezone=zone,
        effective_from="2024-01-03T00:00",
    )
    claims = data.draw(records(kit))
    claims += [kit.release("israel", n * 3, f"2024-01-0{n}T1{n}:00") for n in range(1, 4)]
    at = (ORIGIN - timedelta(days=1)).replace(tzinfo=UTC) + timedelta(seconds=seconds)
    _holds(amended, claims, [spec, amended], at, fraction)


EXAMPLES = ["gaza-2023-11", "gaza-2025-10", "india-pakistan-2025", "karabakh-2020", "lebanon-2024"]


@pytest.mark.parametrize("name", EXAMPLES)
@settings(max_examples=25, deadline=None)
@given(day=st.floats(-3, 60), fraction=st.floats(0, 1, exclude_max=True))
def test_an_answer_holds_until_its_horizon_on_the_examples(
    name: str, day: float, fraction: float
) -> None:
    judged = versions(name)
    claims = record(name, judged[0])
    first = min(c.date for c in claims)
    at = first.astimezone(UTC) + timedelta(days=day)
    _holds(judged[-1], claims, judged, at, fraction)

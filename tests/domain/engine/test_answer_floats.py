"""The status API and `truce status --json` write the engine's answer as it is
(`server.now_status.dumped`, `services.agreement_status._printed`), not through the typed model:
so on every answer the engine makes here, the model's output is the engine's answer key for key,
in order and figure for figure, `answer_floats` finds every float in it, and the bytes written
are those the model's output gave (golden agreements on both engine paths, and Hypothesis
records with fractional figures, loose dates, disputes and extensions, judged at an instant and
"now")."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.engine import test_properties, test_properties_alternatives
from tests.domain.engine.test_answer_model import CASES, _claims, _versions
from truce.compact_json import compact_json
from truce.domain.engine import evaluate
from truce.domain.engine.answer_floats import answer_floats, every_float
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.horizon import Horizon
from truce.pretty import json_text


def assert_written_as_the_contract_writes_it(answer: dict[str, Any]) -> None:
    typed = StatusAnswer.of(answer).as_data()  # the contract, checked as it always was
    assert json.dumps(answer) == json.dumps(typed)  # the same keys, in the same order, same types
    assert sorted(map(repr, answer_floats(answer))) == sorted(map(repr, every_float(answer)))
    standard = json.dumps(typed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert compact_json(answer, answer_floats(answer)) == standard
    assert json_text(answer) == json_text(typed)  # as `truce status --json` prints it


@pytest.mark.parametrize(("agreement", "at"), CASES)
def test_every_golden_answer_on_both_paths(agreement: str, at: str) -> None:
    versions = _versions(agreement)
    spec = versions[-1]
    instant = datetime.fromisoformat(at).replace(tzinfo=spec.zone)
    for judge in (evaluate, evaluate_columns):
        assert_written_as_the_contract_writes_it(judge(spec, _claims(spec), instant, versions))
        now = Horizon(instant.timestamp())
        assert_written_as_the_contract_writes_it(judge(spec, _claims(spec), instant, versions, now))


FRACTIONS = [
    {"id": "third", "kind": "ratio", "phase": "pause", "party": "israel", "subject": "prisoners",
     "per_unit_of": {"party": "hamas", "subject": "hostages"}, "factor": 1.3},
    {"id": "halves", "kind": "ratio", "phase": "pause", "party": "israel", "subject": "prisoners",
     "per_unit_of": {"party": "hamas", "subject": "hostages"}, "factors": {"women": 2.5},
     "factor": 0.35},
]  # fmt: skip
PHASES = test_properties_alternatives._phases()  # the second phase 36 hours long


@settings(max_examples=60, deadline=None)
@given(data=st.data(), moment=test_properties.instants, now=st.booleans())
def test_random_records_of_every_term_kind(
    kit: Any, data: Any, moment: datetime, now: bool
) -> None:
    spec = kit.spec(test_properties.TERMS + FRACTIONS, phases=PHASES)
    claims = data.draw(test_properties.records(kit))
    at = kit.when(moment.isoformat())
    horizon = Horizon(at.timestamp()) if now else None
    assert_written_as_the_contract_writes_it(evaluate_columns(spec, claims, at, (), horizon))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), moment=test_properties_alternatives.instants)
def test_random_disputed_figures_and_ratios(kit: Any, data: Any, moment: datetime) -> None:
    chosen = data.draw(test_properties_alternatives.specs(kit))
    spec = kit.spec([*chosen.model_dump(mode="json", exclude_none=True)["terms"], *FRACTIONS],
                    phases=test_properties_alternatives._phases())  # fmt: skip
    claims = data.draw(test_properties_alternatives.records(kit))
    assert_written_as_the_contract_writes_it(evaluate(spec, claims, kit.when(moment.isoformat())))


def test_a_fractional_figure_is_found_where_the_contract_puts_it(kit: Any) -> None:
    """A phase of 36 hours: 1.5 days long, 5.5 days in all."""
    spec = kit.spec(FRACTIONS, phases=PHASES)
    claims = [kit.release("hamas", 7, "2024-01-01T12:00", categories=["women"])]
    answer = evaluate(spec, claims, kit.when("2024-01-02T12:00"))
    found = sorted(answer_floats(answer))
    assert found == [1.5, 5.5] == sorted(every_float(answer))
    assert_written_as_the_contract_writes_it(answer)


def test_a_float_below_1e_4_in_a_figure_goes_to_the_standard_library(kit: Any) -> None:
    """Break-it: the engine rounds figures to three decimals, so none is ever this small; one
    that were would be written `1e-05`, as the standard library writes it, not `0.00001`."""
    spec = kit.spec(FRACTIONS, phases=test_properties.PHASES)
    answer = evaluate(spec, [], kit.when("2024-01-02T12:00"))
    answer["obligations"][0] = {**answer["obligations"][0], "due": 1e-05, "balance": -1e-05}
    answer["phases"][0] = {**answer["phases"][0], "length_days": 2.5e-7}
    assert sorted(answer_floats(answer)) == sorted([1e-05, -1e-05, 2.5e-7])
    assert b'"due":1e-05' in compact_json(answer, answer_floats(answer))
    assert_written_as_the_contract_writes_it(answer)


def test_the_phase_row_in_the_contracts_order(kit: Any) -> None:
    """Break-it of the order: the engine wrote `blocked_by` before `extended_days`, the model
    the other way round; the API's bytes followed the model's. Written as the engine made it,
    the answer would have moved two keys: this is the check that sees it."""
    spec = kit.spec([], phases=test_properties.PHASES)
    answer = evaluate(spec, [], kit.when("2024-01-02T12:00"))
    moved = dict(answer["phases"][0])
    moved = {k: moved[k] for k in ["blocked_by", *(k for k in moved if k != "blocked_by")]}
    with pytest.raises(AssertionError):
        assert_written_as_the_contract_writes_it({**answer, "phases": [moved]})
    assert_written_as_the_contract_writes_it(answer)
    assert list(answer["phases"][0]) == list(StatusAnswer.of(answer).phases[0].model_dump())


def test_days_later_and_an_hour_after_still_the_contracts_floats(kit: Any) -> None:
    spec = kit.spec(test_properties.TERMS + FRACTIONS, phases=PHASES)
    claims = [kit.release("hamas", n, f"2024-01-0{1 + n % 4}T12:00") for n in range(1, 9)]
    claims += [kit.release("israel", 3 * n, f"2024-01-0{1 + n % 4}T13:00") for n in range(1, 9)]
    claims.append(kit.claim("breach", "2024-01-02", actor="hamas"))
    start = kit.when("2024-01-01T08:00")
    for hours in range(0, 24 * 8, 7):
        assert_written_as_the_contract_writes_it(
            evaluate_columns(spec, claims, start + timedelta(hours=hours))
        )

"""The status tables give every status a colour, `undetermined` and `failed` included."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, get_args

from rich.console import Console

from truce.cli.render import STATUS_STYLE, status_view
from truce.domain.claim_input import ClaimInput
from truce.domain.engine import evaluate
from truce.domain.engine.answer_model import State, StatusAnswer
from truce.domain.engine.answer_parts import EarnedDay, ObligationStatus, RenewalRow
from truce.domain.spec import AgreementSpec

SPEC: dict[str, Any] = {
    "id": "colours",
    "title": "Colours",
    "timezone": "UTC",
    "parties": [{"id": "israel"}, {"id": "hamas"}],
    "subjects": [{"id": "hostages"}, {"id": "prisoners"}],
    "phases": [
        {"id": "pause", "start": {"at": "2024-01-01T00:00"}, "duration": {"days": 2}},
        {"id": "two", "start": {"after": "pause"}, "duration": {"days": 2}},
    ],
    "terms": [
        {"id": "twenty", "kind": "quota", "phase": "pause", "party": "hamas",
         "subject": "hostages", "at_least": 20, "by": {"at": "2024-01-01T12:00"}},
        {"id": "ten", "kind": "quota", "phase": "pause", "party": "israel",
         "subject": "prisoners", "at_least": 10, "by": {"at": "2024-01-01T06:00"}},
        {"id": "to-two", "kind": "gate", "phase": "two", "requires": ["ten"]},
    ],
}  # fmt: skip


def _statuses(tp: Any) -> set[str]:
    return {v for v in get_args(tp) if isinstance(v, str)}


def test_every_status_the_answer_can_carry_has_a_style() -> None:
    every = _statuses(ObligationStatus) | _statuses(State)
    for row in (EarnedDay, RenewalRow):
        every |= _statuses(row.model_fields["status"].annotation)
    assert every - set(STATUS_STYLE) == set()
    # A verdict nobody can settle and one that can no longer be met read apart from the rest.
    assert STATUS_STYLE["failed"] == STATUS_STYLE["unmet"]
    assert STATUS_STYLE["undetermined"] not in {STATUS_STYLE[s] for s in every - {"undetermined"}}


def test_undetermined_and_failed_verdicts_are_printed_in_their_colours() -> None:
    spec = AgreementSpec.model_validate(SPEC)
    # Released "on 1 January", to the day: against a noon deadline it may or may not count.
    claim = {"agreement": "colours", "type": "release", "date": "2024-01-01", "actor": "hamas",
             "subject": "hostages", "quantity": 20, "sources": [{"outlet": "Wire"}]}  # fmt: skip
    record = [ClaimInput.model_validate(claim).to_claim(spec.zone)]
    answer = StatusAnswer.of(evaluate(spec, record, datetime(2024, 1, 3, tzinfo=UTC)))
    verdicts = {o.id: o.status for o in answer.obligations}
    assert verdicts == {"twenty": "undetermined", "ten": "no_record", "to-two": "failed"}
    console = Console(force_terminal=True, color_system="standard", width=160, record=True)
    console.print(status_view(answer))
    printed = console.export_text(styles=True)
    blue, red = "\x1b[1;34m", "\x1b[1;31m"
    assert f"{blue}undetermined" in printed
    assert f"{red}failed" in printed


def test_a_date_dispute_is_shown_with_its_dates_and_the_verdicts_that_differ() -> None:
    spec = AgreementSpec.model_validate(SPEC)
    base = {"agreement": "colours", "type": "release", "actor": "hamas", "subject": "hostages",
            "quantity": 20, "event_id": "r"}  # fmt: skip
    claims = [
        {
            **base,
            "date": "2024-01-01T09:00",
            "sources": [{"outlet": "Wire"}],
            "status": "confirmed",
        },
        {**base, "date": "2024-01-01T18:00", "sources": [{"outlet": "Other"}]},
    ]
    record = [ClaimInput.model_validate(c).to_claim(spec.zone) for c in claims]
    answer = StatusAnswer.of(evaluate(spec, record, datetime(2024, 1, 3, tzinfo=UTC)))
    console = Console(width=320, record=True)
    console.print(status_view(answer))
    printed = console.export_text()
    nine, six = "2024-01-01T09:00:00+00:00", "2024-01-01T18:00:00+00:00"
    # 09:00 (confirmed, leading) is before the noon deadline, 18:00 after it.
    assert f"dated {nine} vs {six}" in printed
    assert f"{nine}: Wire; {six}: Other" in printed
    assert f"twenty: {nine}→met, {six}→unmet" in printed
    assert "met disputed" in printed

"""The agreement's metadata as `truce agreement show` and `truce status` give it, run for real."""

from __future__ import annotations

import json

from tests.cli.conftest import Run

GAZA_METADATA = {
    "signed": "2023-11-22",
    "form": "other",
    "purpose": "humanitarian",
    "scope": "comprehensive",
    "countries": ["ISR", "PSE"],
    "monitoring": {
        "mechanism": "no formal body; the mediators followed implementation",
        "members": ["Qatar", "Egypt", "United States"],
    },
    "notes": "a mediated arrangement announced by Qatar; no signed text was published",
}


def test_show_gives_the_metadata(gaza_ledger: Run) -> None:
    shown = gaza_ledger("agreement", "show", "gaza-2023-11", "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["metadata"] == {**GAZA_METADATA, "related": []}
    text = gaza_ledger("agreement", "show", "gaza-2023-11")
    assert "countries: [ISR, PSE]" in text.output and "form: other" in text.output


def test_the_status_answer_states_what_the_agreement_is(gaza_ledger: Run) -> None:
    result = gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-28T12:00", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["metadata"] == GAZA_METADATA
    assert answer["agreement"] == "gaza-2023-11"  # the header's other keys are where they were

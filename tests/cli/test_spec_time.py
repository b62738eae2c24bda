"""`truce status --at` under amended specs, and `agreement check` on a phase's cap, for real."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import GAZA, Run


def _due(state: dict[str, object], verdict: str) -> object:
    rows = [o for o in state["obligations"] if o["id"] == verdict]  # type: ignore[attr-defined]
    return rows[0]["due"]


def test_status_at_judges_by_the_version_then_in_force(gaza_ledger: Run, tmp_path: Path) -> None:
    amended = tmp_path / "gaza-v2.yaml"
    text = GAZA.read_text()
    # Version 2, agreed on 29 Nov, asks for 12 hostages a day instead of 10.
    text = text.replace(
        "timezone: Asia/Jerusalem\n",
        'timezone: Asia/Jerusalem\neffective_from: "2023-11-29T00:00"\n',
        1,
    )
    amended.write_text(text.replace("at_least: 10\n", "at_least: 12\n", 1))
    assert gaza_ledger("agreement", "add", str(amended)).exit_code == 0
    before = json.loads(
        gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-28T09:00", "--json").stdout
    )
    # Before 29 Nov the first version judges: 10 a day, as agreed then.
    assert (before["spec_version"], before["judged_by"]["of"]) == (1, 2)
    assert _due(before, "daily-hostages/day-1") == 10
    after = json.loads(
        gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-30T09:00", "--json").stdout
    )
    assert after["spec_version"] == 2
    assert after["judged_by"]["effective_from"] == "2023-11-29T00:00:00+02:00"
    assert _due(after, "daily-hostages/day-1") == 12
    shown = gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-28T09:00")
    assert shown.exit_code == 0, shown.output
    assert "version 1 of 2" in shown.stdout


def test_check_refuses_a_cap_shorter_than_the_phase(run: Run, tmp_path: Path) -> None:
    spec = tmp_path / "capped.yaml"
    # The pause lasts 4 days; a cap of 3 could never let it run its course.
    spec.write_text(GAZA.read_text().replace("max_days: 10\n", "max_days: 3\n", 1))
    result = run("agreement", "check", str(spec))
    assert result.exit_code == 1
    assert "[S300]" in result.stderr
    assert "capped at max_days 3, shorter than its duration (4 days)" in result.stderr
    assert "Traceback" not in result.stderr

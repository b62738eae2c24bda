"""The human status view on a long record: long lists are cut to the rows that matter."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import GAZA, Run


def _breaches(path: Path, count: int) -> Path:
    lines = [
        json.dumps(
            {
                "agreement": "gaza-2023-11",
                "type": "breach",
                "date": f"2023-11-25T{hour:02d}:{minute:02d}",
                "actor": "hamas",
                "status": "alleged",
                "sources": [{"outlet": "Wire"}],
            }
        )
        for hour, minute in (divmod(n * 30, 60) for n in range(count))
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_breach_list_shows_the_latest_and_a_summary(run: Run, tmp_path: Path) -> None:
    assert run("init").exit_code == 0
    assert run("agreement", "add", str(GAZA)).exit_code == 0
    assert run("import", str(_breaches(tmp_path / "breaches.jsonl", 25))).exit_code == 0
    shown = run("status", "gaza-2023-11", "--at", "2023-11-26T12:00")
    assert shown.exit_code == 0, shown.output
    assert "Breaches (latest 20 of 25; `--json` lists all)" in shown.stdout
    assert "hamas: 25 alleged" in shown.stdout
    assert "2023-11-25T12:00" in shown.stdout  # the last of them
    assert "2023-11-25T00:00" not in shown.stdout  # the first is left to --json
    listed = run("status", "gaza-2023-11", "--at", "2023-11-26T12:00", "--json")
    assert len(json.loads(listed.stdout)["breaches"]) == 25

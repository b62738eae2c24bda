"""Run the real `truce` command in process, against real ledger files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from truce.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GAZA = EXAMPLES / "agreements" / "gaza-2023-11.yaml"
GAZA_CLAIMS = EXAMPLES / "claims" / "gaza-2023-11.jsonl"

Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run("status", "gaza-2023-11")` runs `truce --db <tmp>/truce.db status gaza-2023-11`."""
    monkeypatch.delenv("TRUCE_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str, db: str | None = None, input: str | None = None) -> Result:
        target = db or str(tmp_path / "truce.db")
        return runner.invoke(app, ["--db", target, *args], input=input)

    return invoke


@pytest.fixture
def gaza_ledger(run: Run) -> Run:
    """A ledger holding the bundled Gaza agreement and its day-by-day record."""
    assert run("init").exit_code == 0
    assert run("agreement", "add", str(GAZA)).exit_code == 0
    result = run("import", str(GAZA_CLAIMS))
    assert result.exit_code == 0, result.output
    return run

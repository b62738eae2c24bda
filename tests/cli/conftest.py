"""Run the real `truce` command in process, against real ledger files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import truce
from truce.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GAZA = EXAMPLES / "agreements" / "gaza-2023-11.yaml"
GAZA_CLAIMS = EXAMPLES / "claims" / "gaza-2023-11.jsonl"

Run = Callable[..., Result]
# The folder the `truce` under test is imported from: subprocesses run that code, whatever
# their working folder (a relative PYTHONPATH would not follow them into a tmp folder).
SOURCE = Path(truce.__file__).resolve().parents[1]


def truce_env(**extra: str) -> dict[str, str]:
    """The environment for `python -m truce` as a subprocess: this checkout's code, no TRUCE_DB."""
    env = {k: v for k, v in os.environ.items() if k not in ("TRUCE_DB", "PYTHONPATH")}
    return {**env, "PYTHONPATH": str(SOURCE), "COLUMNS": "100", "NO_COLOR": "1", **extra}


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

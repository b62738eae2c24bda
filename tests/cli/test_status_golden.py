"""`truce status --json` prints, byte for byte, what it printed before the answer was typed, for
every bundled agreement at several instants; the table view renders from the typed answer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truce.cli.app import app

GOLDEN = Path(__file__).resolve().parents[1] / "domain" / "engine" / "golden"
sys.path.insert(0, str(GOLDEN))
from regenerate import INSTANTS, golden_name, load_examples  # noqa: E402


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("golden") / "truce.db")
    load_examples(CliRunner(), db)
    return db


@pytest.mark.parametrize("agreement", sorted(INSTANTS))
def test_status_json_is_byte_identical_to_the_golden_output(
    examples_db: str, agreement: str
) -> None:
    runner = CliRunner()
    for at in INSTANTS[agreement]:
        result = runner.invoke(
            app, ["--db", examples_db, "status", agreement, "--at", at, "--json"]
        )
        assert result.exit_code == 0, result.output
        expected = (GOLDEN / golden_name(agreement, at)).read_text(encoding="utf-8")
        assert result.stdout == expected, (agreement, at)


def test_the_table_reads_the_typed_answer(examples_db: str) -> None:
    """The day-7 dispute, a breach and an extension all reach the terminal table."""
    runner = CliRunner()
    args = ["--db", examples_db, "status", "gaza-2023-11", "--at", "2023-12-01T12:00"]
    result = runner.invoke(app, args, env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Disputes between sources" in out and "daily-hostages/day-7" in out
    assert "Breaches" in out and "no-hostilities" in out
    assert "Extensions under extension-per-ten: 3 day(s) announced, 2 earned" in out
    assert "spec version 1 of 1" in out

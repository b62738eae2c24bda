"""Every command has help, and docs/cli.md is what the commands say of themselves."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from truce.cli.app import app
from truce.cli.docs import command_paths, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
REQUIRED = [
    ["init"],
    ["agreement", "add"],
    ["agreement", "check"],
    ["agreement", "list"],
    ["agreement", "show"],
    ["record"],
    ["import"],
    ["status"],
    ["timeline"],
    ["verify"],
    ["export"],
    ["demo"],
]


def test_every_required_command_exists() -> None:
    assert sorted(REQUIRED) == sorted(p for p in command_paths() if p in REQUIRED)


def test_every_command_has_a_help_line() -> None:
    for words in command_paths():
        result = CliRunner().invoke(app, [*words, "--help"])
        assert result.exit_code == 0
        usage, _, rest = result.stdout.partition("Usage:")
        assert rest.split("\n", 2)[2].strip(), f"`truce {' '.join(words)}` has no help text"


def test_cli_reference_is_up_to_date() -> None:
    assert DOC.read_text() == render(), (
        "docs/cli.md is stale: run `python -m truce.cli.docs > docs/cli.md`"
    )

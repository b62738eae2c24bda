"""`truce record`'s options are the claim fields' (`domain.claim_fields`): each field with an
option has it, with the definition's help, and a claim recorded with every option holds each
value in its own field."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer.main

from tests.cli.conftest import Run
from truce.cli.app import app
from truce.domain.claim_fields import FIELDS, OPTION_HELP, SOURCE_FIELDS

# Options of `truce record` that are not a claim field: the run's own, and the one source's.
NOT_FIELDS = {"--allow-unknown", "--db", "--json", "--quiet", "--progress"}
SOURCE_OPTIONS = {f"--{name}" for name in SOURCE_FIELDS}


def _record_options() -> dict[str, Any]:
    command = typer.main.get_command(app).commands["record"]  # type: ignore[attr-defined]
    return {p.opts[0]: p for p in command.params}


def test_every_written_field_has_an_option_of_record_with_its_help() -> None:
    options = _record_options()
    for field in FIELDS:
        if field.written and field.name != "sources":  # a source is given by its parts' options
            assert field.option, f"{field.name} is written but `truce record` has no option"
        if field.option:
            assert field.option in options, field.name
            assert options[field.option].help == OPTION_HELP[field.name], field.name
            assert options[field.option].help.startswith(field.help), field.name


def test_every_option_of_record_is_a_field_or_a_source_part() -> None:
    defined = {f.option for f in FIELDS if f.option}
    assert set(_record_options()) - NOT_FIELDS - SOURCE_OPTIONS == defined
    assert set(_record_options()) >= SOURCE_OPTIONS


def test_a_claim_recorded_with_every_option_holds_each_value(gaza_ledger: Run) -> None:
    given = {
        "--agreement": "gaza-2023-11",
        "--type": "release",
        "--date": "2023-11-25T23:00:00+02:00",
        "--event-id": "ev-fields",
        "--actor": "hamas",
        "--target": "israel",
        "--quantity": "13",
        "--subject": "hostages",
        "--category": "women",
        "--status": "confirmed",
        "--quote": "thirteen were freed",
        "--reliability": "B2",
        "--location": "Rafah crossing",
        "--notes": "a note",
        "--by": "monitor-1",
        "--qualifier": "at_least",
        "--date-precision": "day",
        "--phase": "pause",
        "--extra": '{"wave": 3, "note": {"from": "the desk"}}',
        "--part": "women=4",
    }
    assert {f.option for f in FIELDS if f.option} - {"--supersedes"} == set(given)
    first = gaza_ledger("--json", "record", *sum(given.items(), ()), "--outlet", "AFP")
    assert first.exit_code == 0, first.output
    (claim_id,) = json.loads(first.stdout)["recorded"]
    later = dict(given, **{"--supersedes": claim_id, "--quantity": "14"})
    result = gaza_ledger("--json", "record", *sum(later.items(), ()), "--outlet", "AFP")
    assert result.exit_code == 0, result.output
    exported = gaza_ledger("export", "--format", "jsonl", "-a", "gaza-2023-11")
    rows = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    (row,) = [r for r in rows if r.get("supersedes") == claim_id]
    by_option = {f.option: f for f in FIELDS if f.option}
    for option, value in later.items():
        field = by_option[option]
        stored = row[field.name]
        if field.kind == "list":
            assert stored == [value], field.name
        elif field.kind == "count":
            assert stored == int(value), field.name
        elif field.name == "parts":
            assert stored == {"women": 4}
        elif field.kind == "object":
            assert stored == json.loads(value), field.name
        else:
            assert stored == value, field.name
    assert row["sources"][0]["outlet"] == "AFP"


@pytest.mark.parametrize(
    ("extra", "said"),
    [("{wave: 3}", "--extra is not JSON"), ("[1, 2]", "not an array"), ('"x"', "not a string")],
)
def test_an_extra_that_is_not_a_json_object_is_refused_with_a_code(
    gaza_ledger: Run, extra: str, said: str
) -> None:
    before = gaza_ledger("export", "--format", "jsonl", "-a", "gaza-2023-11").stdout
    result = gaza_ledger(
        "--json", "record", "-a", "gaza-2023-11", "-t", "release", "-d", "2023-11-25",
        "--extra", extra,
    )  # fmt: skip
    assert result.exit_code != 0
    error = json.loads(result.stdout or result.stderr)["error"]
    assert error["code"] == "C100" and said in error["message"], error
    assert "--extra '{" in error["hint"]
    after = gaza_ledger("export", "--format", "jsonl", "-a", "gaza-2023-11").stdout
    assert after == before  # nothing recorded

"""The CLI neither takes nor writes a number JSON has not (`NaN`, `Infinity`, `-Infinity`):
`truce record --extra` and `truce import` refuse them with a code, and `truce export` and
`truce status --json` write what a ledger kept from before that refusal as `null`."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, EventType
from truce.storage import Ledger

RECORD = ("record", "-a", "gaza-2023-11", "-t", "release", "-d", "2023-11-26T10:00", "-q", "2")


def strict(text: str) -> Any:
    def refused(word: str) -> Any:
        raise AssertionError(f"{word} in what was written")

    return json.loads(text, parse_constant=refused)


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_record_refuses_extra_with_a_number_json_has_not(gaza_ledger: Run, word: str) -> None:
    before = gaza_ledger("export", "--format", "jsonl", "-a", "gaza-2023-11").stdout
    result = gaza_ledger(*RECORD, "--extra", f'{{"wave": [1, {{"figure": {word}}}]}}')
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "[I431] `extra`: extra.wave[1].figure is" in text, text
    assert "finite number" in text and "Traceback" not in text
    assert gaza_ledger("export", "--format", "jsonl", "-a", "gaza-2023-11").stdout == before


def test_import_refuses_a_line_with_nan(gaza_ledger: Run, tmp_path: Path) -> None:
    line = {"agreement": "gaza-2023-11", "type": "release", "date": "2023-11-26T10:00",
            "actor": "hamas", "quantity": 2, "extra": {"figure": 1.5}}  # fmt: skip
    path = tmp_path / "nan.jsonl"
    path.write_text(json.dumps(line).replace("1.5", "NaN") + "\n", "utf-8")
    result = gaza_ledger("import", str(path))
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "nan.jsonl:1: [I101] not valid JSON: NaN is not a JSON number" in text, text


def test_what_a_ledger_kept_from_before_is_written_null(gaza_ledger: Run, tmp_path: Path) -> None:
    old = with_content_id(
        Claim(id="", agreement="gaza-2023-11", type=EventType.RELEASE,
              date=datetime.fromisoformat("2023-11-26T10:00:00+02:00"), actor="hamas",
              quantity=3, subject="hostages",
              extra={"wave": math.nan, "range": [math.inf, {"low": -math.inf}],
                     "place": {"name": "Rafah", "country": "PSE", "lat": math.nan, "lon": 34.2}})
    )  # fmt: skip
    with Ledger.open(str(tmp_path / "truce.db")) as ledger:
        ledger.append_claims([old], "a version before 2026-12-07")
    expected = {"wave": None, "range": [None, {"low": None}],
                "place": {"name": "Rafah", "country": "PSE", "lat": None, "lon": 34.2}}  # fmt: skip
    lines = gaza_ledger("export", "--format", "jsonl", "-a", "gaza-2023-11").stdout.splitlines()
    (row,) = [strict(line) for line in lines if old.id in line]
    assert row["extra"] == expected
    table = gaza_ledger("export", "--format", "csv", "-a", "gaza-2023-11").stdout
    (cells,) = [r for r in csv.DictReader(io.StringIO(table)) if r["id"] == old.id]
    assert strict(cells["extra"]) == expected and cells["lat"] == ""
    for at in ("2023-11-26T12:00", "2023-12-02"):
        shown = gaza_ledger("status", "gaza-2023-11", "--at", at, "--json")
        assert shown.exit_code == 0, shown.output
        strict(shown.stdout)

"""`truce extract` and `truce eval` through the real command, on real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from truce.cli.app import app

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
SEED = GOLD / "documents" / "seed-2023-11-28.txt"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_jsonl_keeps_the_public_contract(tmp_path: Path) -> None:
    result = run("extract", str(SEED))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    keys = {
        "type",
        "modality",
        "date",
        "date_precision",
        "actor",
        "target",
        "participants",
        "quantities",
        "categories",
        "location",
        "source",
        "quote",
        "span",
        "confidence",
        "plover",
        "document",
    }
    assert rows and all(keys <= set(row) for row in rows)
    assert all(set(row["source"]) == {"speaker", "role", "anonymous", "via"} for row in rows)


def test_json_returns_the_text_the_spans_index(tmp_path: Path) -> None:
    result = run("extract", str(SEED), "--format", "json")
    (document,) = json.loads(result.stdout)
    text = document["text"]
    assert text == SEED.read_text()
    for candidate in document["candidates"]:
        start, end = candidate["span"]
        assert text[start:end].strip()


def test_published_date_resolves_relative_dates(tmp_path: Path) -> None:
    bare = tmp_path / "report.txt"  # no meta file: the date comes from --published
    bare.write_text(SEED.read_text())
    rows = [
        json.loads(x)
        for x in run("extract", str(bare), "--published", "2023-11-28").stdout.splitlines()
    ]
    assert any(r["type"] == "ceasefire_start" and r["date"] == "2023-11-24" for r in rows)
    bad = run("extract", str(bare), "--published", "28/11/2023")
    assert bad.exit_code == 1 and "not a date" in bad.stderr


def test_a_bad_document_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x9f" * 400)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "french.txt").write_text(
        "Le cessez-le-feu est entré en vigueur vendredi matin et les otages ont été libérés "
        "dans la soirée, selon les médiateurs qataris et égyptiens qui suivent les échanges."
    )
    result = run("extract", str(tmp_path), "--format", "table")
    assert result.exit_code == 3  # partial: the seed was extracted
    assert "[X102]" in result.stderr and "[X103]" in result.stderr and "[X104]" in result.stderr
    assert "3 document(s) could not be read" in result.stderr
    assert "meeting" in result.stdout


def test_eval_prints_scores_per_type_and_field() -> None:
    result = run("eval", str(GOLD), "--split", "dev", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["tp"] > 0
    assert {"release", "meeting", "casualty_claim"} <= set(report["events"])
    assert "quantities" in report["fields"]
    table = run("eval", str(GOLD), "--split", "dev")
    assert "all events" in table.stdout

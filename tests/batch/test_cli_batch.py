"""`truce batch` at the CLI edge: its own errors are one line with a code and a next step,
exit status 1, no traceback; the summary names each kind of bad document."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from truce.cli.app import app


def test_ingest_without_an_agreement_is_refused_before_any_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"),
                                      "--ingest"])  # fmt: skip
    assert result.exit_code == 1
    assert "[B100] --ingest needs --agreement — add --agreement ID" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


def test_an_empty_corpus_and_a_foreign_output_folder_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "empty"), "--out",
                                      str(tmp_path / "o")])  # fmt: skip
    assert result.exit_code == 1 and "[B103] no documents under" in result.output
    (tmp_path / "o" / "manifest.json").write_text("{}")
    (tmp_path / "empty" / "a.txt").write_text("Hamas freed 12 hostages on Friday.")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "empty"), "--out",
                                      str(tmp_path / "o")])  # fmt: skip
    assert result.exit_code == 1 and "[B101]" in result.output


def test_the_summary_lists_errors_by_code_and_says_where_each_is(
    tmp_path: Path, scheduler: str, make_corpus: Callable[[Path], Path]
) -> None:
    corpus = make_corpus(tmp_path)
    args = ["batch", str(corpus), "--out", str(tmp_path / "o"), "--scheduler", scheduler]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.output  # partial: some documents failed
    for line in ("errors [X102]", "errors [X103]", "errors [X104]", "errors [X107]"):
        assert line in result.stdout
    assert "8 document(s) could not be read" in result.output
    events = (tmp_path / "o" / "events.parquet").read_bytes()
    again = CliRunner().invoke(app, [*args, "--json", "--merge-rows", "1"])
    summary = json.loads(again.stdout)
    assert summary["resumed_partitions"] == summary["partitions"]
    # The merge is redone, a candidate per task this time, into the same bytes.
    assert (tmp_path / "o" / "events.parquet").read_bytes() == events
    assert summary["errors"] == {"X102": 1, "X103": 3, "X104": 2, "X107": 2}

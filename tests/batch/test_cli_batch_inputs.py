"""`truce batch` given paths that name nothing, or documents that all fail: a coded error and
exit status 1, and nothing left in --out that would hold a corrected run back."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from truce.cli.app import app

REPORT = (
    "Israel released 39 Palestinian prisoners on Friday and Hamas freed 13 hostages under the "
    "truce, which began at 7 a.m., Qatar's foreign ministry said in a statement to reporters."
)


def test_a_glob_matching_nothing_is_refused_and_the_fixed_run_goes(
    tmp_path: Path, scheduler: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    out = tmp_path / "o"
    args = ["batch", str(corpus / "*.txt"), "--out", str(out), "--scheduler", scheduler]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "[B103]" in result.output and "matches no document" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (out / "manifest.json").exists()
    (corpus / "a.txt").write_text(REPORT, encoding="utf-8")
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output


def test_a_corpus_whose_every_document_fails_exits_1(tmp_path: Path, scheduler: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\xff" * 400)
    args = ["batch", str(corpus), "--out", str(tmp_path / "o"), "--scheduler", scheduler]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "[X606] all 2 document(s) failed" in result.output

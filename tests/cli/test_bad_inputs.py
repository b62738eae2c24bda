"""Bad input never shows a traceback: each command answers with a code and a next step, and its
exit status says whether nothing (1) or only part (3) of the work was done."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import Result

from tests.cli.conftest import GAZA_CLAIMS, Run, truce_env

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"
DEEP = "[" * 2_000 + "]" * 2_000


def clean(result: Result, code: int) -> None:
    """Exit `code`, and no exception escaped to the runner (which would be a traceback)."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_an_impossible_published_date_is_a_coded_error(gaza_ledger: Run) -> None:
    for command in (["ingest", str(SEED), "-a", "gaza-2023-11"], ["extract", str(SEED)]):
        result = gaza_ledger(*command, "--published", "2023-13-45")
        clean(result, 1)
        assert "[X602] --published '2023-13-45' is not a date" in result.stderr


def test_a_line_nested_2000_deep_is_a_bad_line_not_a_crash(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    good = GAZA_CLAIMS.read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([good[0], DEEP, '{"extra": ' + DEEP + "}", good[1]]) + "\n")
    result = gaza_ledger("import", str(path))
    clean(result, 1)
    assert f"{path}:2: [I101] not valid JSON: nested deeper than 64 levels" in result.stderr
    assert f"{path}:3: [I101]" in result.stderr and "[I200]" in result.stderr


def test_import_skip_bad_exits_3_and_keeps_the_good_lines(gaza_ledger: Run, tmp_path: Path) -> None:
    line = json.loads(GAZA_CLAIMS.read_text(encoding="utf-8").splitlines()[0])
    line["quantity"] = 9_999  # a claim the ledger does not hold yet
    path = tmp_path / "some-bad.jsonl"
    path.write_text(json.dumps(line) + "\n" + DEEP + "\n")
    result = gaza_ledger("import", str(path), "--skip-bad")
    clean(result, 3)
    assert "imported 1 claim(s)" in result.stdout and "1 bad line(s) skipped" in result.stdout


def test_a_deep_line_in_a_corpus_fails_alone(run: Run, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = SEED.read_text(encoding="utf-8")
    corpus.write_text(json.dumps({"text": text}) + "\n" + '{"text": ' + DEEP + "}\n")
    result = run("extract", str(corpus), "--published", "2023-11-28")
    clean(result, 3)
    assert "#2: [X107] not JSON: nested deeper than 64 levels" in result.stderr
    assert result.stdout.strip()  # the first line's candidates


def test_extract_and_ingest_exit_1_when_every_document_fails(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 400)
    paths = [str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt")]
    extracted = gaza_ledger("extract", *paths)
    clean(extracted, 1)
    assert "[X606] all 2 document(s) failed" in extracted.stderr
    ingested = gaza_ledger("ingest", *paths, "-a", "gaza-2023-11")
    clean(ingested, 1)
    assert "[X606] all 2 document(s) failed" in ingested.stderr


def test_eval_of_no_gold_set_is_an_error_not_a_perfect_score(run: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "missing", tmp_path / "empty"):
        result = run("eval", str(folder))
        clean(result, 1)
        assert "[X607]" in result.stderr and "1.000" not in result.stdout
    result = run("eval", str(ROOT / "eval" / "gold"), "--split", "no-such-split")
    clean(result, 1)
    assert "[X653]" in result.stderr and "1.000" not in result.stdout


def test_parquet_to_the_terminal_has_its_own_code(gaza_ledger: Run, tmp_path: Path) -> None:
    """stdout a real terminal (a pseudo-terminal): refused, and not one byte written to it."""
    import pty

    leader, follower = pty.openpty()
    env = truce_env()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "truce", "--db", str(tmp_path / "truce.db"), "export",
             "--format", "parquet"],
            stdout=follower, stderr=subprocess.PIPE, text=True, env=env, timeout=300,
        )  # fmt: skip
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("[X604]") and "> claims.parquet" in done.stderr
    assert b"PAR1" not in shown


def test_the_real_command_prints_one_line_for_a_bad_date(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "truce", "--db", str(tmp_path / "t.db"), "extract", str(SEED),
         "--published", "2023-13-45"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("[X602]")

"""The usual manners of a command-line tool, checked on the real `python -m truce` process:
--version, -h, completion, `-` for stdin and stdout, Parquet down a pipe, --json everywhere
(errors too), --db after the command, progress on stderr, 80 columns, a hint that works."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.cli.conftest import GAZA, GAZA_CLAIMS, truce_env
from truce.cli.docs import command_paths

CLAIMS = len(GAZA_CLAIMS.read_text(encoding="utf-8").splitlines())


def truce(
    *args: str, cwd: Path, stdin: bytes | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "truce", *args],
        cwd=cwd, input=stdin, capture_output=True, env=truce_env(**env), timeout=300,
    )  # fmt: skip


def one_json_error(done: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    """stderr is exactly one JSON object of the documented shape; stdout is empty."""
    assert done.stdout == b""
    (line,) = done.stderr.decode().splitlines()
    error = json.loads(line)["error"]
    assert set(error) == {"code", "message", "hint", "location", "details"}
    assert error["code"] and error["message"] and error["hint"]
    return dict(error)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Gaza example, shared: no test here changes what it holds."""
    folder = tmp_path_factory.mktemp("manners")
    db = folder / "truce.db"
    for args in (["init"], ["agreement", "add", str(GAZA)], ["import", str(GAZA_CLAIMS)]):
        assert truce("--db", str(db), *args, cwd=folder).returncode == 0
    return db


def test_version_and_short_help(tmp_path: Path) -> None:
    done = truce("--version", cwd=tmp_path)
    assert (
        done.returncode == 0
        and done.stdout.decode().strip() == f"truce {metadata.version('truce')}"
    )
    for words in (["-h"], ["status", "-h"], ["agreement", "add", "-h"]):
        short, long = truce(*words, cwd=tmp_path), truce(*words[:-1], "--help", cwd=tmp_path)
        assert short.returncode == 0 and short.stdout == long.stdout and b"Usage" in short.stdout


def test_version_answers_before_the_commands_are_loaded(tmp_path: Path) -> None:
    """A `truce --version` in a shell prompt or a CI log must not pay for SQLAlchemy and pandas."""
    probe = (
        "import sys; sys.argv = ['truce', '--version']; from truce.cli.entry import main; main(); "
        "print(sorted(m for m in ('sqlalchemy', 'pandas', 'typer', 'truce.cli.app') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, env=truce_env(),
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines() == [f"truce {metadata.version('truce')}", "[]"]
    with_db = truce("--db", str(tmp_path / "x.db"), "--version", cwd=tmp_path)  # the full path
    assert with_db.stdout.decode().strip() == f"truce {metadata.version('truce')}"


def test_shell_completion_completes_command_names(tmp_path: Path) -> None:
    done = truce(
        cwd=tmp_path, _TRUCE_COMPLETE="complete_bash", COMP_WORDS="truce sta", COMP_CWORD="1"
    )
    assert done.returncode == 0 and done.stdout.decode().split() == ["status"]
    # run from bash, as a user would: the script is for the shell that runs truce
    line = shlex.join([sys.executable, "-m", "truce", "--show-completion"])
    script = subprocess.run(
        ["bash", "-c", line], cwd=tmp_path, capture_output=True, env=truce_env(), timeout=300
    )
    assert script.returncode == 0, script.stderr
    assert b"complete " in script.stdout and b"_TRUCE_COMPLETE" in script.stdout


def test_every_command_has_json_and_the_global_options(tmp_path: Path) -> None:
    for words in command_paths():
        text = truce(*words, "--help", cwd=tmp_path, COLUMNS="200").stdout.decode()
        for option in ("--json", "--db", "--quiet", "--progress"):
            assert option in text, (words, option)
        assert "<bool>" not in text, words  # flags shown as flags


def test_claims_from_stdin_need_and_take_a_format(tmp_path: Path, ledger: Path) -> None:
    lines = GAZA_CLAIMS.read_bytes()
    refused = truce("--db", str(ledger), "import", "-", "--json", cwd=tmp_path, stdin=lines)
    assert refused.returncode == 1 and one_json_error(refused)["code"] == "C110"
    fresh = tmp_path / "fresh.db"
    for args in (["init"], ["agreement", "add", str(GAZA)]):
        assert truce("--db", str(fresh), *args, cwd=tmp_path).returncode == 0
    # CSV from stdin, as a pipe from another tool would give it
    as_csv = truce("--db", str(ledger), "export", "-f", "csv", "--out", "-", cwd=tmp_path).stdout
    done = truce(
        "import", "-", "-f", "csv", "--db", str(fresh), "--json", cwd=tmp_path, stdin=as_csv
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == CLAIMS


def test_a_file_named_oddly_is_read_with_format(tmp_path: Path, ledger: Path) -> None:
    odd = tmp_path / "claims.txt"
    odd.write_bytes(GAZA_CLAIMS.read_bytes())
    unknown = truce("--db", str(ledger), "import", str(odd), cwd=tmp_path)
    assert unknown.returncode == 1
    assert b"[I105]" in unknown.stderr and b"-f csv" in unknown.stderr  # an option that exists
    named = truce("--db", str(ledger), "import", str(odd), "-f", "jsonl", cwd=tmp_path)
    assert named.returncode == 0 and f"0 claim(s), {CLAIMS} already".encode() in named.stdout


def test_stdout_takes_every_format(tmp_path: Path, ledger: Path) -> None:
    plain = truce("--db", str(ledger), "export", cwd=tmp_path).stdout
    dash = truce("--db", str(ledger), "export", "--out", "-", cwd=tmp_path).stdout
    assert plain == dash and len(plain.splitlines()) == CLAIMS
    rows = list(csv.DictReader(io.StringIO(truce("--db", str(ledger), "export", "-f", "csv",
                                                  cwd=tmp_path).stdout.decode())))  # fmt: skip
    assert len(rows) == CLAIMS
    piped = truce("--db", str(ledger), "export", "-f", "parquet", cwd=tmp_path)
    assert piped.returncode == 0 and piped.stderr == b""
    assert pq.read_table(pa.BufferReader(piped.stdout)).num_rows == CLAIMS


def test_json_errors_are_one_object_on_stderr(tmp_path: Path, ledger: Path) -> None:
    cases = [
        (["status", "nowhere", "--json"], "L101"),  # the command's own --json
        (["--json", "status", "nowhere"], "L101"),  # the global one
        (["timeline", "nowhere", "--json"], "L101"),
        (["record", "-a", "gaza-2023-11", "-t", "release", "-d", "yesterday", "--json"], None),
        (["status", "--no-such-option", "--json"], "C111"),  # a usage error, exit status 2
        (["import", str(tmp_path / "missing.jsonl"), "--json"], None),
    ]
    for args, code in cases:
        done = truce("--db", str(ledger), *args, cwd=tmp_path)
        assert done.returncode in (1, 2), args
        error = one_json_error(done)
        assert code is None or error["code"] == code, (args, error)
    spec = tmp_path / "bad.yaml"
    spec.write_text("id: x\n", encoding="utf-8")
    bad = truce("agreement", "add", str(spec), "--db", str(ledger), "--json", cwd=tmp_path)
    assert bad.returncode == 1 and one_json_error(bad)["details"]


def test_json_results_parse(tmp_path: Path, ledger: Path) -> None:
    for args in (["init"], ["verify"], ["agreement", "list"], ["timeline", "gaza-2023-11"],
                 ["status", "gaza-2023-11", "--at", "2023-11-30T12:00"], ["review", "list"],
                 ["user", "list"], ["import", str(GAZA_CLAIMS)]):  # fmt: skip
        done = truce(*args, "--db", str(ledger), "--json", cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)
        json.loads(done.stdout)


def test_db_after_the_command_is_the_same_ledger(tmp_path: Path, ledger: Path) -> None:
    at = ["--at", "2023-11-30T12:00"]
    before = truce("--db", str(ledger), "status", "gaza-2023-11", *at, "--json", cwd=tmp_path)
    after = truce("status", "gaza-2023-11", *at, "--json", "--db", str(ledger), cwd=tmp_path)
    assert before.returncode == after.returncode == 0 and before.stdout == after.stdout


@pytest.mark.parametrize(
    "args",
    [["export"], ["--json", "export"], ["--json", "status", "gaza-2023-11"],
     ["timeline", "gaza-2023-11"], ["export", "-f", "csv"]],
)  # fmt: skip
def test_a_reader_that_went_away_gets_no_traceback(
    tmp_path: Path, ledger: Path, args: list[str]
) -> None:
    """`truce export | head -1`: the reader closes the pipe; truce stops quietly."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    try:
        done = subprocess.run(
            [sys.executable, "-m", "truce", "--db", str(ledger), *args], cwd=tmp_path,
            stdout=write_end, stderr=subprocess.PIPE, env=truce_env(), timeout=300,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr
    assert done.stderr == b"" and done.returncode != 0  # nothing was delivered: not a success


def test_progress_only_when_asked_on_a_pipe(tmp_path: Path, ledger: Path) -> None:
    out = ["--out", str(tmp_path / "x.jsonl")]
    quiet = truce("--db", str(ledger), "export", *out, cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == b""  # stderr is a pipe: no bar, no lines
    shown = truce("--db", str(ledger), "export", *out, "--progress", cwd=tmp_path)
    assert shown.stderr.decode().splitlines()[-1] == f"exporting claims: {CLAIMS}/{CLAIMS}"
    hushed = truce("--db", str(ledger), "--quiet", "export", *out, "--progress", cwd=tmp_path)
    assert hushed.stderr == b""
    timeline = truce("--db", str(ledger), "timeline", "gaza-2023-11", "--progress", cwd=tmp_path)
    assert "building the timeline:" in timeline.stderr.decode()


def test_demo_at_80_columns_cuts_nothing_and_explains_its_terms(tmp_path: Path) -> None:
    done = truce("demo", cwd=tmp_path, COLUMNS="80")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    timeline = text.split("Timeline of gaza-2023-11", 1)[1].split("verify:", 1)[0]
    assert "…" not in text  # no cell cut short, in the status tables either
    assert all(len(line) <= 80 for line in timeline.splitlines())
    for word in ("release", "hamas", "hostages", "ceasefire", "extension", "confirmed"):
        assert f" {word} " in timeline or f" {word}\n" in timeline, word
    assert "no_record: " in text and "earned by the rule: " in text
    assert text.count("no_record: ") == 1  # explained once, where it first appears


def test_the_demos_hint_runs_from_where_the_user_is(tmp_path: Path) -> None:
    done = truce("demo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (hint,) = [line for line in done.stdout.decode().splitlines() if line.startswith("Try: ")]
    command = shlex.split(hint.removeprefix("Try: "))
    followed = subprocess.run(
        command, cwd=tmp_path, capture_output=True, env=truce_env(), timeout=300
    )
    assert followed.returncode == 0, followed.stderr
    assert json.loads(followed.stdout)["day"] == 7

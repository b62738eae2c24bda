"""Killing `truce batch` mid-run (SIGKILL to the command and its worker processes, as a crash
or a lost machine would) and running it again gives exactly the files of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from truce.cli.app import app

REPORTS = Path(__file__).resolve().parent / "reports"


def corpus(folder: Path) -> Path:
    """240 wire stories in JSON Lines: the test reports with their figures and outlets varied."""
    texts = [p.read_text() for p in sorted(REPORTS.glob("*.txt"))]
    lines = []
    for n in range(240):
        text = texts[n % len(texts)].replace("eight", str(2 + n % 9)).replace("10", str(10 + n))
        lines.append(
            json.dumps(
                {
                    "text": text,
                    "url": f"https://example.org/story/{n}",
                    "published": "2023-11-30",
                    "outlet": f"Outlet {n % 7}",
                }
            )
        )
    path = folder / "stories.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_killed_batch_resumes_to_the_output_of_an_uninterrupted_run(
    tmp_path: Path, scheduler: str
) -> None:
    stories = corpus(tmp_path)
    args = [str(stories), "--partition-size", "4", "--json"]
    whole = CliRunner().invoke(
        app, ["batch", *args, "--out", str(tmp_path / "whole"), "--scheduler", scheduler]
    )
    assert whole.exit_code == 0, whole.output
    total = json.loads(whole.stdout)["partitions"]

    out = tmp_path / "killed"
    command = [sys.executable, "-m", "truce", "batch", *args, "--out", str(out), "--workers", "2"]
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    done: list[Path] = []
    deadline = time.monotonic() + 120
    while len(done) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
        done = list((out / "documents").glob("part-*.parquet"))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = len(list((out / "documents").glob("part-*.parquet")))
    assert 3 <= finished < total, "the kill must land after some partitions and before the end"
    assert not (out / "events.parquet").exists()

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["resumed_partitions"] == finished
    assert files(out) == files(tmp_path / "whole")

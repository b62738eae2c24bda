"""The collector's pace in the processes that judge a long record (`truce.collector`): set by
`truce status` (and `truce serve`), never below what the process was given, never switched on."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import GAZA, GAZA_CLAIMS, truce_env
from truce.collector import YOUNG, pace_for_long_records


@pytest.fixture(autouse=True)
def restored() -> Iterator[None]:
    before = gc.get_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*before)


def test_the_youngest_are_collected_every_young_allocations_the_rest_as_set() -> None:
    gc.set_threshold(700, 10, 10)
    pace_for_long_records()
    assert gc.get_threshold() == (YOUNG, 10, 10)
    gc.set_threshold(10 * YOUNG, 3, 4)  # a process told to collect even less often: left so
    pace_for_long_records()
    assert gc.get_threshold() == (10 * YOUNG, 3, 4)
    gc.set_threshold(0, 10, 10)  # the collector switched off: not switched back on
    pace_for_long_records()
    assert gc.get_threshold() == (0, 10, 10)


PROBE = """
import gc, sys
from truce.cli.entry import main
sys.argv = ["truce", *sys.argv[1:]]
try:
    main()
finally:
    print("THRESHOLD", gc.get_threshold()[0], file=sys.stderr)
"""


def test_truce_status_as_a_process_runs_at_that_pace(tmp_path: Path) -> None:
    db = str(tmp_path / "truce.db")
    env = truce_env()

    def truce(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", PROBE, "--db", db, *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True)

    truce("init")
    truce("agreement", "add", str(GAZA))
    truce("import", str(GAZA_CLAIMS))
    assert f"THRESHOLD {_fresh_threshold()}" in truce("import", "--help").stderr  # as it was
    done = truce("status", "gaza-2023-11", "--json", "--at", "2023-11-27T12:00")
    assert json.loads(done.stdout)["agreement"] == "gaza-2023-11"
    assert f"THRESHOLD {YOUNG}" in done.stderr


def _fresh_threshold() -> int:
    """The youngest generation's threshold of a fresh interpreter (this one's may have been
    paced by a `truce status` run in process)."""
    probe = "import gc; print(gc.get_threshold()[0])"
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return int(found.stdout)

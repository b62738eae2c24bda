"""From a corpus to the engine's disputes: `truce batch --agreement --ingest` queues the merged
day-7 event (twice adds nothing); accepting both readings gives two claims of one event, and
`truce status` then shows the dispute with both readings, their sources and the verdicts that
flip between them. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner, Result

from truce.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
CLAIMS = ROOT / "examples" / "claims" / "gaza-2023-11.jsonl"


def test_batch_ingest_twice_then_accept_gives_the_engine_dispute(
    tmp_path: Path, ledger_url: str, scheduler: str, make_corpus: Callable[[Path], Path]
) -> None:
    db = ledger_url  # a SQLite file, then a fresh PostgreSQL database

    def run(*args: str) -> Result:
        return CliRunner().invoke(app, ["--db", db, *args])

    assert run("init").exit_code == 0
    assert run("agreement", "add", str(GAZA)).exit_code == 0
    # The example record without its own day-7 claims: the batch brings them.
    record = tmp_path / "record.jsonl"
    lines = CLAIMS.read_text().splitlines()
    record.write_text("\n".join(x for x in lines if '"d7-hostages"' not in x) + "\n")
    assert run("import", str(record)).exit_code == 0

    corpus = make_corpus(tmp_path)
    batch = ["batch", str(corpus), "--out", str(tmp_path / "out"), "--scheduler", scheduler,
             "--agreement", "gaza-2023-11", "--ingest", "--json"]  # fmt: skip
    first = run(*batch)
    assert first.exit_code == 3, first.output  # partial: the corpus holds bad documents on purpose
    queued = json.loads(first.stdout)["ingest"]
    assert queued["events"] == json.loads(first.stdout)["events"] > 0
    again = json.loads(run(*batch).stdout)["ingest"]
    assert again == {"events": 0, "skipped": queued["events"], "candidates": 0, "extended": 0,
                     "disputing": 0}  # fmt: skip

    pending = json.loads(run("review", "list", "--json").stdout)
    assert len(pending) == queued["candidates"]
    day7 = [
        c
        for c in pending
        if c["candidate"]["type"] == "release"
        and c["candidate"]["actor"] == "hamas"
        and c["candidate"]["date"] == "2023-11-30"
    ]
    assert sorted(c["candidate"]["quantities"][0]["value"] for c in day7) == [8, 10]
    assert len({c["candidate"]["event_id"] for c in day7}) == 1
    for candidate in day7:
        accepted = run("review", "accept", candidate["id"])
        assert accepted.exit_code == 0, accepted.output

    status = json.loads(run("status", "gaza-2023-11", "--at", "2023-12-01T06:00", "--json").stdout)
    disputes = [d for d in status["disputes"] if d["event_id"] == day7[0]["candidate"]["event_id"]]
    assert len(disputes) == 1
    readings = {r["quantity"]: r for r in disputes[0]["readings"]}
    assert set(readings) == {8, 10} and readings[8]["leading"]
    assert any("Harbour Wire Service" in s for s in readings[8]["sources"])
    assert any("Valley Courier" in s for s in readings[8]["sources"])
    assert any("Jerusalem Ledger" in s for s in readings[10]["sources"])
    # Eight misses the daily quota of ten, ten meets it: the verdict depends on the reading.
    assert disputes[0]["verdict_differs"]
    flipped = {v["id"] for v in disputes[0]["verdicts"]}
    assert any("daily-hostages" in key for key in flipped)

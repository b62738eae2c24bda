"""PLOVER/CAMEO codes and confidence in what a batch writes, and on through `--ingest`, a rule's
acceptance and the ledger's exports (CSV, JSON Lines, Parquet); on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]
from typer.testing import CliRunner, Result

from truce.cli.app import app
from truce.domain.event_codes import codes_for

ROOT = Path(__file__).resolve().parents[2]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"


def test_batch_parquet_and_exports_carry_the_codes(
    tmp_path: Path, ledger_url: str, scheduler: str, make_corpus: Callable[[Path], Path]
) -> None:
    def run(*args: str) -> Result:
        return CliRunner().invoke(app, ["--db", ledger_url, *args])

    assert run("init").exit_code == 0
    assert run("agreement", "add", str(GAZA)).exit_code == 0
    out = tmp_path / "out"
    batch = run("batch", str(make_corpus(tmp_path)), "--out", str(out), "--scheduler", scheduler,
                "--agreement", "gaza-2023-11", "--ingest", "--auto-accept-above", "0.01",
                "--json")  # fmt: skip
    assert batch.exit_code == 3, batch.output  # partial: the corpus holds bad documents

    candidates = pq.read_table(out / "candidates").to_pylist()
    assert candidates
    for row in candidates:
        assert (row["plover"], row["cameo"]) == codes_for(row["type"])
        assert json.loads(row["payload"])["plover"]["event"] == row["plover"]
    events = pq.read_table(out / "events.parquet").to_pylist()
    types = {e["type"] for e in events}
    assert {"release"} <= types
    for event in events:
        assert (event["plover"], event["cameo"]) == codes_for(event["type"])
        assert 0 < event["confidence"] <= 1

    # --auto-accept-above took what it could of the batch's candidates, as the rule.
    ruled = json.loads(batch.stdout)["ingest"]["auto_accept"]
    assert ruled["rule"] == "rule:auto-accept>=0.01" and ruled["accepted"]

    exported = tmp_path / "claims"
    for fmt in ("jsonl", "csv", "parquet"):
        done = run("export", "--agreement", "gaza-2023-11", "--format", fmt,
                   "--out", str(exported.with_suffix(f".{fmt}")))  # fmt: skip
        assert done.exit_code == 0, done.output
    lines = [json.loads(x) for x in exported.with_suffix(".jsonl").read_text().splitlines()]
    ours = {c["id"]: c for c in lines if c["recorded_by"] == "rule:auto-accept>=0.01"}
    assert len(ours) == len(ruled["accepted"])
    for claim in ours.values():
        assert (claim["extra"]["plover"], claim["extra"]["cameo"]) == codes_for(claim["type"])
    with exported.with_suffix(".csv").open(newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    parquet = {r["id"]: r for r in pq.read_table(exported.with_suffix(".parquet")).to_pylist()}
    for claim_id, claim in ours.items():
        plover, cameo = codes_for(claim["type"])
        assert (rows[claim_id]["plover"], rows[claim_id]["cameo"]) == (plover or "", cameo or "")
        assert (parquet[claim_id]["plover"], parquet[claim_id]["cameo"]) == (plover, cameo)

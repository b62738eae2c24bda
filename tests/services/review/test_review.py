"""Ingest and review end to end through the CLI, on real ledger files and on PostgreSQL."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from truce.cli.app import app

ROOT = Path(__file__).resolve().parents[3]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
SEED = ROOT / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"


@pytest.fixture
def truce(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "truce.db")

    def run(*args: str, target: str | None = None) -> Result:
        return CliRunner().invoke(app, ["--db", target or db, *args])

    assert run("init").exit_code == 0
    assert run("agreement", "add", str(GAZA)).exit_code == 0
    return run


def seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_suffix(".meta.json"), folder / SEED.with_suffix(".meta.json").name)
    return folder


def pending(run) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    result = run("review", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_queues_candidates_once(truce, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = seed_copy(tmp_path)
    first = truce("ingest", str(folder), "--agreement", "gaza-2023-11")
    assert first.exit_code == 0, first.output
    assert "1 document(s) ingested" in first.stdout
    queued = pending(truce)
    assert queued, "the seed gives candidates"
    again = truce("ingest", str(folder), "--agreement", "gaza-2023-11")
    assert "0 document(s) ingested" in again.stdout and "1 already ingested" in again.stdout
    assert len(pending(truce)) == len(queued)


def test_accept_makes_a_sourced_claim(truce, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    truce("ingest", str(seed_copy(tmp_path)), "--agreement", "gaza-2023-11")
    release = next(
        c
        for c in pending(truce)
        if c["candidate"]["type"] == "release"
        and any(q["value"] == 150 for q in c["candidate"]["quantities"])
    )
    result = truce("review", "accept", release["id"], "--set", "date=2023-11-27", "--by", "analyst")
    assert result.exit_code == 0, result.output
    claim_id = result.stdout.split()[-1]
    rows = json.loads(truce("timeline", "gaza-2023-11", "--json").stdout)
    (row,) = [r for r in rows if claim_id in r["claims"]]
    assert (row["type"], row["quantity"], row["subject"]) == ("release", 150, "prisoners")
    exported = [json.loads(line) for line in truce("export").stdout.splitlines()]
    (claim,) = [c for c in exported if c["id"] == claim_id]
    assert claim["recorded_by"] == "analyst"
    assert claim["extra"]["candidate"] == release["candidate"]["id"]
    assert claim["extra"]["span"] == release["candidate"]["span"]
    # Decided once: a second decision is refused, and nothing is written twice.
    twice = truce("review", "reject", release["id"])
    assert twice.exit_code == 1 and "[R102]" in twice.stderr
    assert json.loads(truce("verify", "--json").stdout)["ok"]


def test_edit_reject_and_bad_edits(truce, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    truce("ingest", str(seed_copy(tmp_path)), "--agreement", "gaza-2023-11")
    first, second = pending(truce)[:2]
    assert truce("review", "edit", first["id"], "--set", "actor=hamas").exit_code == 0
    shown = json.loads(truce("review", "show", first["id"]).stdout)
    assert shown["candidate"]["actor"] == "hamas" and shown["status"] == "pending"
    bad = truce("review", "edit", first["id"], "--set", "quantity=many")
    assert bad.exit_code == 1 and "[R103]" in bad.stderr
    unknown = truce("review", "edit", first["id"], "--set", "agreement=other")
    assert unknown.exit_code == 1 and "cannot edit agreement" in unknown.stderr
    assert truce("review", "reject", second["id"], "--reason", "duplicate").exit_code == 0
    rejected = json.loads(truce("review", "list", "--status", "rejected", "--json").stdout)
    assert [r["id"] for r in rejected] == [second["id"]]
    missing = truce("review", "accept", "no-such-candidate")
    assert missing.exit_code == 1 and "[R101]" in missing.stderr


def test_ingest_reports_bad_documents_and_goes_on(truce, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = seed_copy(tmp_path)
    (folder / "binary.txt").write_bytes(b"\x00\xff" * 500)
    (folder / "empty.txt").write_text("")
    result = truce("ingest", str(folder), "--agreement", "gaza-2023-11")
    assert result.exit_code == 3  # partial
    assert "1 document(s) ingested" in result.stdout
    assert "2 could not be read" in result.stdout


def test_review_on_postgresql(truce, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert truce("init", target=pg_url).exit_code == 0
    assert truce("agreement", "add", str(GAZA), target=pg_url).exit_code == 0
    result = truce("ingest", str(seed_copy(tmp_path)), "--agreement", "gaza-2023-11", target=pg_url)
    assert result.exit_code == 0, result.output
    queued = json.loads(truce("review", "list", "--json", target=pg_url).stdout)
    accepted = truce("review", "accept", queued[0]["id"], "--set", "date=2023-11-28", target=pg_url)
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(truce("verify", "--json", target=pg_url).stdout)["ok"]


def test_an_accepted_candidate_keeps_its_resolved_place_into_the_export(  # type: ignore[no-untyped-def]
    truce, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = "Israel accused Hamas of firing rockets from Khan Yunis on Monday, breaching the truce."
    (folder / "wire.txt").write_text(text, encoding="utf-8")
    meta = {"url": None, "published": "2023-11-28", "outlet": "Wire"}
    (folder / "wire.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert truce("ingest", str(folder), "--agreement", "gaza-2023-11").exit_code == 0
    breach = next(c for c in pending(truce) if c["candidate"]["type"] == "breach")
    assert breach["candidate"]["place"]["country"] == "PSE"
    result = truce("review", "accept", breach["id"], "--by", "analyst")
    assert result.exit_code == 0, result.output
    claim_id = result.stdout.split()[-1]
    exported = [json.loads(line) for line in truce("export").stdout.splitlines()]
    (claim,) = [c for c in exported if c["id"] == claim_id]
    assert claim["location"] == "Khan Yunis"
    assert claim["extra"]["place"]["name"] == "Khān Yūnis"
    assert claim["extra"]["place"]["geo_precision"] == 1
    out = tmp_path / "claims.csv"
    assert truce("export", "--format", "csv", "--out", str(out)).exit_code == 0

    (row,) = [r for r in csv.DictReader(out.open(encoding="utf-8")) if r["id"] == claim_id]
    assert (row["country"], row["admin1"], row["geo_precision"]) == ("PSE", "PS.GZ", "1")
    assert round(float(row["lat"]), 2) == 31.34 and round(float(row["lon"]), 2) == 34.31


def test_a_candidate_carries_its_own_words_and_its_sentence_into_the_claim(  # type: ignore[no-untyped-def]
    truce, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = (
        "The truce held overnight.\n\nHamas freed 14 hostages on Monday, while Israel "
        "released 41 prisoners on Tuesday."
    )
    (folder / "wire.txt").write_text(text, encoding="utf-8")
    meta = {"url": None, "published": "2023-11-28", "outlet": "Wire"}
    (folder / "wire.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert truce("ingest", str(folder), "--agreement", "gaza-2023-11").exit_code == 0
    (item,) = [
        c
        for c in pending(truce)
        if c["candidate"]["type"] == "release" and c["candidate"]["actor"] == "israel"
    ]
    candidate = item["candidate"]
    start, end = candidate["span"]
    assert text[start:end] == "while Israel released 41 prisoners on Tuesday."
    # The reviewer judges from the whole sentence; the span marks the candidate's words in it.
    lo, hi = candidate["sentence_span"]
    assert text[lo:hi].strip() == text[text.index("Hamas freed") :]
    assert candidate["evidence"] == text[lo:hi]
    result = truce("review", "accept", item["id"], "--by", "analyst")
    assert result.exit_code == 0, result.output
    claim_id = result.stdout.split()[-1]
    exported = [json.loads(line) for line in truce("export").stdout.splitlines()]
    (claim,) = [c for c in exported if c["id"] == claim_id]
    assert claim["extra"]["span"] == [start, end]
    assert claim["extra"]["sentence_span"] == [lo, hi]

"""One event across runs: a second `truce batch --ingest` over a corpus that overlaps the first
queues no mention twice, adds its new sources and readings under the event already recorded, and
a figure that contradicts the recorded one becomes a dispute in `truce status`. `truce ingest`
and `truce batch --ingest` share one notion of "already queued". On SQLite and PostgreSQL, the
commands run through the CLI on real files."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from truce.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
REPORTS = Path(__file__).resolve().parent / "reports"
Run = Callable[..., Result]


@pytest.fixture
def run(ledger_url: str) -> Run:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(app, ["--db", ledger_url, *args])

    assert invoke("init").exit_code == 0
    assert invoke("agreement", "add", str(GAZA)).exit_code == 0
    return invoke


def corpus(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(REPORTS / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def batch(run: Run, folder: Path, out: Path, scheduler: str) -> dict[str, Any]:
    result = run("batch", str(folder), "--out", str(out), "--scheduler", scheduler,
                 "--agreement", "gaza-2023-11", "--ingest", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["ingest"]  # type: ignore[no-any-return]


def queue(run: Run) -> list[dict[str, Any]]:
    return json.loads(run("review", "list", "--json").stdout)  # type: ignore[no-any-return]


def day7(candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in candidates if c["candidate"]["type"] == "release"
            and c["candidate"]["actor"] == "hamas"
            and c["candidate"]["date"] == "2023-11-30"]  # fmt: skip


def mentions(candidates: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Each queued candidate as the documents it was queued for (a batch reading's sources, or
    the one document `truce ingest` read), by file name."""
    found = []
    for c in candidates:
        batch_record = c["candidate"].get("batch")
        names = batch_record["documents"] if batch_record else [c["candidate"]["document"]]
        found.append(tuple(sorted(Path(n).name for n in names)))
    return found


def dispute_of(run: Run, event_id: str) -> list[dict[str, Any]]:
    status = json.loads(run("status", "gaza-2023-11", "--at", "2023-12-02T06:00", "--json").stdout)
    return [d for d in status["disputes"] if d["event_id"] == event_id]


def test_a_second_run_extends_the_recorded_event_and_its_new_figure_is_a_dispute(
    tmp_path: Path, run: Run, scheduler: str
) -> None:
    first = batch(run, corpus(tmp_path / "c1", "harbour-wire-day7"), tmp_path / "o1", scheduler)
    assert first["events"] > 0 and first["extended"] == 0
    (recorded,) = day7(queue(run))
    assert recorded["candidate"]["quantities"][0]["value"] == 8
    event_id = recorded["candidate"]["event_id"]
    assert run("review", "accept", recorded["id"]).exit_code == 0
    before = queue(run)

    # The next day's crawl: the same wire story again, a second outlet's 8 and Israel's 10.
    names = ("harbour-wire-day7", "valley-courier-day7", "jerusalem-ledger-day7")
    second = batch(run, corpus(tmp_path / "c2", *names), tmp_path / "o2", scheduler)
    assert second["extended"] >= 1 and second["disputing"] >= 1
    # The wire story's events are all known: none is queued again, whatever else it told.
    added = [c for c in queue(run) if c["id"] not in {b["id"] for b in before}]
    assert not [m for m in mentions(added) if m == ("harbour-wire-day7.txt",)]

    new = day7(added)
    assert {c["candidate"]["event_id"] for c in new} == {event_id}  # no second event
    by_figure = {c["candidate"]["quantities"][0]["value"]: c["candidate"] for c in new}
    assert set(by_figure) == {8, 10}
    # The 8 again is the recorded reading with a source more (the other outlet).
    assert "valley-courier-day7.txt" in mentions([{"candidate": by_figure[8]}])[0]
    ten = by_figure[10]["match"]
    assert ten["event_id"] == event_id and ten["disputed"] is True
    assert [r["figure"] for r in ten["recorded"]] == [8]

    assert dispute_of(run, event_id) == []  # a dispute needs both figures recorded
    ten_id = next(c["id"] for c in new if c["candidate"]["quantities"][0]["value"] == 10)
    assert run("review", "accept", ten_id).exit_code == 0
    (dispute,) = dispute_of(run, event_id)
    assert {r["quantity"] for r in dispute["readings"]} == {8, 10}

    # A third run over the second corpus queues nothing: every mention is known.
    third = batch(run, corpus(tmp_path / "c3", *names), tmp_path / "o3", scheduler)
    assert third["events"] == 0 and third["candidates"] == 0


def _report(folder: Path, name: str, text: str, outlet: str, published: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text)
    meta = {"url": f"https://example.org/{name}", "published": published, "outlet": outlet}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta))
    return folder / f"{name}.txt"


NORTHGATE = (
    "GAZA, Nov 24 (Northgate Post) - Hamas released 13 hostages on Friday, the Israeli military "
    "said, on the first day of the truce."
)
GULF = (
    "DOHA, Nov 25 (Gulf Evening Star) - At least 10 hostages were released by Hamas on Friday, "
    "the first day of the truce, Qatar's foreign ministry said."
)
MERIDIAN = (
    "GAZA, Nov 25 (Meridian Wire) - Hamas freed eight hostages on Friday, the first day of the "
    "truce, a Hamas official said."
)


def test_ingest_matches_recorded_events_and_disputes_by_the_interval_rule(
    tmp_path: Path, run: Run
) -> None:
    """Invented reports of the first day: 13 recorded; "at least 10" agrees with it, 8 does not."""
    thirteen = _report(tmp_path, "northgate", NORTHGATE, "Northgate Post", "2023-11-24")
    at_least = _report(tmp_path, "gulf", GULF, "Gulf Evening Star", "2023-11-25")
    eight = _report(tmp_path, "meridian", MERIDIAN, "Meridian Wire", "2023-11-25")

    def ingest(path: Path) -> dict[str, Any]:
        assert run("ingest", str(path), "--agreement", "gaza-2023-11").exit_code == 0
        (found,) = [c for c in queue(run) if c["candidate"]["document"] == path.name]
        return found

    first = ingest(thirteen)
    event_id = first["candidate"]["event_id"]
    assert event_id and "match" not in first["candidate"]
    assert run("review", "accept", first["id"]).exit_code == 0

    agrees = ingest(at_least)
    assert agrees["candidate"]["event_id"] == event_id
    assert agrees["candidate"]["match"]["disputed"] is False
    assert run("review", "accept", agrees["id"]).exit_code == 0
    assert dispute_of(run, event_id) == []  # "at least 10" and "13" can both be true

    contradicts = ingest(eight)
    assert contradicts["candidate"]["event_id"] == event_id
    assert contradicts["candidate"]["match"]["disputed"] is True
    assert run("review", "accept", contradicts["id"]).exit_code == 0
    (dispute,) = dispute_of(run, event_id)
    assert {r["quantity"] for r in dispute["readings"]} == {8, 10, 13}


def test_ingest_then_batch_ingest_queues_a_document_once(
    tmp_path: Path, run: Run, scheduler: str
) -> None:
    folder = corpus(tmp_path / "c", "harbour-wire-day7")
    ingested = run("ingest", str(folder / "harbour-wire-day7.txt"), "--agreement", "gaza-2023-11")
    assert ingested.exit_code == 0, ingested.output
    before = queue(run)
    assert before
    queued = batch(run, folder, tmp_path / "o", scheduler)
    assert queued["events"] == 0 and queued["candidates"] == 0 and queued["skipped"] > 0
    assert queue(run) == before


def test_batch_ingest_then_ingest_queues_a_document_once(
    tmp_path: Path, run: Run, scheduler: str
) -> None:
    folder = corpus(tmp_path / "c", "harbour-wire-day7")
    assert batch(run, folder, tmp_path / "o", scheduler)["candidates"] > 0
    before = queue(run)
    ingested = run("ingest", str(folder / "harbour-wire-day7.txt"), "--agreement", "gaza-2023-11")
    assert ingested.exit_code == 0, ingested.output
    assert "0 candidate(s) queued, 1 already" in ingested.stdout
    assert queue(run) == before

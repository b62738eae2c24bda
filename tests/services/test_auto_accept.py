"""`--auto-accept-above`: candidates at or above a confidence accepted by the rule, recorded
with the rule and its threshold, reversible like any acceptance; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import gaza_spec
from truce import services
from truce.cli.app import app
from truce.services.auto_accept import AutoAcceptThreshold, auto_accept, threshold
from truce.storage.ledger import Ledger
from truce.storage.review_rows import ReviewQueue

DOCUMENT = {"hash": "a" * 64, "name": "wire.txt", "url": "https://example.org/wire",
            "outlet": "AFP", "published": "2023-11-25"}  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"


def candidate(n: int, confidence: float | None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"c{n}",
        "type": "release",
        "modality": "occurred",
        "date": "2023-11-25",
        "date_precision": "day",
        "actor": "hamas",
        "quantities": [{"value": 10 + n, "qualifier": "exact", "unit": "hostages"}],
        "source": {"speaker": None, "role": None, "anonymous": False, "via": None},
        "span": [0, 10],
        "confidence": confidence,
    }
    return data | changes


def queued(url: str, found: list[dict[str, Any]]) -> tuple[Ledger, list[str]]:
    ledger = Ledger.init(url)
    ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = ReviewQueue(ledger.engine).add_document(DOCUMENT, "gaza-2023-11", found, "ana")
    assert ids is not None
    return ledger, ids


@pytest.mark.parametrize("bad", [0, -0.1, 1.01, float("nan"), float("inf"), "high"])
def test_a_threshold_outside_0_1_is_refused(bad: Any) -> None:
    with pytest.raises(AutoAcceptThreshold) as raised:
        threshold(bad)
    assert raised.value.code == "R200"


def test_the_rule_accepts_at_or_above_and_records_itself(ledger_url: str) -> None:
    found = [candidate(1, 0.9), candidate(2, 0.97), candidate(3, 0.95), candidate(4, None),
             candidate(5, 0.99, quantities=[{"value": 2.5, "qualifier": "exact",
                                              "unit": "hostages"}])]  # fmt: skip
    ledger, ids = queued(ledger_url, found)
    try:
        ruled = auto_accept(ledger, 0.95, "lead", agreement="gaza-2023-11")
        assert ruled.rule == "rule:auto-accept>=0.95"
        # Most confident first; the one whose figure is no whole number stays for a person.
        assert [c for c, _ in ruled.accepted] == [ids[1], ids[2]]
        assert [(c, code) for c, code, _ in ruled.left] == [(ids[4], "R301")]
        queue = ReviewQueue(ledger.engine)
        statuses = {q.id: q.status for q in queue.list("gaza-2023-11")}
        assert statuses == {ids[0]: "pending", ids[1]: "accepted", ids[2]: "accepted",
                            ids[3]: "pending", ids[4]: "pending"}  # fmt: skip
        decided = queue.get(ids[1])
        assert decided.decided_by == "rule:auto-accept>=0.95"
        assert decided.reason == "confidence 0.97 >= 0.95; rule run by lead"
        claim = ledger.claim(decided.claim_id or "")
        assert claim.recorded_by == "rule:auto-accept>=0.95"
        assert (claim.extra["plover"], claim.extra["cameo"]) == ("RETREAT", "0841")
        # The decision is in the chained review log.
        assert ledger.verify().ok
        # Reversible like any acceptance: a correction supersedes the rule's claim.
        fields = claim.as_dict() | {"quantity": 11, "status": "retracted"}
        for key in ("id", "recorded_by", "supersedes"):
            fields.pop(key, None)
        services.supersede(ledger, claim.id, fields, "lead")
        latest = [c for c in ledger.claims("gaza-2023-11") if c.supersedes == claim.id]
        assert latest and latest[0].status.value == "retracted"
        # Run again: nothing left at the threshold that it can accept.
        assert auto_accept(ledger, 0.95, "lead").accepted == []
    finally:
        ledger.close()


def test_the_cli_refuses_a_bad_threshold_and_runs_the_rule(tmp_path: Path) -> None:
    db = str(tmp_path / "truce.db")
    ledger, ids = queued(db, [candidate(1, 0.5), candidate(2, 0.96)])
    ledger.close()
    runner = CliRunner()
    bad = runner.invoke(app, ["--db", db, "review", "auto-accept", "--above", "1.5"])
    assert bad.exit_code == 1 and "[R200]" in bad.stderr
    bad = runner.invoke(app, ["--db", db, "ingest", str(tmp_path), "-a", "gaza-2023-11",
                              "--auto-accept-above", "0"])  # fmt: skip
    assert bad.exit_code == 1 and "[R200]" in bad.stderr
    done = runner.invoke(app, ["--db", db, "review", "auto-accept", "--above", "0.95", "--by",
                               "lead", "--json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["rule"] == "rule:auto-accept>=0.95" and report["threshold"] == 0.95
    assert [a["candidate"] for a in report["accepted"]] == [ids[1]]
    shown = json.loads(runner.invoke(app, ["--db", db, "review", "show", ids[1]]).stdout)
    assert shown["status"] == "accepted" and shown["decided_by"] == "rule:auto-accept>=0.95"


def test_ingest_auto_accepts_only_what_it_queued(tmp_path: Path) -> None:
    db = str(tmp_path / "truce.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "init"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "agreement", "add", str(GAZA)]).exit_code == 0
    seed = ROOT / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"
    plain = runner.invoke(app, ["--db", db, "ingest", str(seed), "-a", "gaza-2023-11"])
    assert plain.exit_code == 0, plain.output
    rows = json.loads(runner.invoke(app, ["--db", db, "review", "list", "--json"]).stdout)
    top = max(r["candidate"]["confidence"] for r in rows)
    copy = tmp_path / "copy.txt"
    copy.write_text(seed.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    ruled = runner.invoke(app, ["--db", db, "ingest", str(copy), "-a", "gaza-2023-11",
                                "--published", "2023-11-28", "--auto-accept-above",
                                str(top)])  # fmt: skip
    assert ruled.exit_code == 0, ruled.output
    assert f"accepted by rule:auto-accept>={top:g}" in ruled.stdout
    after = json.loads(
        runner.invoke(app, ["--db", db, "review", "list", "--status", "all", "--json"]).stdout
    )
    accepted = [r for r in after if r["status"] == "accepted"]
    # Only the copy's candidates were the rule's to take; the first ingest's stay pending.
    assert accepted and all(r["id"] not in {x["id"] for x in rows} for r in accepted)
    assert all(r["decided_by"] == f"rule:auto-accept>={top:g}" for r in accepted)

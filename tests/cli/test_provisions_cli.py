"""A declared provision through the real `truce` process: the spec declares `deployment`, a
claim of it is recorded and the status verdict counts it; an undeclared type is refused (V520)
unless kept with --allow-unknown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SPEC = """\
id: litani-demo
title: Deployment south of the Litani (test)
timezone: Asia/Beirut
parties:
  - {id: israel}
  - {id: lebanon}
subjects:
  - {id: troops}
provisions:
  - id: deployment
    label: Deployment of the Lebanese Armed Forces south of the Litani
    pax_category: "Security sector: withdrawal of foreign forces"
    plover: MOBILIZE
    cameo: "0861"
phases:
  - id: withdrawal
    start: {at: "2024-11-27T04:00"}
    duration: {days: 60}
terms:
  - id: deploy-5000
    kind: quota
    phase: withdrawal
    party: lebanon
    subject: troops
    type: deployment
    at_least: 5000
    by: {day: 60}
"""


def _truce(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("TRUCE_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "truce", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_record_a_declared_provision_and_get_its_verdict(tmp_path: Path) -> None:
    db, spec = tmp_path / "t.db", tmp_path / "litani.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert _truce(db, "init").returncode == 0
    added = _truce(db, "agreement", "add", str(spec))
    assert added.returncode == 0, added.stderr

    record = ("record", "-a", "litani-demo", "-d", "2024-12-10", "--actor", "lebanon")
    pledge = _truce(db, *record, "-t", "statement", "--subject", "troops", "-q", "5000")
    assert pledge.returncode == 0, pledge.stderr
    first = json.loads(_truce(db, "status", "litani-demo", "--json", "--at", "2025-01-27").stdout)
    [quota] = [o for o in first["obligations"] if o["id"] == "deploy-5000"]
    # A pledge is words: nothing deployed, so the missed deadline has no record.
    assert (quota["delivered"], quota["status"]) == (0, "no_record")

    done = _truce(db, *record, "-t", "deployment", "--subject", "troops", "-q", "5000")
    assert done.returncode == 0, done.stderr
    after = json.loads(_truce(db, "status", "litani-demo", "--json", "--at", "2025-01-27").stdout)
    [quota] = [o for o in after["obligations"] if o["id"] == "deploy-5000"]
    assert (quota["delivered"], quota["status"]) == (5000, "met")
    timeline = json.loads(_truce(db, "timeline", "litani-demo", "--json").stdout)
    assert sorted(row["type"] for row in timeline) == ["deployment", "statement"]


def test_an_undeclared_type_is_refused_with_its_own_code(tmp_path: Path) -> None:
    db, spec = tmp_path / "t.db", tmp_path / "litani.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert _truce(db, "init").returncode == 0
    assert _truce(db, "agreement", "add", str(spec)).returncode == 0
    record = ("record", "-a", "litani-demo", "-d", "2024-12-10", "-t", "crossing-opened")
    refused = _truce(db, *record)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    text = " ".join(refused.stderr.split())
    assert text.startswith("[V520] type 'crossing-opened' is neither a built-in event type")
    assert "deployment" in text and "provisions:" in text
    kept = _truce(db, *record, "--allow-unknown")
    assert kept.returncode == 0, kept.stderr
    timeline = json.loads(_truce(db, "timeline", "litani-demo", "--json").stdout)
    assert [row["type"] for row in timeline] == ["crossing-opened"]
    assert timeline[0]["flags"][0].startswith("unchecked: type 'crossing-opened'")

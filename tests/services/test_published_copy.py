"""`truce publish`: the copy datasette serves holds the public record and none of the secrets,
and opens read-only; from a SQLite and a PostgreSQL ledger alike."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from truce import services
from truce.domain.claim_fields import BY_NAME
from truce.io.field_errors import PublishTarget
from truce.services.access import operator
from truce.services.claim_imports import import_claims
from truce.services.published_copy import TABLES, metadata_path, publish
from truce.storage import Ledger
from truce.storage.users import UserStore, token_hash

ROOT = Path(__file__).resolve().parents[2]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
GAZA_CLAIMS = ROOT / "examples" / "claims" / "gaza-2023-11.jsonl"


def filled(url: str) -> tuple[Ledger, str]:
    """A ledger with the Gaza agreement, its claims recorded by a user, and that user's token."""
    ledger = Ledger.init(url)
    services.add_agreement_file(ledger, GAZA, "admin")
    _, token = UserStore(ledger.engine).add("nadia-monitor", "admin", None)
    import_claims(ledger, GAZA_CLAIMS, operator("nadia-monitor"), "nadia-monitor")
    return ledger, token


def test_the_copy_holds_the_record_and_no_secret(ledger_url: str, tmp_path: Path) -> None:
    ledger, token = filled(ledger_url)
    out = tmp_path / "public.db"
    with ledger:
        done = publish(ledger, out)
        claims = ledger.claims("gaza-2023-11")
        obligations = services.status(ledger, "gaza-2023-11")["obligations"]
    raw = out.read_bytes()
    assert token_hash(token).encode() not in raw and token.encode() not in raw
    assert b"nadia-monitor" not in raw  # who recorded a claim is the team's, not the public's
    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == set(TABLES)  # no users, no entries, no review queue
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == len(claims) == done.claims
    assert db.execute("SELECT count(*) FROM verdicts").fetchone()[0] == len(obligations)
    met = db.execute("SELECT status, explanation FROM verdicts WHERE obligation = ?",
                     (obligations[0]["id"],)).fetchone()  # fmt: skip
    assert met == (obligations[0]["status"], obligations[0]["explanation"])
    head = db.execute("SELECT head, head_seq FROM agreements").fetchone()
    assert head[1] >= len(claims) and len(head[0]) == 64
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("INSERT INTO claims (id) VALUES ('forged')")
    db.close()
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert not list(tmp_path.glob("*.tmp")) and not Path(f"{out}-wal").exists()


def test_the_metadata_describes_the_copy_for_datasette(tmp_path: Path) -> None:
    ledger, _ = filled(str(tmp_path / "ledger.db"))
    out = tmp_path / "public.db"
    with ledger:
        publish(ledger, out)
    meta = json.loads(metadata_path(out).read_text(encoding="utf-8"))
    tables = meta["databases"]["public"]["tables"]
    assert set(tables) == set(TABLES)
    columns = tables["claims"]["columns"]
    assert set(columns) == set(TABLES["claims"])  # every column described, and no other
    for name, described in columns.items():
        if name in BY_NAME:  # a claim field: its description is the definition's help
            assert described == BY_NAME[name].help, name
        else:
            assert described, name
    assert "date_utc" in columns and columns["quantity"].startswith("how many")


def test_an_existing_copy_is_replaced_only_when_asked(tmp_path: Path) -> None:
    ledger, _ = filled(str(tmp_path / "ledger.db"))
    out = tmp_path / "public.db"
    with ledger:
        publish(ledger, out)
        with pytest.raises(PublishTarget) as refused:
            publish(ledger, out)
        assert refused.value.code == "I405"
        publish(ledger, out, force=True)  # over the read-only copy
        with pytest.raises(PublishTarget, match="the ledger itself"):
            publish(ledger, tmp_path / "ledger.db", force=True, ledger_file=tmp_path / "ledger.db")
    assert sqlite3.connect(tmp_path / "ledger.db").execute("SELECT count(*) FROM users").fetchone()


def test_publishing_while_another_process_imports(tmp_path: Path) -> None:
    """Copies taken while `truce import` appends in another process: each holds the import
    whole or not at all, and every claim in it is at or before the head it names."""
    url = str(tmp_path / "ledger.db")
    ledger, _ = filled(url)
    lines = [
        json.dumps({"agreement": "gaza-2023-11", "type": "statement", "actor": "qatar",
                    "date": "2023-11-26", "notes": f"bulletin {n}"})
        for n in range(3000)
    ]  # fmt: skip
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    writer = subprocess.Popen(
        [sys.executable, "-m", "truce", "--db", url, "import", str(bulk)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    copies = []
    with ledger:
        while writer.poll() is None or not copies:
            out = tmp_path / f"copy{len(copies)}.db"
            publish(ledger, out)
            copies.append(out)
    assert writer.wait(timeout=300) == 0, writer.stderr.read() if writer.stderr else ""
    seqs = dict(sqlite3.connect(url).execute("SELECT id, seq FROM claims").fetchall())
    for out in copies:
        db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
        head_seq = db.execute("SELECT max(head_seq) FROM agreements").fetchone()[0]
        ids = [r[0] for r in db.execute("SELECT id FROM claims")]
        assert all(seqs[i] <= head_seq for i in ids)
        assert len(ids) in (len(seqs) - 3000, len(seqs))  # never half an import
        db.close()

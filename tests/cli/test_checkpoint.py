"""`truce checkpoint` and `truce verify --against` / the head log, run for real on a ledger file
whose tail is then cut with the sqlite3 module."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.cli.conftest import Run


def cut_last_entry(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        (last,) = con.execute("SELECT max(seq) FROM entries").fetchone()
        # A clean cut: the claim's names for the lists go too, or verify's claim_terms check
        # (L190) would see them left behind.
        con.execute("DELETE FROM claim_terms WHERE seq = ?", (last,))
        con.execute("DELETE FROM claims WHERE seq = ?", (last,))
        con.execute("DELETE FROM entries WHERE seq = ?", (last,))
        con.commit()
    finally:
        con.close()


def keys(tmp_path: Path) -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    private, public = tmp_path / "mediator.pem", tmp_path / "mediator.pub.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


def test_a_cut_tail_passes_plain_verify_only_without_its_witnesses(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    db, point = tmp_path / "truce.db", tmp_path / "checkpoint.json"
    private, public = keys(tmp_path)
    taken = gaza_ledger("checkpoint", "--key", str(private), "--out", str(point))
    assert taken.exit_code == 0, taken.output
    written = json.loads(point.read_text())
    assert written["signature"]["algorithm"] == "ed25519"
    held = gaza_ledger("verify", "--against", str(point), "--signed-by", str(public))
    assert held.exit_code == 0, held.output
    assert f"checkpoint of {written['taken_at']}: entry {written['seq']}" in held.stdout

    cut_last_entry(db)
    assert gaza_ledger("verify").exit_code == 1  # the head log beside the file saw the cut
    (tmp_path / "truce.db.heads").rename(tmp_path / "elsewhere.heads")
    plain = gaza_ledger("verify")
    assert plain.exit_code == 0  # the chain alone is valid: this is what the witnesses are for
    against = gaza_ledger("verify", "--against", str(point), "--signed-by", str(public))
    assert against.exit_code == 1
    assert "[L202]" in against.stderr and "its tail was lost" in against.stderr
    assert "Traceback" not in against.output

    (tmp_path / "elsewhere.heads").rename(tmp_path / "truce.db.heads")
    logged = gaza_ledger("verify", "--json")
    assert logged.exit_code == 1
    (problem,) = json.loads(logged.stdout)["witness_problems"]
    assert problem["code"] == "L201"


def test_an_edited_entry_and_a_forged_checkpoint_are_refused(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    point = tmp_path / "checkpoint.json"
    private, public = keys(tmp_path)
    assert gaza_ledger("checkpoint", "--key", str(private), "--out", str(point)).exit_code == 0
    forged = json.loads(point.read_text())
    forged["seq"] -= 1
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    refused = gaza_ledger("verify", "--against", str(tmp_path / "forged.json"))
    assert refused.exit_code == 1 and "[L205]" in refused.stderr

    con = sqlite3.connect(tmp_path / "truce.db")
    con.execute("UPDATE entries SET recorded_by = 'someone' WHERE seq = 3")
    con.commit()
    con.close()
    edited = gaza_ledger("verify", "--against", str(point), "--signed-by", str(public))
    assert edited.exit_code == 1
    assert "[L200] hash mismatch at seq 3" in edited.stderr


def test_checkpoint_prints_json_to_stdout(gaza_ledger: Run) -> None:
    printed = gaza_ledger("checkpoint")
    assert printed.exit_code == 0
    data = json.loads(printed.stdout)
    assert data["format"] == "truce-checkpoint/1" and data["seq"] == data["entries"]
    assert "signature" not in data

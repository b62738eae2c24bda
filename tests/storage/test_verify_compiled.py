"""The compiled check of a SQLite ledger's ranges (`storage.verify_compiled`) passes clean
ranges and leaves every damaged one to the entry-by-entry pass, so `truce verify` says the same,
problem for problem, with it and without it.

The ledger and the tamperings shared with the server's check are `tests/storage/odd_chain.py`'s
(ranges of 5 seqs). Each report is held equal to the one the entry-by-entry pass alone gives,
with the ranges shared between one process and two.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from tests.storage.odd_chain import CLAIMS, RANGE, TAMPERINGS, Tampering, fill, tamper
from truce.cli.app import app
from truce.storage import Ledger, verify, verify_compiled, verify_range
from truce.storage.chain import canonical, entry_hash
from truce.storage.records import VerifyReport

RANGES = 5  # 1..5, 6..10, 11..15, 16..20, 21..24


if not verify_compiled.available() and not os.environ.get("CI"):
    pytest.skip(
        "the compiled chain check is not built here (no C compiler, or no SQLite or OpenSSL "
        "headers when the package was installed): verify checks in Python alone; install "
        "gcc, libsqlite3-dev and libssl-dev and run `pip install -e .` again to test it",
        allow_module_level=True,
    )


def test_the_compiled_check_is_built() -> None:
    """Where the package is installed with a C compiler and the headers (as under CI, which
    installs them), the module is there; without it verify is only slower."""
    assert verify_compiled.available()


@pytest.fixture
def ledger(
    tmp_path: Path, make_claim: ClaimFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Ledger]:
    monkeypatch.setattr(verify_range, "RANGE", RANGE)
    with Ledger.init(str(tmp_path / "ledger.db")) as ledger:
        fill(ledger, make_claim, readings=True)
        yield ledger


class Counted:
    """`check_ranges`, counting the ranges it passes."""

    def __init__(self) -> None:
        self.passed = 0
        self.original = verify_range.check_ranges

    def __call__(self, *args: Any) -> Any:
        found = self.original(*args)
        self.passed += sum(f is not None for f in found)
        return found


def _reports(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, head: str | None = None
) -> tuple[VerifyReport, int]:
    """The report with the compiled check (in one process and in two), after holding it equal
    to the entry-by-entry pass's; and how many ranges the compiled check passed."""
    with monkeypatch.context() as off:
        off.setattr(verify, "COMPILED_FROM", 10**12)
        alone = ledger.verify(head, workers=1)
    monkeypatch.setattr(verify, "COMPILED_FROM", 0)
    counted = Counted()
    monkeypatch.setattr(verify_range, "check_ranges", counted)
    report = ledger.verify(head, workers=1)
    passed = counted.passed
    assert report == alone
    assert ledger.verify(head, workers=2) == alone
    return report, passed


def test_a_clean_chain_passes_every_range_in_c(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Odd texts, extras, qualifiers and parts included: the escaping and the payload template
    are Python's, so no clean range is left to Python."""
    report, passed = _reports(ledger, monkeypatch)
    assert report.ok and report.entries == CLAIMS + 1
    assert passed == RANGES
    head = ledger.head()
    assert head is not None
    report, passed = _reports(ledger, monkeypatch, head.hash)
    assert report.ok and passed == RANGES
    middle = _hash(ledger, 12)
    report, _ = _reports(ledger, monkeypatch, middle)
    assert report.notes == [f"head {middle[:12]}… is entry 12; 12 entries were appended after it"]


def _hash(ledger: Ledger, seq: int) -> str:
    with ledger.engine.connect() as conn:
        return str(conn.execute(text(f"SELECT hash FROM entries WHERE seq = {seq}")).scalar())


@pytest.mark.parametrize("seq", [1, 2, 5, 6, 13, 20, 21, 24])
def test_a_byte_flipped_in_a_payload_is_found_wherever_it_is(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, seq: int
) -> None:
    flipped = (
        "substr(payload, 1, 40) || char(unicode(substr(payload, 41, 1)) + 1) || substr(payload, 42)"
    )
    tamper(ledger, f"UPDATE entries SET payload = {flipped} WHERE seq = {seq}")
    report, passed = _reports(ledger, monkeypatch)
    assert report.problems[0] == (
        f"hash mismatch at seq {seq}: the entry was edited after it was recorded"
    )
    assert passed == RANGES - 1  # only the damaged range was read entry by entry


def _rehash_from(ledger: Ledger, first: int, prev: str | None = None) -> None:
    """Every hash from `first` on computed again, as a forger rewriting history would, the
    first linked to `prev` (default: the stored hash of the entry before)."""
    prev = prev or _hash(ledger, first - 1)
    with ledger.engine.begin() as conn:
        rows = conn.execute(
            text(
                "SELECT seq, kind, ref, payload, recorded_by, recorded_at FROM entries "
                f"WHERE seq >= {first} ORDER BY seq"
            )  # fmt: skip
        ).all()
        for seq, kind, ref, payload, by, at in rows:
            digest = entry_hash(seq, kind, ref, payload, by, at, prev)
            conn.execute(
                text("UPDATE entries SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": prev, "h": digest, "s": seq},
            )
            prev = digest


def test_a_payload_not_in_its_canonical_spelling_is_never_passed(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same claim spelled with spaces, in the entry and its claims row, and the chain
    hashed again after it: every stored byte then hashes right, but the row's columns spell
    the canonical payload, not these bytes, so the range is left to Python (which says what it
    always said), and the head log finds the rewrite."""
    with ledger.engine.connect() as conn:
        payload = str(conn.execute(text("SELECT payload FROM entries WHERE seq = 8")).scalar())
    spaced = json.dumps(json.loads(payload), sort_keys=True, ensure_ascii=False)
    assert spaced != payload
    with ledger.engine.begin() as conn:
        for table in ("entries", "claims"):
            conn.execute(text(f"UPDATE {table} SET payload = :p WHERE seq = 8"), {"p": spaced})
    _rehash_from(ledger, 8)
    report, passed = _reports(ledger, monkeypatch)
    assert passed == RANGES - 1
    assert [p.code for p in report.witness_problems] == ["L201"]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor", "'idf'"),
        ("quantity", "99"),
        ("quantity", "13.5"),
        ("quantity", "'thirteen'"),
        ("notes", "'say \"yes\"'"),
        ("notes", "CAST(notes AS BLOB)"),
        ("categories", "'[\"men\"]'"),
        ("categories", "'[ ]'"),
        ("categories", "'not json'"),
        ("categories", '\'["women"],"x":[1]\''),
        ("sources", "'{}'"),
        ("extra", "'{\"n\": 1}'"),
        ("extra", "'[1]'"),
        ("qualifier", "'about'"),
        ("qualifier", "3"),
        ("parts", "'{\"women\": 2}'"),
        ("parts", "'[]'"),
        ("recorded_by", "'someone else'"),
        ("recorded_by", "NULL"),
        ("payload", "replace(payload, 'hamas', 'idf')"),
        ("seq", "seq + 1000"),
        ("id", "'forged'"),
    ],
)
@pytest.mark.parametrize("seq", [5, 6, 13])
def test_an_edited_claims_row_is_found(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, column: str, value: str, seq: int
) -> None:
    tamper(ledger, f"UPDATE claims SET {column} = {value} WHERE seq = {seq}")
    _, passed = _reports(ledger, monkeypatch)
    assert passed == RANGES - 1  # only the range of the edited row was read entry by entry


@pytest.mark.parametrize("case", TAMPERINGS, ids=str)
def test_a_tampering_is_reported_as_the_entry_by_entry_pass_does(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, case: Tampering
) -> None:
    tamper(ledger, *case.statements)
    report, _ = _reports(ledger, monkeypatch)
    assert case.holds(ledger, report), report.problems


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE entries SET kind = 'forged' WHERE seq = 7",
        "UPDATE entries SET recorded_by = NULL WHERE seq = 16",
        "UPDATE entries SET recorded_at = 20231124 WHERE seq = 9",
        "UPDATE entries SET prev_hash = upper(prev_hash) WHERE seq = 10",
        "INSERT INTO entries SELECT 0, kind, ref, payload, recorded_by, recorded_at, prev_hash, "
        "hash || 'x' FROM entries WHERE seq = 3",
        "UPDATE agreements SET title = 'Something else'",
    ],
)
def test_other_edits_are_found_alike(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, statement: str
) -> None:
    tamper(ledger, statement)
    report, _ = _reports(ledger, monkeypatch)
    assert not report.ok


def test_past_fifty_problems_the_count_is_the_same(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    tamper(
        ledger,
        "UPDATE entries SET recorded_by = 'mallory'",
        "UPDATE claims SET quantity = 1, actor = 'x'",
        "UPDATE entries SET prev_hash = hash",
    )
    report, passed = _reports(ledger, monkeypatch)
    assert passed == 0
    assert len(report.problems) == 51 and report.problems[-1].startswith("... and ")


def test_appends_while_verifying_are_not_problems(
    ledger: Ledger, make_claim: ClaimFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer appending as verify runs (ranges in other processes included): each verify
    reads the chain up to the head it saw first, and finds nothing wrong."""
    monkeypatch.setattr(verify, "COMPILED_FROM", 0)
    done = threading.Event()
    appended = []

    def write() -> None:
        with Ledger.init(str(ledger.engine.url.database)) as writer:
            n = 100
            while not done.is_set():
                writer.append_claims([make_claim(n)], "writer")
                appended.append(n)
                n += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        reports = [ledger.verify(workers=2) for _ in range(5)]
    finally:
        done.set()
        thread.join()
    assert appended
    assert all(r.ok for r in reports), [r.problems for r in reports]
    assert ledger.verify(workers=2).entries == CLAIMS + 1 + len(appended)


def test_a_truncated_file_says_the_same_through_the_command(
    tmp_path: Path, make_claim: ClaimFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ledger file cut short: `truce verify` prints and exits the same with the compiled
    check and without it."""
    path = tmp_path / "cut.db"
    with Ledger.init(str(path)) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        ledger.append_claims([make_claim(n) for n in range(300)], "analyst")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    runner = CliRunner()
    results = []
    for threshold in (10**12, 0):
        monkeypatch.setattr(verify, "COMPILED_FROM", threshold)
        done = runner.invoke(app, ["--db", str(path), "verify"])
        results.append((done.exit_code, done.output))
    assert results[0] == results[1]
    assert results[0][0] != 0


def test_a_text_that_is_not_utf8_is_left_to_python(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A byte that is not UTF-8 slipped into an entry's time, the entry hashed over those bytes
    and the chain after it hashed again: Python's sqlite3 refuses to read the row, and the
    compiled check does not pass what Python cannot read, so verify fails alike either way."""
    with ledger.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE entries SET recorded_at = CAST(CAST(recorded_at AS BLOB) || x'ff' AS TEXT) "
                "WHERE seq = 8"
            )
        )
        raw, kind, ref, payload, by, prev = conn.execute(
            text(
                "SELECT CAST(recorded_at AS BLOB), kind, ref, payload, recorded_by, prev_hash "
                "FROM entries WHERE seq = 8"
            )  # fmt: skip
        ).one()
        at = bytes(raw).decode("utf-8", "surrogateescape")
        body = canonical({"kind": kind, "payload": payload, "prev_hash": prev,
                          "recorded_at": at, "recorded_by": by, "ref": ref, "seq": 8})  # fmt: skip
        digest = hashlib.sha256(body.encode("utf-8", "surrogateescape")).hexdigest()
        conn.execute(text("UPDATE entries SET hash = :h WHERE seq = 8"), {"h": digest})
    _rehash_from(ledger, 9, digest)
    failures = []
    for threshold in (10**12, 0):
        monkeypatch.setattr(verify, "COMPILED_FROM", threshold)
        with pytest.raises(Exception) as failed:
            ledger.verify(workers=1)
        failures.append((type(failed.value), str(failed.value)))
    assert failures[0] == failures[1]
    assert "UTF-8" in failures[0][1]


@pytest.mark.parametrize("module", [None, "not-a-module.so"])
def test_without_the_module_every_range_is_read_in_python(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, module: str | None
) -> None:
    """Not built, or its process failing: the same report, every range read entry by entry."""
    tamper(ledger, "UPDATE claims SET quantity = 99 WHERE seq = 13")
    expected, _ = _reports(ledger, monkeypatch)
    found = None if module is None else tmp_path / module
    if found is not None:
        found.write_text("not a shared library")
    monkeypatch.setattr(verify_compiled, "_module_file", lambda: found)
    counted = Counted()
    monkeypatch.setattr(verify_range, "check_ranges", counted)
    assert ledger.verify(workers=2) == expected
    assert counted.passed == 0

"""`truce verify` holds the claims lists' filter names (`claim_terms`, migration 0012) against the
claims: tampering with them outside truce is found, with its code and the claim's seq, on
SQLite and PostgreSQL, and by the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import Source
from truce.storage import Ledger, verify_terms
from truce.storage.records import VerifyReport


@pytest.fixture
def ledger(ledger_url: str, make_claim: ClaimFactory) -> Iterator[Ledger]:
    """Entry 1 is the agreement, entries 2..6 claims; seq 4 was reported by Reuters from Rafah."""
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        claims = [make_claim(n) for n in range(5)]
        claims[2] = make_claim(2, location="Rafah crossing",
                               sources=(Source(outlet="Reuters", via="Al Jazeera"),))  # fmt: skip
        ledger.append_claims(claims, "analyst")
        yield ledger


def tamper(ledger: Ledger, *statements: str) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def l190(report: VerifyReport) -> list[str]:
    assert not report.ok
    found = [f for f in report.witness_problems if f.code == "L190"]
    assert found and all(f.hint for f in found)
    return [f.message for f in found]


def test_untouched_names_verify(ledger: Ledger) -> None:
    report = ledger.verify()
    assert report.ok and report.witness_problems == []


def test_a_deleted_name_is_found_at_its_claim(ledger: Ledger) -> None:
    tamper(ledger, "DELETE FROM claim_terms WHERE seq = 4 AND text = 'reuters'")
    assert l190(ledger.verify()) == [
        "claim at seq 4 (gaza-2023-11) carries the source name 'reuters', missing from claim_terms"
    ]


def test_a_name_given_to_a_claim_that_does_not_carry_it_is_found(ledger: Ledger) -> None:
    # What an attacker would do to make a claim appear under an outlet's filter.
    tamper(ledger, "INSERT INTO claim_terms (agreement, kind, text, seq) "
                   "VALUES ('gaza-2023-11', 'source', 'reuters', 5)")  # fmt: skip
    assert l190(ledger.verify()) == [
        "claim_terms gives the claim at seq 5 (gaza-2023-11) the source name 'reuters', which "
        "it does not carry"
    ]


def test_an_edited_place_is_found_both_ways(ledger: Ledger) -> None:
    tamper(ledger, "UPDATE claim_terms SET text = 'khan younis' WHERE seq = 4 AND kind = 'place'",
           "INSERT INTO terms (kind, text) VALUES ('place', 'khan younis')")  # fmt: skip
    assert l190(ledger.verify()) == [
        "claim at seq 4 (gaza-2023-11) carries the place name 'rafah crossing', missing from "
        "claim_terms",
        "claim_terms gives the claim at seq 4 (gaza-2023-11) the place name 'khan younis', which "
        "it does not carry",
    ]


def test_a_name_missing_from_terms_is_found(ledger: Ledger) -> None:
    tamper(ledger, "DELETE FROM terms WHERE text = 'al jazeera'")
    assert l190(ledger.verify()) == [
        "the source name 'al jazeera' is in claim_terms but not in terms"
    ]


def test_many_differences_are_counted_not_listed(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify_terms, "MAX_REPORTED", 4)
    monkeypatch.setattr(verify_terms, "STRETCH", 2)  # the stretches' bounds are crossed too
    tamper(ledger, "DELETE FROM claim_terms")  # 11 names of 5 claims
    messages = l190(ledger.verify())
    assert len(messages) == 5
    assert messages[-1] == "... and 7 more differences in claim_terms"
    assert messages[-1].startswith("... and ") and messages[-1].endswith(
        "differences in claim_terms"
    )


def test_the_cli_reports_it_with_its_code(tmp_path: Path, make_claim: ClaimFactory) -> None:
    db = tmp_path / "ledger.db"
    with Ledger.init(str(db)) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "analyst")
        ledger.append_claims([make_claim(0)], "analyst")
        tamper(ledger, "DELETE FROM claim_terms WHERE text = 'afp'")
    env = {**os.environ, "TRUCE_DB": str(db), "NO_COLOR": "1", "COLUMNS": "300"}
    done = subprocess.run([sys.executable, "-m", "truce", "verify"], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "[L190] claim at seq 2 (gaza-2023-11) carries the source name 'afp'" in done.stderr
    assert "restore the ledger" in done.stderr


@pytest.mark.parametrize("stretch", [1, 2, 3, 50_000])
def test_the_grouped_reading_says_what_the_stretches_say(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, stretch: int
) -> None:
    """On SQLite the rows are read grouped by name (`_grouped`); the differences, and their
    order across stretches, are those the stretch by stretch reading gives."""
    if ledger.engine.dialect.name != "sqlite":
        pytest.skip("the grouped reading is SQLite's")
    monkeypatch.setattr(verify_terms, "STRETCH", stretch)
    tamper(
        ledger,
        "DELETE FROM claim_terms WHERE seq IN (2, 5)",
        "UPDATE claim_terms SET text = 'khan younis' WHERE seq = 4 AND kind = 'place'",
        "INSERT INTO claim_terms (agreement, kind, text, seq) VALUES "
        "('gaza-2023-11', 'source', 'reuters', 6), ('gaza-2023-11', 'source', 'bbc', 9), "
        "('other', 'source', 'afp', 3)",
        "DELETE FROM claims WHERE seq = 3",
    )
    with ledger.engine.connect() as conn:
        grouped = verify_terms.differences(conn)
        with monkeypatch.context() as off:
            off.setattr(verify_terms, "_grouped", lambda conn: None)
            by_stretch = verify_terms.differences(conn)
    assert grouped == by_stretch
    assert len(grouped) > 6


def test_a_seq_not_stored_as_a_number_is_read_stretch_by_stretch(ledger: Ledger) -> None:
    if ledger.engine.dialect.name != "sqlite":
        pytest.skip("the grouped reading is SQLite's")
    tamper(ledger, "UPDATE claim_terms SET seq = 'x' WHERE seq = 4 AND kind = 'place'")
    with ledger.engine.connect() as conn:
        assert verify_terms._grouped(conn) is None

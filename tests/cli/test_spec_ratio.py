"""`truce agreement check` refuses a ratio that would count some released people for nothing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "agreements" / "gaza-2025-01.yaml"


def test_check_names_the_categories_a_ratio_leaves_out(run: Run, tmp_path: Path) -> None:
    spec = tmp_path / "gaza-2025-01.yaml"
    # The January 2025 spec as it was: no factor for civilian men, so they earned no prisoners.
    text = EXAMPLE.read_text()
    assert "      men: 30\n" in text
    spec.write_text(text.replace("      men: 30\n", "", 1))
    result = run("agreement", "check", str(spec))
    assert result.exit_code == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "factors:")
    # The error points into the `factors` mapping, at its first entry.
    assert f"{spec}:{line + 1}:7: [S350]" in result.stderr
    assert "gives no factor for men of 'hostages'" in result.stderr
    assert "`men: 0` if none are owed" in result.stderr
    assert "Traceback" not in result.stderr
    good = run("agreement", "check", str(EXAMPLE))
    assert good.exit_code == 0, good.stderr

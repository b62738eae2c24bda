"""docs/analysts.md: its hashtag tables are the exports' own, its crosswalk names every type,
and its pandas recipe runs against files the real command wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truce.cli.app import app
from truce.domain.provisions import BUILT_IN
from truce.io import acled, flat, ucdp

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "analysts.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", [acled, ucdp, flat])
def test_every_hashtag_is_documented(module: object) -> None:
    tags: dict[str, str] = module.HXL  # type: ignore[attr-defined]
    for column in module.COLUMNS:  # type: ignore[attr-defined]
        assert f"| `{column}` | `{tags[column]}` |" in DOC, column


def test_the_crosswalk_table_names_every_built_in_type() -> None:
    table = DOC.split("**The crosswalk**", 1)[1].split("\n\n", 2)[1]
    for type_id, (event_type, sub_event_type) in acled.CROSSWALK.items():
        row = next(line for line in table.splitlines() if f"`{type_id}`" in line)
        assert f"{event_type} / {sub_event_type}" in row
    assert set(acled.CROSSWALK) == set(BUILT_IN)


def test_the_pandas_recipe_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRUCE_DB", raising=False)
    runner = CliRunner()

    def truce(*args: str) -> None:
        result = runner.invoke(app, ["--db", str(tmp_path / "t.db"), *args])
        assert result.exit_code == 0, result.output

    truce("init")
    truce("agreement", "add", str(ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"))
    truce("import", str(ROOT / "examples" / "claims" / "gaza-2023-11.jsonl"))
    truce("export", "-f", "csv-excel", "-o", "claims.csv")
    truce("export", "-f", "acled", "--hxl", "-o", "acled.csv")
    truce("export", "-f", "xlsx", "-o", "claims.xlsx")
    truce("export", "-f", "geojson", "-o", "claims.geojson")
    recipe = re.search(r"\*\*pandas\*\*.*?```python\n(.*?)```", DOC, re.S)
    assert recipe is not None
    scope: dict[str, object] = {}
    exec(recipe.group(1), scope)  # noqa: S102 - the documented recipe, run as a reader would
    assert scope["daily"].sum() > 0  # type: ignore[attr-defined]
    assert ("Strategic developments", "Agreement") in scope["by_type"].index  # type: ignore[attr-defined]
    assert len(scope["sheet"]) == len(scope["claims"])  # type: ignore[arg-type]

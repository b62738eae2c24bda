"""The real set's whole-set table in eval/real/README.md is what `bench/real_set_tables.py`
counts from the committed files: a part added without regenerating it fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "eval" / "real"


def _tables() -> str:
    spec = importlib.util.spec_from_file_location(
        "real_set_tables", ROOT / "bench" / "real_set_tables.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.tables(REAL))


def test_the_readme_table_is_the_count_of_the_files() -> None:
    counted = _tables()
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert counted in readme, "regenerate it: python bench/real_set_tables.py eval/real"


def test_the_count_covers_every_report() -> None:
    reports = len(list((REAL / "reports").glob("*.meta.json")))
    last = [line for line in _tables().splitlines() if line.startswith("| **all** |")][0]
    assert f"| **{reports}** |" in last

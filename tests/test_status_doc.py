"""docs/status.md's key tables are generated from the answer's models; these tests keep the
committed copy honest and the hand-written prose around the tables untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from truce.status_doc import END, START, models, render, splice

STATUS_MD = Path(__file__).resolve().parents[1] / "docs" / "status.md"
REGENERATE = "python -m truce.status_doc docs/status.md"


def test_committed_key_tables_match_the_models() -> None:
    committed = STATUS_MD.read_text(encoding="utf-8")
    assert splice(committed) == committed, (
        f"docs/status.md's key tables are out of date with the answer models; run `{REGENERATE}`"
    )


def test_every_key_of_every_model_is_listed_with_what_it_means() -> None:
    tables = render()
    for model in models():
        for name, field in model.model_fields.items():
            key = field.alias or name
            assert field.description, f"{model.__name__}.{name} has no description"
            assert f"| `{key}` |" in tables, f"{model.__name__}.{key} is not documented"
    for key in ("obligations", "disputes", "undetermined", "claims_total", "judged_by"):
        assert key in tables


def test_the_module_rewrites_only_the_tables(tmp_path: Path) -> None:
    committed = STATUS_MD.read_text(encoding="utf-8")
    head, _, rest = committed.partition(START)
    tail = rest.partition(END)[2]
    stale = tmp_path / "status.md"
    stale.write_text(head + START + "\n| `gone` | text | a key removed |\n" + END + tail, "utf-8")
    assert splice(stale.read_text("utf-8")) != stale.read_text("utf-8")  # the test sees it
    subprocess.run([sys.executable, "-m", "truce.status_doc", str(stale)], check=True)
    assert stale.read_text(encoding="utf-8") == committed
    assert "## Disputes" in head  # the hand-written sections stay where they were


def test_a_file_without_its_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="markers"):
        splice("# status\n\nno tables here\n")

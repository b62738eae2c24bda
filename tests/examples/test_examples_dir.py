"""The bundled examples are found inside the package, or where TRUCE_EXAMPLES says."""

from __future__ import annotations

from pathlib import Path

import pytest

import truce
from truce.errors import ExamplesMissing
from truce.examples import examples_dir


def test_the_examples_are_package_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRUCE_EXAMPLES", raising=False)
    found = examples_dir()
    assert found == Path(truce.__file__).resolve().parent / "examples"
    assert (found / "agreements" / "gaza-2023-11.yaml").is_file()
    assert (found / "claims" / "gaza-2023-11.jsonl").is_file()


def test_the_repository_link_is_the_same_folder() -> None:
    link = Path(__file__).resolve().parents[2] / "examples"
    assert link.resolve() == examples_dir().resolve()


def test_truce_examples_points_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "agreements").mkdir()
    monkeypatch.setenv("TRUCE_EXAMPLES", str(tmp_path))
    assert examples_dir() == tmp_path
    monkeypatch.setenv("TRUCE_EXAMPLES", str(tmp_path / "nowhere"))
    with pytest.raises(ExamplesMissing, match="TRUCE_EXAMPLES") as caught:
        examples_dir()
    assert caught.value.code == "X601" and "TRUCE_EXAMPLES" in caught.value.hint

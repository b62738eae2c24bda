"""The spec reference is generated from the model; these tests keep the committed copy honest."""

import subprocess
import sys
from pathlib import Path

from truce.spec_yaml import load_spec
from truce.spec_yaml.docs import MINIMAL_EXAMPLE, REGENERATE, render_spec_reference
from truce.spec_yaml.schema import all_models, term_kinds

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "spec-format.md"


def test_committed_reference_matches_the_model() -> None:
    committed = REFERENCE.read_text(encoding="utf-8")
    assert committed == render_spec_reference(), (
        f"docs/spec-format.md is out of date with the spec model; regenerate it with `{REGENERATE}`"
    )


def test_module_prints_the_reference() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "truce.spec_yaml.docs"], capture_output=True, text=True, check=True
    )
    assert result.stdout == render_spec_reference()


def test_every_kind_has_its_own_section() -> None:
    reference = render_spec_reference()
    for kind in term_kinds():
        assert f"### kind: {kind}\n" in reference


def test_every_field_of_every_model_is_listed() -> None:
    reference = render_spec_reference()
    for model in all_models():
        # A term's `kind` is documented by its section heading instead of a table row.
        for name in set(model.model_fields) - {"kind"}:
            assert f"| `{name}` |" in reference, f"{model.__name__}.{name} is not documented"


def test_every_error_code_is_listed() -> None:
    reference = render_spec_reference()
    for code in range(101, 114):
        assert f"| S{code} |" in reference


def test_the_minimal_example_in_the_reference_loads() -> None:
    spec = load_spec(MINIMAL_EXAMPLE, "docs/spec-format.md")
    assert spec.terms[0].kind == "quota"

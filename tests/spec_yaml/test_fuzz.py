"""Whatever text a spec file holds, checking it gives SpecErrors with a location, never a crash."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.errors import SpecError
from truce.spec_yaml import check_spec

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "agreements" / "gaza-2023-11.yaml"
).read_text(encoding="utf-8")


def assert_clean_report(text: str) -> None:
    errors = check_spec(text, "fuzz.yaml")
    for error in errors:
        assert isinstance(error, SpecError)
        assert error.location is not None and error.location.path == "fuzz.yaml"
        assert error.render().startswith("fuzz.yaml")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    assert_clean_report(text)


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(0, len(EXAMPLE)),
    length=st.integers(0, 80),
    insert=st.sampled_from(["", ":", "- ", "\t", "  ", "{", "]", "'", "&a", "*a", "kind: x\n"]),
)
def test_damaged_example(start: int, length: int, insert: str) -> None:
    assert_clean_report(EXAMPLE[:start] + insert + EXAMPLE[start + length :])

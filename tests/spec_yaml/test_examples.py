"""Every shipped example agreement loads cleanly, cites its sources, and round-trips."""

import re
from pathlib import Path

import pytest

from truce.spec_yaml import check_spec, dump_spec, load_spec, load_spec_file

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "agreements").glob("*.yaml"))


def test_there_are_examples_beyond_the_seed() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {"gaza-2023-11", "gaza-2025-01", "shalit-2011", "minsk-2015", "yemen-2022"} <= names
    assert {"gaza-2025-10", "india-pakistan-2025"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_without_problems(path: Path) -> None:
    spec, text = load_spec_file(path)
    assert check_spec(text, str(path)) == []
    assert spec.id == path.stem


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_opens_with_a_comment_citing_dated_sources(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = text.split("\nid:")[0]
    assert header.startswith("# ")
    assert re.search(r"\b(19|20)\d\d\b", header), "name the sources with their dates"
    spec = load_spec(text)
    assert spec.sources, "list the sources in `sources:` too"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_round_trips_through_dump(path: Path) -> None:
    spec, _ = load_spec_file(path)
    assert load_spec(dump_spec(spec)) == spec


def kinds_in(stem: str) -> set[str]:
    spec, _ = load_spec_file(next(p for p in EXAMPLES if p.stem == stem))
    return {term.kind for term in spec.terms}


def test_examples_use_the_term_kinds_their_agreements_need() -> None:
    assert {"gate", "ratio", "deadline", "order", "quota"} <= kinds_in("gaza-2025-01")
    assert {"gate", "ratio", "quota"} <= kinds_in("shalit-2011")
    assert {"deadline", "prohibition"} <= kinds_in("minsk-2015")
    assert {"renewal", "quota"} <= kinds_in("yemen-2022")
    assert {"opt_in", "prohibition"} <= kinds_in("syria-2016")
    assert {"ratio", "quota", "deadline", "prohibition"} <= kinds_in("gaza-2025-10")
    assert {"prohibition", "deadline"} <= kinds_in("india-pakistan-2025")

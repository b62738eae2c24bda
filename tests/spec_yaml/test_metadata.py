"""An agreement's metadata (PA-X / ETH-PRIO fields): checked where it is written, kept as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from truce.spec_yaml import check_spec, load_spec

ROOT = Path(__file__).resolve().parents[2]

BASE = """\
id: demo
title: Demo
timezone: Asia/Jerusalem
parties:
  - {id: side-a}
phases:
  - id: pause
    start: {at: "2024-01-01T07:00"}
    duration: {days: 4}
"""
GOOD = """\
metadata:
  signed: 2023-11-22
  form: written
  purpose: humanitarian
  scope: partial
  countries: [il, PSE]
  monitoring:
    mechanism: joint room
    members: [Qatar, Egypt]
  related:
    - {relation: supersedes, id: older-deal}
    - {relation: extends, url: "https://example.org/text"}
"""


def test_metadata_is_read_and_countries_are_kept_as_alpha_3() -> None:
    spec = load_spec(BASE + GOOD, "x.yaml")
    assert spec.metadata is not None
    assert spec.metadata.as_dict() == {
        "signed": "2023-11-22",
        "form": "written",
        "purpose": "humanitarian",
        "scope": "partial",
        "countries": ["ISR", "PSE"],
        "monitoring": {"mechanism": "joint room", "members": ["Qatar", "Egypt"]},
        "related": [
            {"relation": "supersedes", "id": "older-deal"},
            {"relation": "extends", "url": "https://example.org/text"},
        ],
    }
    assert load_spec(BASE, "x.yaml").metadata is None  # optional: older specs load unchanged


# (case, the metadata text, the render's "FILE:LINE:COL: [CODE]" prefix, a phrase). BASE is 9
# lines, so `metadata:` is line 10.
CASES = [
    ("country not in ISO 3166-1", "metadata:\n  countries: [ISR, XQ]\n",
     "x.yaml:11:20: [S380]", "'XQ' is not an ISO 3166-1 country code"),
    ("country of the wrong shape", "metadata:\n  countries:\n    - Israel\n",
     "x.yaml:12:7: [S380]", "alpha-3 (ISR"),
    ("related names nothing", "metadata:\n  related:\n    - relation: extends\n",
     "x.yaml:12:7: [S381]", "`id:"),
    ("unknown relation", "metadata:\n  related:\n    - {relation: replaces, id: x}\n",
     "x.yaml:12:18: [S106]", "supersedes, implements, extends"),
    ("unknown form", "metadata:\n  form: telepathic\n", "x.yaml:11:9: [S106]", "verbal"),
    ("bad date", "metadata:\n  signed: 22/11/2023\n", "x.yaml:11:11: [S106]", "signed"),
    ("mechanism missing", "metadata:\n  monitoring: {members: [Qatar]}\n",
     "x.yaml:11:15: [S105]", "mechanism"),
    ("misspelt field", "metadata:\n  countires: [ISR]\n", "x.yaml:11:3: [S104]", "countries"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "prefix", "phrase"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_metadata_is_reported_at_its_line_and_column(
    text: str, prefix: str, phrase: str
) -> None:
    errors = check_spec(BASE + text, "x.yaml")
    assert len(errors) == 1, [e.render() for e in errors]
    rendered = errors[0].render()
    assert rendered.startswith(prefix), rendered
    assert phrase in rendered, rendered
    assert " — " in rendered


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "agreements").glob("*.yaml")))
def test_every_bundled_example_says_what_it_is(path: Path) -> None:
    spec = load_spec(path.read_text(encoding="utf-8"), str(path))
    assert spec.metadata is not None and spec.metadata.signed is not None
    assert spec.metadata.form and spec.metadata.purpose and spec.metadata.scope
    assert spec.metadata.countries

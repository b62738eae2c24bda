"""Each way a spec can be wrong gives its own code, at the line and column of the culprit."""

from pathlib import Path

import pytest

from truce.domain.spec import AgreementSpec
from truce.errors import SpecError, SpecErrors
from truce.spec_yaml import check_spec, load_spec, load_spec_file
from truce.spec_yaml.loader import MAX_SPEC_BYTES

BASE = """\
id: demo
title: Demo
timezone: Asia/Jerusalem
parties:
  - {id: side-a}
  - {id: side-b}
subjects:
  - {id: detainees, categories: [women]}
phases:
  - id: pause
    start: {at: "2024-01-01T07:00"}
    duration: {days: 4}
"""

# Starts on line 13 of BASE + TERM; the term's mapping starts at 14:5.
TERM = """\
terms:
  - id: daily
    kind: quota
    phase: pause
    party: side-a
    subject: detainees
    at_least: 10
    per: day
"""

RATIO = """\
terms:
  - id: r
    kind: ratio
    party: side-b
    subject: detainees
    per_unit_of: {party: side-a, subject: detainees, categories: [women]}
    factors: {men: 3}
"""

# (case, spec text, the render's "FILE:LINE:COL: [CODE]" prefix, a phrase of message or hint)
CASES = [
    ("yaml syntax", "id: demo\ntitle: Demo: a truce\n", "x.yaml:2:12: [S101]", "quote values"),
    ("tab indent", "id: demo\nparties:\n\t- a\n", "x.yaml:3:1: [S101]", "spaces, not tabs"),
    ("unclosed list", "id: demo\nparties: [a, b\ntitle: x\n", "x.yaml:3:6: [S101]", "expected"),
    ("empty", "", "x.yaml:1:1: [S102]", "spec is empty"),
    ("only comments", "# nothing yet\n\n", "x.yaml:1:1: [S102]", "examples/agreements"),
    ("top-level list", "- id: demo\n", "x.yaml:1:1: [S103]", "not a list"),
    ("top-level scalar", "# a comment\nhello\n", "x.yaml:2:1: [S103]", "single value"),
    (
        "unknown field",
        BASE.replace("{id: side-b}", "{id: side-b, nme: B}"),
        "x.yaml:6:18: [S104]",
        "did you mean `name`? allowed here: id, name, aliases",
    ),
    ("misspelt top key", BASE.replace("title:", "titel:"), "x.yaml:2:1: [S104]", "`title`"),
    (
        "unknown term field",
        BASE + TERM.replace("    per: day\n", "    per: day\n    atleast: 3\n"),
        "x.yaml:21:5: [S104]",
        "in terms[0] (a 'quota' term) — did you mean `at_least`?",
    ),
    (
        "missing term field",
        BASE + TERM.replace("    at_least: 10\n", ""),
        "x.yaml:14:5: [S105]",
        "missing field 'at_least' in terms[0] (a 'quota' term) — add `at_least: <int>`",
    ),
    ("missing top field", BASE.replace("title: Demo\n", ""), "x.yaml:1:1: [S105]", "'title'"),
    (
        "missing kind",
        BASE + TERM.replace("    kind: quota\n", ""),
        "x.yaml:14:5: [S105]",
        "with one of: quota, ratio, extension",
    ),
    (
        "wrong kind",
        BASE + TERM.replace("kind: quota", "kind: quotum"),
        "x.yaml:15:11: [S106]",
        "unknown term kind 'quotum' — write one of: quota, ratio, extension, gate, deadline",
    ),
    (
        "unknown event type",
        BASE + TERM + "    type: relase\n",
        "x.yaml:21:11: [S401]",
        "did you mean `release`? known types: release, ceasefire_start",
    ),
    (
        "literal value",
        BASE + TERM.replace("per: day", "per: month"),
        "x.yaml:20:10: [S106]",
        "'month' is not one of the allowed values — write one of: day, week",
    ),
    (
        "not a number",
        BASE + TERM.replace("at_least: 10", "at_least: ten"),
        "x.yaml:19:15: [S106]",
        "write a whole number",
    ),
    (
        "below minimum",
        BASE + TERM.replace("at_least: 10", "at_least: 0"),
        "x.yaml:19:15: [S106]",
        "write a number at least 1",
    ),
    ("bad id", BASE.replace("id: demo", "id: Demo Pause"), "x.yaml:1:5: [S106]", "not a valid id"),
    ("unknown zone", BASE.replace("Jerusalem", "Gaza City"), "x.yaml:3:11: [S106]", "IANA name"),
    (
        "two starts",
        BASE.replace('{at: "2024-01-01T07:00"}', '{at: "2024-01-01T07:00", after: pause}'),
        "x.yaml:11:12: [S106]",
        "exactly one of `at`, `on_event` or `after`",
    ),
    (
        "bad date",
        BASE.replace("2024-01-01T07:00", "2024-13-01T07:00"),
        "x.yaml:11:17: [S106]",
        "write a local date and time",
    ),
    (
        "unknown party",
        BASE + TERM.replace("party: side-a", "party: side-c"),
        "x.yaml:17:12: [S107]",
        "unknown party 'side-c' — write one of: side-a, side-b",
    ),
    (
        "unknown category",
        BASE + TERM + "    categories: [men]\n",
        "x.yaml:21:18: [S107]",
        "write one of: women",
    ),
    (
        "duplicate term id",
        BASE + TERM + TERM.replace("terms:\n", ""),
        "x.yaml:21:9: [S111]",
        "term id 'daily' is used twice",
    ),
    (
        "duplicate key",
        BASE.replace("title: Demo\n", "title: Demo\ntitle: Other\n"),
        "x.yaml:3:1: [S110]",
        'duplicate key "title"',
    ),
    (
        "quota per and by",
        BASE + TERM + "    by: {day: 4}\n",
        "x.yaml:21:9: [S112]",
        "split it into two terms",
    ),
    ("factor for uncounted category", BASE + RATIO, "x.yaml:19:15: [S112]", "factor for category"),
    (
        # A factor past any exchange once made the engine take the ceiling of infinity.
        "factor beyond any exchange",
        BASE + RATIO.replace("factors: {men: 3}", "factor: 1e308"),
        "x.yaml:19:13: [S106]",
        "write a number at most 1,000,000",
    ),
    (
        "ratio silent on a category",
        BASE.replace("categories: [women]}", "categories: [women, men]}")
        + RATIO.replace(", categories: [women]}", "}").replace("{men: 3}", "{women: 3}"),
        "x.yaml:19:14: [S350]",
        "gives no factor for men of 'detainees'",
    ),
    (
        "cap shorter than the phase",
        BASE + "    max_days: 3\n",
        "x.yaml:13:15: [S300]",
        "capped at max_days 3, shorter than its duration (4 days)",
    ),
    (
        "duration as unreadable text",
        BASE.replace("{days: 4}", "4 weeks"),
        "x.yaml:12:15: [S106]",
        "write e.g. `72h`",
    ),
    (
        "duration and until",
        BASE.replace("duration: {days: 4}", "duration: 4d\n    until: {day: 2}"),
        "x.yaml:10:5: [S106]",
        "`duration` or `until`, not both",
    ),
    (
        "unknown clock",
        BASE.replace("timezone: Asia/Jerusalem", "timezone: Asia/Jerusalem\nclock: lunar"),
        "x.yaml:4:8: [S106]",
        "calendar",
    ),
    ("control character", "id: demo\ntitle: \x07\n", "x.yaml:2:8: [S108]", "U+0007"),
    ("NUL in text", "id: demo\x00\n", "x.yaml:1:9: [S108]", "binary"),
]


@pytest.mark.parametrize(
    ("text", "prefix", "phrase"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_spec_is_reported_at_its_line_and_column(text: str, prefix: str, phrase: str) -> None:
    errors = check_spec(text, "x.yaml")
    assert len(errors) == 1, [e.render() for e in errors]
    rendered = errors[0].render()
    assert rendered.startswith(prefix), rendered
    assert phrase in rendered
    assert " — " in rendered, "every error says what to write instead"


def test_single_problem_raises_a_spec_error() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(BASE + TERM.replace("per: day", "per: month"), "x.yaml")
    assert caught.value.code == "S106"


def test_several_problems_are_collected_in_file_order() -> None:
    text = BASE.replace("id: demo", "id: Demo") + TERM.replace("per: day", "per: month")
    with pytest.raises(SpecErrors) as caught:
        load_spec(text, "x.yaml")
    lines = caught.value.render().splitlines()
    assert [line.split(" ")[0] for line in lines] == ["x.yaml:1:5:", "x.yaml:20:10:"]


def test_alias_bomb_is_refused() -> None:
    layers = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        layers.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    errors = check_spec("\n".join(layers) + "\n", "x.yaml")
    assert errors[0].code == "S109"


def test_valid_spec_loads() -> None:
    spec = load_spec(BASE + TERM)
    assert isinstance(spec, AgreementSpec)
    assert spec.terms[0].id == "daily"


def test_file_is_loaded_with_its_text(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(BASE + TERM, encoding="utf-8")
    spec, text = load_spec_file(path)
    assert spec.id == "demo"
    assert text == BASE + TERM


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert load_spec_file(path)[0].id == "demo"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"id: demo\n\x89PNG\x00\x00\x01")
    with pytest.raises(SpecError) as caught:
        load_spec_file(path)
    assert caught.value.render().startswith(f"{path}:2:5: [S108] spec file is binary")


def test_utf16_file_is_reported_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(BASE, encoding="utf-16")
    with pytest.raises(SpecError) as caught:
        load_spec_file(path)
    assert caught.value.code == "S108"
    assert "UTF-8" in caught.value.hint


def test_file_not_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes("id: demo\ntitle: Trêve\n".encode("latin-1"))
    with pytest.raises(SpecError) as caught:
        load_spec_file(path)
    assert caught.value.render().startswith(f"{path}:2:10: [S108] spec file is not UTF-8")


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_SPEC_BYTES // 10 + 1))
    with pytest.raises(SpecError) as caught:
        load_spec_file(path)
    assert caught.value.code == "S109"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_file(tmp_path / "nope.yaml")
    assert caught.value.code == "S113"
    assert str(tmp_path / "nope.yaml") in caught.value.render()


def test_ratio_factors_must_be_finite_and_positive() -> None:
    gaza = Path(__file__).resolve().parents[2] / "examples" / "agreements" / "gaza-2023-11.yaml"
    text = gaza.read_text().replace(
        "    factor: 3\n", "    factor: 3\n    factors: {women: .inf}\n", 1
    )
    try:
        load_spec(text, "x.yaml")
    except (SpecError, SpecErrors) as exc:
        assert "factors" in exc.render() and "[S106]" in exc.render()
    else:
        raise AssertionError("an infinite factor was accepted")

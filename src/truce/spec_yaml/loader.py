"""Reading an agreement spec from YAML, with every problem placed at its line and column."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from truce.domain.spec import AgreementSpec
from truce.domain.spec_checks import spec_problems
from truce.errors import Location, SpecError, SpecErrors
from truce.spec_yaml import codes
from truce.spec_yaml.tree import TooManyNodes, to_plain
from truce.spec_yaml.validation import from_problem, from_validation_error

MAX_SPEC_BYTES = 2 * 1024 * 1024

_SYNTAX_HINTS = {
    "mapping values are not allowed": 'quote values that contain `: `, e.g. title: "a: b"',
    "found character '\\t'": "indent with spaces, not tabs",
    "could not find expected ':'": "write each entry as `key: value`",
    "found undefined alias": "define the anchor (`&name`) before using the alias (`*name`)",
    "expected <block end>": "line this entry up with the entries above it",
    "found another document": "a spec is one YAML document; remove the extra `---` or `...`",
}


def load_spec(text: str, path: str = "<spec>") -> AgreementSpec:
    """Parse and validate a spec; raise SpecError, or SpecErrors if there are several problems."""
    spec, errors = _check(text, path)
    if errors:
        raise errors[0] if len(errors) == 1 else SpecErrors(errors)
    assert spec is not None
    return spec


def check_spec(text: str, path: str = "<spec>") -> list[SpecError]:
    """Every problem in a spec, in file order; an empty list means it loads."""
    return _check(text, path)[1]


def load_spec_file(path: str | Path) -> tuple[AgreementSpec, str]:
    """Read, decode and load a spec file; return the spec and the file's text."""
    text = read_spec_text(path)
    return load_spec(text, str(path)), text


def read_spec_text(path: str | Path) -> str:
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SPEC_BYTES + 1)
    except OSError as exc:
        raise codes.UnreadableSpec(
            f"cannot read spec file: {exc.strerror or exc}", location=Location(name)
        ) from None
    if len(raw) > MAX_SPEC_BYTES:
        raise codes.SpecTooLarge(
            f"spec file is larger than {MAX_SPEC_BYTES // (1024 * 1024)} MiB",
            location=Location(name),
        )
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise codes.NotText(
            "spec file is binary (it contains NUL bytes)", location=Location(name, line, col)
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise codes.NotText(
            f"spec file is not UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded)",
            location=Location(name, line, col),
        ) from None


def dump_spec(spec: AgreementSpec) -> str:
    """YAML for a spec, defaults left out, that `load_spec` reads back to an equal spec."""
    data = spec.model_dump(mode="json", exclude_defaults=True)
    # A term reads best when its kind comes straight after its id.
    data["terms"] = [{"id": t["id"], "kind": t["kind"], **t} for t in data.get("terms", [])]
    if not data["terms"]:
        del data["terms"]
    data = _quote_line_breaks(data)
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _quote_line_breaks(value: Any) -> Any:
    """Force double quotes on text holding NEL, which ruamel would emit raw and read back as a
    line break; inside double quotes it is escaped as `\\N`."""
    if isinstance(value, dict):
        return {k: _quote_line_breaks(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_quote_line_breaks(v) for v in value]
    if isinstance(value, str) and "\x85" in value:
        return DoubleQuotedScalarString(value)
    return value


def _check(text: str, path: str) -> tuple[AgreementSpec | None, list[SpecError]]:
    try:
        root = _parse(text, path)
        data = _plain(root, path)
    except SpecError as exc:
        return None, [exc]
    try:
        spec = AgreementSpec.model_validate(data)
    except ValidationError as exc:
        return None, _in_order(from_validation_error(exc, root, path))
    problems = [from_problem(p, root, path) for p in spec_problems(spec)]
    return (None if problems else spec), _in_order(problems)


def _parse(text: str, path: str) -> Any:
    if len(text) > MAX_SPEC_BYTES:
        raise codes.SpecTooLarge(
            f"spec is longer than {MAX_SPEC_BYTES} characters", location=Location(path)
        )
    if "\x00" in text:
        line, col = _line_col(text.encode("utf-8"), text.encode("utf-8").index(b"\x00"))
        raise codes.NotText(
            "spec is binary (it contains NUL characters)", location=Location(path, line, col)
        )
    yaml = YAML(typ="rt")
    try:
        root = yaml.load(text)
    except ReaderError as exc:
        line, col = _text_line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise codes.NotText(
            f"spec contains a control character YAML does not allow (U+{char:04X})",
            location=Location(path, line, col),
        ) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, path) from None
    except YAMLError as exc:
        raise codes.YamlSyntaxError(f"YAML error: {exc}", location=Location(path)) from None
    if root is None:
        raise codes.EmptySpec("spec is empty", location=Location(path, 1, 1))
    if not isinstance(root, dict):
        line, col = _first_content(text)
        what = "a list" if isinstance(root, list) else f"a single value ({type(root).__name__})"
        raise codes.NotAMapping(
            f"the top level of a spec must be a mapping of fields, not {what}",
            location=Location(path, line, col),
        )
    return root


def _plain(root: Any, path: str) -> Any:
    try:
        return to_plain(root)
    except TooManyNodes:
        raise codes.SpecTooLarge(
            "spec expands to too many values (aliases repeat too much)",
            hint="write the repeated parts out, or use fewer nested aliases",
            location=Location(path),
        ) from None


def _syntax_error(exc: MarkedYAMLError, path: str) -> SpecError:
    mark = exc.problem_mark or exc.context_mark
    location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.__class__.__name__ == "DuplicateKeyError":
        return codes.DuplicateKey(problem, location=location)
    hint = next((h for k, h in _SYNTAX_HINTS.items() if k in problem), None)
    return codes.YamlSyntaxError(f"YAML syntax: {problem}", hint=hint, location=location)


def _in_order(errors: list[SpecError]) -> list[SpecError]:
    def key(e: SpecError) -> tuple[int, int]:
        loc = e.location
        return (loc.line or 0, loc.column or 0) if loc else (0, 0)

    return sorted(errors, key=key)


def _first_content(text: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped and not stripped.startswith(("#", "---", "%")):
            return number, len(line) - len(stripped) + 1
    return 1, 1


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _text_line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1

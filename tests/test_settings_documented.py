"""Every setting a user can change is documented where users look: each field of each settings
object (read from `TRUCE_*` variables by pydantic-settings) and each `TRUCE_*` variable the code
reads itself has a row in a table of the hand-written docs or the README."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
# Written by hand for people; docs/errors.md and docs/cli.md are generated from the code.
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GENERATED = {"errors.md", "cli.md"}


def documented_rows() -> list[str]:
    rows = []
    for path in DOC_FILES:
        if path.name in GENERATED:
            continue
        rows += [
            line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|")
        ]
    return rows


def settings_classes() -> list[type[BaseSettings]]:
    found = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == "BaseSettings" for base in node.bases
            ):
                module = ".".join(path.relative_to(SRC).with_suffix("").parts)
                found.append(getattr(importlib.import_module(module), node.name))
    return found


def variables_read_directly() -> set[str]:
    """`TRUCE_*` names the code reads with os.environ / os.getenv."""
    names = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            target = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in {"get", "getenv"} and node.args:
                    target = node.args[0]
            elif isinstance(node, ast.Subscript):
                target = node.slice
            if (
                isinstance(target, ast.Constant)
                and isinstance(target.value, str)
                and re.fullmatch(r"TRUCE_[A-Z_]+", target.value)
            ):
                names.add(target.value)
    return names


def environment_names(cls: type[BaseSettings]) -> list[str]:
    prefix = str(cls.model_config.get("env_prefix", ""))
    return [f"{prefix}{name}".upper() for name in cls.model_fields]


def test_the_settings_objects_are_found() -> None:
    names = {cls.__name__ for cls in settings_classes()}
    assert {"ServerSettings", "ExtractLimits"} <= names


def test_every_settings_field_has_a_documented_row() -> None:
    rows = documented_rows()
    missing = [
        name
        for cls in settings_classes()
        for name in environment_names(cls)
        if not any(f"`{name}`" in row for row in rows)
    ]
    assert missing == []


def test_every_variable_read_directly_has_a_documented_row() -> None:
    rows = documented_rows()
    found = variables_read_directly()
    assert "TRUCE_DB" in found
    assert [name for name in sorted(found) if not any(f"`{name}`" in row for row in rows)] == []

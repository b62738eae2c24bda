"""One catalogue: every error class in the package has its own code and a hint, none is raised
with the base class's generic code, and docs/errors.md is what the classes say."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from truce.errors import TruceError
from truce.errors_doc import entries, error_classes, render

ROOT = Path(__file__).resolve().parents[1]


def test_every_code_is_unique() -> None:
    counts = Counter(e.code for e in entries())
    assert [code for code, n in counts.items() if n > 1] == []


def test_every_error_says_what_to_do_next() -> None:
    for entry in entries():
        assert entry.hint.strip() and entry.hint != TruceError.default_hint, entry
        assert re.fullmatch(r"[A-Z]\d{3}", entry.code), entry


def test_the_walk_finds_the_module_catalogues() -> None:
    names = {cls.__name__ for cls in error_classes()}
    # One from errors.py, and one each from the spec, storage, server, CLI and extract modules.
    assert {"MalformedLine", "YamlSyntaxError", "UnknownCandidate", "TooLarge", "BadEdit",
            "BadExtractLimits"} <= names  # fmt: skip


def test_nothing_raises_the_generic_code() -> None:
    raised = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "src" / "truce").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bTruceError\(", line) and not line.lstrip().startswith("class ")
    ]
    assert raised == []


def test_docs_errors_md_is_generated_from_the_classes() -> None:
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == render(), (
        "regenerate it: python -m truce.errors_doc > docs/errors.md"
    )

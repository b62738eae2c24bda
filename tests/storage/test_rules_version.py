"""A snapshot is tied to the rules that made it: a change to the rules' source makes every
stored frame stale, and the next status rebuilds it from the ledger."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from tests.storage.gaza_record import AGREEMENT, INSTANTS, _reference
from truce import services
from truce.storage import Ledger, answers, rules_version, snapshot

PACKAGE = Path(rules_version.__file__).resolve().parents[1]


def _tree(tmp_path: Path) -> Path:
    copy = tmp_path / "truce"
    for path in rules_version.rule_files(PACKAGE):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return copy


def test_the_fingerprint_follows_the_rules_source(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    first = rules_version.fingerprint(tree)
    assert first == rules_version.fingerprint(PACKAGE) == rules_version.current()
    ranking = tree / "domain" / "leading.py"
    ranking.write_text(ranking.read_text(encoding="utf-8") + "\n# a release changes ranking\n")
    changed = rules_version.fingerprint(tree)
    assert changed != first
    # A file outside the rules (a template, say) does not matter.
    (tree / "README.txt").write_text("not a rule")
    assert rules_version.fingerprint(tree) == changed


def test_a_frame_from_other_rules_is_rebuilt_not_served(
    snapshot_ledger: Ledger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ledger = snapshot_ledger
    expected = services.status(ledger, AGREEMENT, INSTANTS[-1])
    assert ledger.snapshots is not None
    (events,) = ledger.snapshots.glob("*.events.arrow")
    old_rules = json.loads(_told(events)["format"])["rules"]
    assert old_rules == rules_version.current()
    # The next release's rules: another fingerprint in the snapshot format.
    release = json.loads(snapshot.FORMAT) | {"rules": "0123456789abcdef"}
    monkeypatch.setattr(snapshot, "FORMAT", json.dumps(release))
    monkeypatch.setattr(answers, "FORMAT", json.dumps(release))
    monkeypatch.setattr(answers, "rules", lambda: "0123456789abcdef")
    assert services.status(ledger, AGREEMENT, INSTANTS[-1]) == _reference(ledger, INSTANTS[-1])
    assert services.status(ledger, AGREEMENT, INSTANTS[-1]) == expected
    rewritten = json.loads(_told(events)["format"])
    assert rewritten["rules"] == "0123456789abcdef"


def _told(path: Path) -> dict[str, object]:
    with pa.memory_map(str(path)) as source:
        told: dict[str, object] = json.loads(pa.ipc.open_file(source).schema.metadata[b"truce"])
    return told


def _imported_modules(path: Path) -> set[str]:
    """The truce modules (files, not packages) `path` imports by name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("truce"):
            for name in (node.module, *(f"{node.module}.{a.name}" for a in node.names)):
                file = PACKAGE.parent / (name.replace(".", "/") + ".py")
                if file.is_file():
                    found.add(file.relative_to(PACKAGE).as_posix())
    return found


def test_the_rows_fingerprint_covers_every_module_the_read_imports() -> None:
    """A module that derives a column of the kept rows (a source's key, a qualifier) and is
    left out of `ROW_MODULES` would let a release trust rows an older one derived: the list
    holds every module its modules import by name, and only those."""
    listed = set(rules_version.ROW_MODULES)
    closure: set[str] = set()
    todo = [name for name in listed if name.startswith(("storage/columnar", "storage/rows"))]
    todo += ["storage/driver_rows.py", "storage/pg_copy.py", "storage/tables.py"]
    todo += ["storage/db.py", "domain/claim_fields.py"]
    while todo:
        name = todo.pop()
        if name not in closure:
            closure.add(name)
            todo += sorted(_imported_modules(PACKAGE / name) - closure)
    assert listed == closure
    for file in rules_version.row_files(PACKAGE):
        assert file.is_file(), file

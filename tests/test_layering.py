"""The layout's contract, enforced: which layer may import which.

The import graph is read from the source (every `import`, at any depth in a module, counts:
a lazy import inside a function still ties the layers together), and the rules are checked on
its transitive closure, so a layer cannot reach a forbidden one through a third module.

- `truce.domain` is the pure core: it imports only itself, the standard library's computing
  modules and the numeric and model libraries; never a database, a web framework, the file
  system or the network.
- `truce.extract` reads text: it never reaches the ledger (`truce.storage`), the server, the
  CLI or the batch layer.
- `truce.storage` keeps the ledger: it never reaches the server, the CLI, extraction or batch.
- Nothing below the CLI imports the CLI; the server never imports it either.
- The edges (`truce.server`, `truce.cli`, `truce.batch`) call the service layer
  (`truce.services`): none imports `truce.storage` itself (`EDGE_STORAGE_ALLOWED` names the
  exceptions, none today) nor reaches a ledger's `.engine`, where the tables are.
- The service layer sits on storage, never the other way round, and never reaches an edge.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "truce"

# Third-party modules the pure core may use: numbers, typed models, country codes, columns.
DOMAIN_THIRD_PARTY = {"numpy", "pydantic", "pydantic_core", "iso3166", "pyarrow"}
# Standard-library modules that do I/O or touch the process: not in the pure core.
DOMAIN_FORBIDDEN_STDLIB = {
    "os", "pathlib", "io", "sqlite3", "socket", "subprocess", "urllib", "http", "threading",
    "multiprocessing", "asyncio", "shutil", "tempfile", "logging", "sys",
}  # fmt: skip


# The edges that call the service layer, and the modules among them allowed to import
# `truce.storage` directly (module -> why). Empty: the ledger is opened through
# `truce.services.ledger`, and everything that needs a query is a service.
EDGES = ("server", "cli", "batch")
EDGE_STORAGE_ALLOWED: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve_relative(module: str, level: int, target: str | None) -> str:
    base = module.split(".")
    is_package = MODULES[module].name == "__init__.py"
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


@cache
def direct_imports(module: str) -> frozenset[str]:
    """Every module `module` names in an import statement, anywhere in its body."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                source = _resolve_relative(module, node.level, node.module)
            found.add(source)
            # `from truce.x import y` imports the submodule truce.x.y when there is one.
            found.update(
                f"{source}.{a.name}" for a in node.names if f"{source}.{a.name}" in MODULES
            )
    return frozenset(found)


def _with_packages(name: str) -> Iterable[str]:
    """Importing truce.a.b runs truce/__init__ and truce/a/__init__ first."""
    parts = name.split(".")
    for end in range(1, len(parts) + 1):
        prefix = ".".join(parts[:end])
        if prefix in MODULES:
            yield prefix


@cache
def reach(module: str) -> frozenset[str]:
    """The truce modules `module` imports, directly or through others."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for name in direct_imports(current):
            for inner in _with_packages(name):
                if inner not in seen:
                    seen.add(inner)
                    todo.append(inner)
    seen.discard(module)
    return frozenset(seen)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def in_layer(name: str) -> list[str]:
    return sorted(m for m in MODULES if layer(m) == name)


def offenders(source_layer: str, forbidden: set[str]) -> dict[str, list[str]]:
    found = {}
    for module in in_layer(source_layer):
        bad = sorted(m for m in reach(module) if layer(m) in forbidden)
        if bad:
            found[module] = bad
    return found


def test_the_graph_is_read() -> None:
    # The reader sees the layout: a module known to import the domain does, through its closure.
    assert "truce.domain.spec" in reach("truce.storage.ledger")
    assert in_layer("domain") and in_layer("extract") and in_layer("storage")


def test_the_domain_imports_only_itself() -> None:
    outside = {
        module: sorted(m for m in reach(module) if layer(m) != "domain" and m != "truce")
        for module in in_layer("domain")
    }
    assert {m: bad for m, bad in outside.items() if bad} == {}


def test_the_domain_does_no_io_and_uses_no_framework() -> None:
    stdlib = set(sys.stdlib_module_names)
    problems = {}
    for module in in_layer("domain"):
        third = {name.split(".")[0] for name in direct_imports(module)} - {"truce", "__future__"}
        bad = sorted(
            top
            for top in third
            if top in DOMAIN_FORBIDDEN_STDLIB
            or (top not in stdlib and top not in DOMAIN_THIRD_PARTY)
        )
        if bad:
            problems[module] = bad
    assert problems == {}


def test_extraction_never_reaches_the_ledger_the_server_or_the_cli() -> None:
    assert offenders("extract", {"storage", "server", "cli", "batch"}) == {}


def test_storage_never_reaches_the_edges_or_extraction() -> None:
    assert offenders("storage", {"server", "cli", "extract", "batch", "services"}) == {}


def test_the_services_never_reach_the_server_or_the_cli() -> None:
    assert offenders("services", {"server", "cli"}) == {}


def storage_importers(modules: Iterable[str]) -> dict[str, list[str]]:
    """Edge modules that import `truce.storage` themselves, with what they import."""
    found = {}
    for module in modules:
        if module in EDGE_STORAGE_ALLOWED:
            continue
        bad = sorted(m for m in direct_imports(module) if layer(m) == "storage")
        if bad:
            found[module] = bad
    return found


@cache
def engine_reaches(module: str) -> tuple[int, ...]:
    """The lines where `module` reads an `.engine` attribute (a ledger's tables are behind it)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    return tuple(
        sorted(
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "engine"
        )
    )


def edge_modules() -> list[str]:
    return [m for edge in EDGES for m in in_layer(edge)]


def test_the_edges_call_the_services_not_storage() -> None:
    assert edge_modules() and all(m in MODULES for m in EDGE_STORAGE_ALLOWED)
    assert storage_importers(edge_modules()) == {}


def test_the_edges_never_reach_a_ledger_s_engine() -> None:
    found = {m: lines for m in edge_modules() if (lines := engine_reaches(m))}
    assert found == {}


def test_only_the_entry_point_imports_the_cli() -> None:
    importers = sorted(
        module
        for module in MODULES
        if layer(module) not in {"cli", "__main__"}
        and any(layer(m) == "cli" for m in direct_imports(module) if m in MODULES)
    )
    assert importers == []


def test_the_server_and_batch_never_reach_another_edge() -> None:
    # The review service reuses batch's event merge (one rule for "already queued"), so the
    # server may reach batch modules; neither may reach the other's entry points.
    assert offenders("server", {"cli"}) == {}
    assert offenders("batch", {"server", "cli"}) == {}


def test_a_forbidden_import_would_be_caught(tmp_path: Path) -> None:
    """The checker itself can fail: a domain module that imports sqlalchemy is found."""
    probe = "truce.domain._layering_probe"
    MODULES[probe] = tmp_path / "_layering_probe.py"
    MODULES[probe].write_text("import sqlalchemy\nfrom truce.storage import ledger\n")
    try:
        direct_imports.cache_clear()
        reach.cache_clear()
        assert "truce.storage.ledger" in reach(probe)
        assert "sqlalchemy" in direct_imports(probe)
        assert offenders("domain", {"storage"}) == {
            probe: sorted(m for m in reach(probe) if layer(m) == "storage")
        }
    finally:
        del MODULES[probe]
        direct_imports.cache_clear()
        reach.cache_clear()


def test_an_edge_reaching_storage_would_be_caught(tmp_path: Path) -> None:
    """The edge rules can fail: a server module that imports the ledger and reads its engine,
    by a relative import as well as an absolute one, is found by both checks."""
    probes = {
        "truce.server._layering_probe": "from truce.storage.ledger import Ledger\n"
        "def f(ledger: Ledger) -> object:\n    return ledger.engine\n",
        "truce.cli._layering_probe": "from ..storage import users\n",
    }
    for probe, text in probes.items():
        MODULES[probe] = tmp_path / f"{probe.replace('.', '_')}.py"
        MODULES[probe].write_text(text)
    try:
        direct_imports.cache_clear()
        assert storage_importers(probes) == {
            "truce.server._layering_probe": ["truce.storage.ledger"],
            "truce.cli._layering_probe": ["truce.storage", "truce.storage.users"],
        }
        assert engine_reaches("truce.server._layering_probe") == (3,)
        assert engine_reaches("truce.cli._layering_probe") == ()
    finally:
        for probe in probes:
            del MODULES[probe]
        direct_imports.cache_clear()
        engine_reaches.cache_clear()

"""Shared fixtures: a fresh ledger URL on SQLite and on a real PostgreSQL, and claim builders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.cheap_ledgers import (
    BackgroundDrops,
    ForkServer,
    ParsedOnce,
    Templates,
    fresh_database_name,
)
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, EventType, Source
from truce.domain.spec import AgreementSpec
from truce.services import agreements
from truce.storage import schema, verify

PG_URL = os.environ.get(
    "TRUCE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The suite on every core unless told otherwise: pytest-xdist's `-n auto` when no `-n` is
    given, `--dist worksteal` when no mode is (each worker starts on a contiguous half of the
    tests, so a module's fixtures are mostly built once, and an idle worker takes from the busy
    one's tail). `-n0`, `-p no:xdist`, or a venv without pytest-xdist: one process. Set here and
    not in pyproject's addopts so that `-p no:xdist` and such a venv still parse the command."""
    if not config.pluginmanager.has_plugin("xdist") or hasattr(config, "workerinput"):
        return  # no xdist, or a worker (its controller decided)
    if config.option.numprocesses is None:
        config.option.numprocesses = "auto"
    if config.option.numprocesses and config.option.dist == "no":
        config.option.dist = "worksteal"


@cache
def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can; asked once per session."""
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means the same: no server to test on
        return f"PostgreSQL at {make_url(PG_URL).render_as_string()} unreachable: {exc}"
    return None


def require_postgres() -> None:
    """Skip the test when there is no PostgreSQL server to use; under CI, fail it."""
    problem = _postgres_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} (CI is set, so PostgreSQL tests must run)")
        pytest.skip(problem)


def postgres_database() -> Iterator[str]:
    """A fresh, uniquely named database on the test server, dropped afterwards."""
    require_postgres()
    name = fresh_database_name()
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _DROPS.drop(PG_URL, name)  # on a worker thread; the session waits for it at its end


_DROPS = BackgroundDrops()
TEMPLATES: Templates | None = None  # the session's, for fixtures that copy other states


@pytest.fixture(scope="session", autouse=True)
def _cheap_ledgers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """Blank ledgers filled from one migrated copy, agreement files parsed once, verify's
    workers forked from a server, PostgreSQL databases dropped in the background
    (tests/cheap_ledgers.py)."""
    copies = Templates(tmp_path_factory.mktemp("templates"), PG_URL, _DROPS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "upgrade", copies.upgrade)
        patch.setattr(agreements, "load_spec_file", ParsedOnce(agreements.load_spec_file))
        patch.setattr(verify, "multiprocessing", ForkServer())
        global TEMPLATES
        TEMPLATES = copies
        yield copies
    copies.close()
    _DROPS.wait()


@pytest.fixture(autouse=True)
def _real_migrations(request: pytest.FixtureRequest, _cheap_ledgers: Templates) -> Iterator[None]:
    """Modules that say `REAL_MIGRATIONS = True` run Alembic for every ledger they create."""
    real = bool(getattr(request.module, "REAL_MIGRATIONS", False))
    _cheap_ledgers.active = not real
    yield
    _cheap_ledgers.active = True


@pytest.fixture(autouse=True)
def _snapshots_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Status snapshots of PostgreSQL ledgers go to the user's cache; keep the tests' out of it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
    else:
        yield from postgres_database()


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from postgres_database()


@pytest.fixture
def row_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The seq ranges (after, up to] the snapshot read from the projection, in order
    (`storage.snapshot.read_rows`, unchanged, counted)."""
    from truce.storage import snapshot

    reads: list[tuple[int, int]] = []
    real = snapshot.read_rows

    def counted(conn: Any, agreement: str, after: int, upto: int) -> Any:
        reads.append((after, upto))
        return real(conn, agreement, after, upto)

    monkeypatch.setattr(snapshot, "read_rows", counted)
    return reads


GAZA_YAML = "id: gaza-2023-11\ntitle: Gaza humanitarian pause\n"


def gaza_spec(**changes: Any) -> AgreementSpec:
    data: dict[str, Any] = {
        "id": "gaza-2023-11",
        "title": "Gaza humanitarian pause",
        "timezone": "Asia/Jerusalem",
        "parties": [{"id": "israel"}, {"id": "hamas"}],
        "mediators": [{"id": "qatar"}],
        "subjects": [{"id": "hostages", "categories": ["women", "children"]}],
        "phases": [{"id": "pause", "start": {"at": "2023-11-24T07:00"}, "duration": {"days": 4}}],
    }
    data.update(changes)
    return AgreementSpec.model_validate(data)


ClaimFactory = Callable[..., Claim]


@pytest.fixture
def make_claim() -> ClaimFactory:
    """Build a claim with its content id; `n` varies the content so ids differ."""

    def build(n: int = 0, **changes: Any) -> Claim:
        fields: dict[str, Any] = {
            "id": "",
            "agreement": "gaza-2023-11",
            "type": EventType.RELEASE,
            "date": datetime(2023, 11, 24, 14, tzinfo=UTC) + timedelta(minutes=n),
            "actor": "hamas",
            "quantity": 13,
            "subject": "hostages",
            "categories": ("women", "children"),
            "sources": (Source(outlet="AFP", speaker="Majed al-Ansari", role="spokesman"),),
        }
        fields.update(changes)
        return with_content_id(Claim(**fields))

    return build

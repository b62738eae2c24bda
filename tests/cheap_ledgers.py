"""The same ledgers for less: test-only shortcuts that reach the state the real code reaches.

- A blank ledger (a missing or empty SQLite file, a PostgreSQL database without a table) that
  `Ledger.init` migrates becomes a copy of one the real migrations built once per session; the
  fourteen migrations cost several times the copy. A ledger that is not blank (an older
  revision, a damaged file, another program's database) still goes through Alembic, and so does
  every ledger of a test module that says `REAL_MIGRATIONS = True` (the schema tests).
  `Templates.fill` does the same for other states built once by real code (the served example
  of tests/server/conftest.py).
  SQLite: the template's pages are copied into the file (SQLite's backup API) with its head log.
  PostgreSQL: the blank database is renamed aside (dropped in the background) and a database of
  the same name is created from the template, only when nothing is connected to it.
- An agreement file added to a ledger (`services.add_agreement_file`: a server's bundled example
  is eleven of them) is parsed once per session for each path and content. A file that fails to
  load is loaded again each time, so every error is still raised by the real loader.
- `storage.verify` starts its worker processes from a fork server that imported truce once,
  not each by spawning a new interpreter that imports it again (seconds per `verify(workers=3)`;
  the verify tests on PostgreSQL do it over a hundred times). Both start workers that share no
  state with the caller (no inherited connections, no test's patches), which is why verify
  spawns; `ForkServer` only changes how long the start takes.
- PostgreSQL test databases are dropped by background threads, so a test does not wait for the
  drop of the database of the test before it. A drop waits for a checkpoint; drops running
  together share one, so there are several threads. The session waits for them all at its end
  and fails if one could not be dropped.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from multiprocessing.context import BaseContext
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from truce.domain.spec import AgreementSpec
from truce.storage import schema
from truce.storage.db import make_engine, resolve_url, sqlite_path
from truce.storage.head_log import log_path, set_aside

_real_upgrade = schema.upgrade


def fresh_database_name(kind: str = "") -> str:
    """A PostgreSQL database name no other test process picks: the pytest-xdist worker's id
    ("gw0", "gw1"; "main" without workers) says whose it is, a random part makes it unique."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return "_".join(part for part in ("truce_test", worker, kind, uuid.uuid4().hex[:12]) if part)


Build = Callable[[str], None]  # makes the template's state in the blank ledger at a URL


class Templates:
    """Ledgers built once per session by real code, copied into blank ledgers on demand."""

    def __init__(self, folder: Path, admin_url: str, drops: BackgroundDrops) -> None:
        self.folder = folder
        self.active = True  # False: `upgrade` is Alembic's, for every ledger
        self._admin_url = admin_url
        self._drops = drops
        self._files: dict[str, Path] = {}  # kind -> SQLite template
        self._databases: dict[str, str] = {}  # kind -> PostgreSQL template
        # Re-entrant: building one template (the served example) may fill a ledger from another.
        self._lock = threading.RLock()

    def upgrade(self, engine: Engine) -> None:
        """`schema.upgrade`, copying the migrated template into a blank ledger."""
        url = engine.url.render_as_string(hide_password=False)
        if self.active:
            engine.dispose()  # nothing is checked out yet; the ledger's pool reconnects
            if self.fill(url, "migrated", _migrate):
                return
        _real_upgrade(engine)

    def fill(self, url: str, kind: str, build: Build) -> bool:
        """Make the blank ledger at `url` a copy of the `kind` template (`build` makes it on
        first use); False, and nothing done, when the ledger is not blank or in memory."""
        url = resolve_url(url)
        backend = make_url(url).get_backend_name()
        # One at a time: a second thread initialising the same ledger finds it filled and goes
        # on to Alembic, which finds it at the head revision, as it would without us.
        with self._lock:
            if backend == "sqlite":
                path = sqlite_path(url)
                return path is not None and self._copied(path, self._sqlite(kind, build))
            if backend == "postgresql":
                return self._swapped(url, self._postgres(kind, build))
        return False

    def _sqlite(self, kind: str, build: Build) -> Path:
        if kind not in self._files:
            path = self.folder / f"{kind}.db"
            build(str(path))
            self._files[kind] = path
        return self._files[kind]

    def _copied(self, path: Path, template: Path) -> bool:
        if path.exists() and path.stat().st_size > 0:
            with closing(sqlite3.connect(path)) as target:
                if target.execute("SELECT count(*) FROM sqlite_master").fetchone() != (0,):
                    return False
        else:
            set_aside(log_path(path))  # what Ledger.init does before creating a ledger
        with closing(sqlite3.connect(path)) as target, closing(sqlite3.connect(template)) as src:
            src.backup(target)
        if log_path(template).exists():
            shutil.copyfile(log_path(template), log_path(path))
        return True

    def _postgres(self, kind: str, build: Build) -> str:
        if kind not in self._databases:
            name = fresh_database_name(kind)
            self._admin(f'CREATE DATABASE "{name}"')
            build(make_url(self._admin_url).set(database=name).render_as_string(False))
            self._databases[kind] = name
        return self._databases[kind]

    def _swapped(self, url: str, template: str) -> bool:
        name = make_url(url).database
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                blank = conn.execute(text(BLANK_POSTGRES)).scalar() == 0
        finally:
            engine.dispose()
        if not blank:
            return False
        aside = f"{name}_blank"
        admin = create_engine(self._admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                others = conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name"),
                    {"name": name},
                ).scalar()
                if others:  # someone else holds the blank database: leave it to Alembic
                    return False
                conn.execute(text(f'ALTER DATABASE "{name}" RENAME TO "{aside}"'))
                try:
                    conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
                except Exception:
                    conn.execute(text(f'ALTER DATABASE "{aside}" RENAME TO "{name}"'))
                    raise
        finally:
            admin.dispose()
        self._drops.drop(self._admin_url, aside)
        return True

    def _admin(self, statement: str) -> None:
        admin = create_engine(self._admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(statement))
        finally:
            admin.dispose()

    def close(self) -> None:
        """Drop the PostgreSQL templates."""
        for name in self._databases.values():
            self._drops.drop(self._admin_url, name)


def _migrate(url: str) -> None:
    engine = make_engine(url)  # the ledger's own settings (WAL, pages)
    try:
        _real_upgrade(engine)
    finally:
        engine.dispose()


# Nothing of a schema: no relation, sequence or type in `public`.
BLANK_POSTGRES = """
SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public')
     + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public')
"""


class ParsedOnce:
    """`load_spec_file`, answering again from memory for a path whose bytes it has loaded."""

    def __init__(self, real: Callable[[str | Path], tuple[AgreementSpec, str]]) -> None:
        self._real = real
        self._loaded: dict[tuple[str, bytes], tuple[AgreementSpec, str]] = {}

    def __call__(self, path: str | Path) -> tuple[AgreementSpec, str]:
        try:
            key = (str(path), Path(path).read_bytes())
        except OSError:
            return self._real(path)  # the real loader says what is wrong with it
        if key not in self._loaded:
            self._loaded[key] = self._real(path)  # a spec is frozen: one object serves all
        return self._loaded[key]


class ForkServer:
    """Stands for the `multiprocessing` module in `storage.verify`: asked for the "spawn"
    context, it gives the fork server's, whose server has imported `truce.storage.verify`."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["truce.storage.verify"])

    def get_context(self, method: str | None = None) -> BaseContext:
        return self._context if method == "spawn" else multiprocessing.get_context(method)


class BackgroundDrops:
    """Drops PostgreSQL databases on worker threads; `wait` raises the first failure."""

    def __init__(self, threads: int = 4) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pg-drop")
        self._pending: list[Future[None]] = []

    def drop(self, admin_url: str, name: str) -> None:
        self._pending.append(self._pool.submit(_drop, admin_url, name))

    def wait(self) -> None:
        pending, self._pending = self._pending, []
        errors = [f.exception() for f in pending]
        self._pool.shutdown(wait=True)
        for error in errors:
            if error is not None:
                raise error


def _drop(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()

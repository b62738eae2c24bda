"""The suite on several processes (pytest-xdist) keeps its guarantees: each worker's PostgreSQL
databases carry its name, and a database a worker could not drop still fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.cheap_ledgers import fresh_database_name
from tests.conftest import PG_URL, require_postgres

ROOT = Path(__file__).resolve().parents[1]

# Run by each of two workers (`--dist each`): the test makes its database a template, which
# PostgreSQL refuses to drop, so the background drop of each worker's session fails.
INNER = """
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def test_undroppable(pg_url, worker_id):
    name = make_url(pg_url).database
    Path(__file__).with_name(f"{worker_id}.name").write_text(name)
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true'))
    admin.dispose()
"""


def test_a_database_name_says_which_worker_made_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw7")
    first, second = fresh_database_name(), fresh_database_name("migrated")
    assert first.startswith("truce_test_gw7_") and second.startswith("truce_test_gw7_migrated_")
    assert first != fresh_database_name()
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    assert fresh_database_name().startswith("truce_test_main_")


@pytest.mark.postgres
def test_a_database_a_worker_cannot_drop_fails_the_run(tmp_path: Path) -> None:
    require_postgres()
    inner = tmp_path / "test_inner.py"
    inner.write_text(f"ADMIN = {PG_URL!r}\n" + INNER)
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider",
             "-n", "2", "--dist", "each", "-q", "--rootdir", str(tmp_path), str(inner)],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        names = sorted(path.read_text() for path in tmp_path.glob("gw*.name"))
    finally:
        _release(tmp_path)
    out = run.stdout + run.stderr
    assert len(names) == 2 and {name.split("_")[2] for name in names} == {"gw0", "gw1"}, out
    assert "2 passed" in out and "2 errors" in out, out
    assert "cannot drop a template database" in out, out
    assert run.returncode == 1, out


def _release(folder: Path) -> None:
    """Drop the database the inner run had to leave behind."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for path in folder.glob("gw*.name"):
                name = path.read_text()
                exists = conn.execute(
                    text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}
                ).scalar()
                if exists:
                    conn.execute(text(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE false'))
                    conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()

"""Schema versions: upgrading a ledger to the latest migration and checking it is there.

Opening a ledger only compares two revision ids, so that check reads them without Alembic (whose
import costs more than a status read of a small ledger); upgrading uses Alembic itself. A test
holds `head_revision` equal to Alembic's own answer.
"""

from __future__ import annotations

import ast
import threading
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Any:
    from alembic.config import Config

    # Built in code so an installed package needs no alembic.ini next to the database.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# CPython 3.11's parser is not safe to enter from two threads at once ("AST constructor
# recursion depth mismatch"): the first reads of the revisions take turns.
_PARSING = threading.Lock()


def head_revision() -> str | None:
    """The revision no migration revises: the `revision` and `down_revision` assignments of the
    files in migrations/versions."""
    with _PARSING:
        return _head_revision()


@cache
def _head_revision() -> str | None:
    revises: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign):
                continue
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                found[target.id] = ast.literal_eval(node.value)
        if "revision" in found:
            revises[found["revision"]] = found.get("down_revision")
    heads = set(revises) - set(revises.values())
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except SQLAlchemyError:
            if conn.dialect.name == "postgresql":
                conn.rollback()
            if not _has_table(conn, "alembic_version"):
                return None
            raise
    return rows[0] if len(rows) == 1 else None


def _has_table(conn: Any, name: str) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).has_table(name))


def upgrade(engine: Engine) -> None:
    from alembic import command

    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")

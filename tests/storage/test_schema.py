"""The table definitions (storage/tables.py) equal what the migrations build: every table, its
columns with their nullability, and its indexes, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from truce.storage.ledger import Ledger
from truce.storage.tables import metadata

REAL_MIGRATIONS = True  # every ledger here is built by Alembic (tests/cheap_ledgers.py)


def test_the_migrated_schema_is_the_declared_one(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        found = inspect(ledger.engine)
        tables = set(found.get_table_names()) - {"alembic_version"}
        assert tables == set(metadata.tables)
        for name, table in metadata.tables.items():
            columns = {c["name"]: c["nullable"] for c in found.get_columns(name)}
            assert columns == {c.name: c.nullable for c in table.columns}, name
            # A unique column's constraint is reflected as an index on PostgreSQL: not declared.
            indexes = {i["name"]: tuple(i["column_names"]) for i in found.get_indexes(name)
                       if not i.get("duplicates_constraint")}  # fmt: skip
            declared = {i.name: tuple(c.name for c in i.columns) for i in table.indexes}
            assert indexes == declared, name
    finally:
        ledger.close()

"""Alembic environment: always run with a connection handed in by `truce.storage.schema`."""

from __future__ import annotations

from alembic import context

from truce.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("truce migrations run through truce.storage.schema.upgrade(), not alone")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

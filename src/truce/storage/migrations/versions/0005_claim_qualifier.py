"""Claims keep how their quantity was put ("at least 10"): a nullable qualifier, NULL = exact.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every claim recorded before this had no qualifier in its payload, so NULL is its truth.
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("qualifier", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("qualifier")

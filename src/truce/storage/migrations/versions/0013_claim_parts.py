"""Claims keep sub-counts of their quantity ("30, including 15 women and 15 minors"): a
nullable JSON object of category to count, NULL = none given.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every claim recorded before this had no parts in its payload, so NULL is its truth.
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("parts", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("parts")

"""Claim figures as 64-bit integers on every backend.

PostgreSQL's INTEGER is 32-bit, so a figure SQLite stored (its INTEGER is 64-bit) could not be
stored there: the two backends disagreed on what a claim may say. Claims are bounded at the door
(2^53 - 1, see `truce.domain.bounds`); BIGINT holds that on both.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite stores any INTEGER column as up to 8 bytes already; rebuilding its table (all SQLite
    # can do to change a declared type) would only cost time on a large ledger.
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("claims", "quantity", type_=sa.BigInteger, existing_type=sa.Integer)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("claims", "quantity", type_=sa.Integer, existing_type=sa.BigInteger)

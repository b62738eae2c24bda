"""What is kept to answer fast (judged status answers, the "now" answer with its span, the
previous judgment's breach rows, the agreement's event frame), in the database: shared by every
process and host on the ledger (`storage.kept_place`). A cache, never a source: each row's header
says what it was made from and the SHA-256 of its body, and anything that does not match is made
again. Dropping every row loses nothing but time.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kept",
        sa.Column("agreement", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("written", sa.Float, nullable=False),
        sa.Column("header", sa.Text, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kept")

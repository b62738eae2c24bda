"""The review queue: ingested documents and the candidate events extracted from them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("agreement", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("ingested_at", sa.String(40), nullable=False),
        sa.Column("ingested_by", sa.String(200)),
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("agreement", sa.String(200), nullable=False),
        sa.Column("document_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claim_id", sa.String(64)),
        sa.Column("decided_by", sa.String(200)),
        sa.Column("decided_at", sa.String(40)),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_candidates_agreement_status", "candidates", ["agreement", "status"])


def downgrade() -> None:
    op.drop_index("ix_candidates_agreement_status", "candidates")
    op.drop_table("candidates")
    op.drop_table("documents")

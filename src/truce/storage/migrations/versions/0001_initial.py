"""The initial ledger: the entry chain and its claim and agreement projections.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.String(200)),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("agreement", sa.String(200), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("date", sa.String(40), nullable=False),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(200)),
        sa.Column("actor", sa.String(200)),
        sa.Column("target", sa.String(200)),
        sa.Column("quantity", sa.Integer),
        sa.Column("subject", sa.String(200)),
        sa.Column("categories", sa.Text, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("supersedes", sa.String(64)),
        sa.Column("reliability", sa.String(2)),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("quote", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("phase", sa.String(200)),
        sa.Column("extra", sa.Text),
        sa.Column("recorded_by", sa.String(200)),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_agreement_seq", "claims", ["agreement", "seq"])
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("spec_yaml", sa.Text, nullable=False),
        sa.Column("spec_json", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("agreements")
    op.drop_index("ix_claims_agreement_seq", table_name="claims")
    op.drop_table("claims")
    op.drop_table("entries")

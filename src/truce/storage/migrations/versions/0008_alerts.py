"""Alerts: the changes observed in each agreement's verdicts, the last digest they came from,
and the webhooks that are told.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("agreement", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("observed_at", sa.Integer, nullable=False),
        sa.UniqueConstraint("agreement", "kind", "key", name="uq_alerts_change"),
    )
    op.create_index("ix_alerts_agreement_id", "alerts", ["agreement", "id"])
    op.create_table(
        "alert_marks",
        sa.Column("agreement", sa.String(200), primary_key=True),
        sa.Column("digest", sa.Text, nullable=False),
        sa.Column("observed_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("agreement", sa.String(200), nullable=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("webhooks")
    op.drop_table("alert_marks")
    op.drop_index("ix_alerts_agreement_id", "alerts")
    op.drop_table("alerts")

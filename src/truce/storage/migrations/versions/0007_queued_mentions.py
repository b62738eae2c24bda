"""What the review queue already holds, by mention (a document's content hash and a candidate's
fingerprint), shared by `truce ingest` and `truce batch --ingest`, with the slot and figure a
later run matches events by; and an index of claims by agreement, type and date.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queued_mentions",
        sa.Column("agreement", sa.String(200), primary_key=True),
        sa.Column("document_hash", sa.String(64), primary_key=True),
        sa.Column("mention", sa.String(40), primary_key=True),
        sa.Column("candidate_id", sa.String(100), nullable=False),
        sa.Column("event_id", sa.String(200)),
        sa.Column("slot", sa.String(40)),
        sa.Column("day", sa.String(10)),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("unit", sa.String(200)),
        sa.Column("categories", sa.Text, nullable=False),
        sa.Column("figure", sa.Float),
        sa.Column("qualifier", sa.String(16)),
    )
    op.create_index("ix_queued_mentions_agreement_slot", "queued_mentions", ["agreement", "slot"])
    op.create_index("ix_claims_agreement_type_date", "claims", ["agreement", "type", "date"])


def downgrade() -> None:
    op.drop_index("ix_claims_agreement_type_date", "claims")
    op.drop_index("ix_queued_mentions_agreement_slot", "queued_mentions")
    op.drop_table("queued_mentions")

"""Claims by agreement, type, actor, figure and date, so the review page finds the recorded
events a candidate may belong to with index seeks (and a new claim its look-alikes); and claims
by event id, so a reviewer's event id is checked against other agreements without a scan.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_claims_lookalike", "claims", ["agreement", "type", "actor", "quantity", "date"]
    )
    op.create_index("ix_claims_event_id", "claims", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_claims_event_id", "claims")
    op.drop_index("ix_claims_lookalike", "claims")

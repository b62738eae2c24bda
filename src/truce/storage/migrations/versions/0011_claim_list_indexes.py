"""Claims lists sorted in the database: an index per sortable column, each ending in `seq`, so a
page of a million claims sorted by date, actor, figure or status is an index walk. And entries
by kind and ref, so listing agreements with their versions does not read the whole chain.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_claims_agreement_date_seq": ["agreement", "date", "seq"],
    "ix_claims_agreement_actor_seq": ["agreement", "actor", "seq"],
    "ix_claims_agreement_quantity_seq": ["agreement", "quantity", "seq"],
    "ix_claims_agreement_status_seq": ["agreement", "status", "seq"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "claims", columns)
    op.create_index("ix_entries_kind_ref", "entries", ["kind", "ref"])


def downgrade() -> None:
    op.drop_index("ix_entries_kind_ref", table_name="entries")
    for name in INDEXES:
        op.drop_index(name, table_name="claims")

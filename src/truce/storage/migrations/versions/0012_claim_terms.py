"""Lists at a million claims.

The names claims lists filter by (`storage.claim_terms`): each distinct source and place name
once (`terms`), and the claims carrying each (`claim_terms`), filled here for every claim
already recorded, so an outlet on one day or a place fragment is an index seek.

Each review candidate's confidence as a column (from its payload, -1 without one), with an
index, so `GET /api/review` pages the queue most confident first in the database.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from truce.storage import claim_terms
from truce.storage.review_rows import confidence_of

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 20_000


def upgrade() -> None:
    op.create_table(
        "terms",
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("text", sa.String(400), primary_key=True),
    )
    op.create_table(
        "claim_terms",
        sa.Column("agreement", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("text", sa.String(400), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
    )
    op.create_index("ix_claim_terms_seq", "claim_terms", ["seq"])
    _fill(op.get_bind())
    with op.batch_alter_table("candidates") as table:
        table.add_column(
            sa.Column("confidence", sa.Float, nullable=False, server_default=sa.text("-1"))
        )
    op.create_index(
        "ix_candidates_status_confidence",
        "candidates",
        ["status", "confidence", "agreement", "id"],
    )
    _fill_confidence(op.get_bind())


def _fill_confidence(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text("SELECT id, payload FROM candidates")).all()
    found = [{"i": i, "c": confidence_of(json.loads(p))} for i, p in rows]
    if found := [row for row in found if row["c"] != -1.0]:
        conn.execute(sa.text("UPDATE candidates SET confidence = :c WHERE id = :i"), found)


def _fill(conn: sa.Connection) -> None:
    """Every recorded claim's names, read in batches in the order they were recorded."""
    reader = claim_terms.TermReader()
    query = sa.text(
        "SELECT seq, agreement, location, extra, sources FROM claims WHERE seq > :after "
        "ORDER BY seq LIMIT :n"
    )
    after = 0
    while rows := conn.execute(query, {"after": after, "n": BATCH}).all():
        claim_terms.write(conn, claim_terms.rows_for(reader, (tuple(r) for r in rows)))
        after = rows[-1][0]
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE terms")
        conn.exec_driver_sql("ANALYZE claim_terms")


def downgrade() -> None:
    op.drop_index("ix_candidates_status_confidence", table_name="candidates")
    with op.batch_alter_table("candidates") as table:
        table.drop_column("confidence")
    op.drop_table("claim_terms")
    op.drop_table("terms")

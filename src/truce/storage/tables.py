"""The ledger's tables (SQLAlchemy Core). `entries` is the record; the rest are projections.

These describe storage only; API and domain shapes live elsewhere. Change them only together with
a migration in `storage/migrations/versions/`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from truce.domain.claim_fields import FIELDS, ClaimField

metadata = MetaData()
# The SQL type of each kind of claim field; text bounded by its field's `length`.
_SQL_KINDS = {"count": BigInteger, "list": Text, "sources": Text, "object": Text}


def claim_column(field: ClaimField) -> Column[Any]:
    """The `claims` column of one claim field."""
    if field.kind in _SQL_KINDS:
        kind: Any = _SQL_KINDS[field.kind]
    else:
        kind = Text if field.length is None else String(field.length)
    if field.name == "id":
        return Column("id", kind, primary_key=True)
    return Column(field.name, kind, nullable=field.nullable)


def claim_columns() -> list[Column[Any]]:
    """The `claims` table's columns: the claim's fields, `seq` after the id, `payload` last."""
    columns = [claim_column(f) for f in FIELDS]
    seq = Column("seq", Integer, nullable=False, unique=True)
    return [columns[0], seq, *columns[1:], Column("payload", Text, nullable=False)]


entries = Table(
    "entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(16), nullable=False),
    Column("ref", String(200), nullable=False),
    Column("payload", Text, nullable=False),
    Column("recorded_by", String(200)),
    Column("recorded_at", String(40), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    # Agreements and their versions without reading the chain (migration 0011).
    Index("ix_entries_kind_ref", "kind", "ref"),
)

claims = Table(
    "claims",
    metadata,
    # A claim's fields (`domain.claim_fields`), with the row's ledger position after its id and
    # the entry's payload verbatim last, so a reader never needs the chain.
    *claim_columns(),
    Index("ix_claims_agreement_seq", "agreement", "seq"),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("spec_yaml", Text, nullable=False),
    Column("spec_json", Text, nullable=False),
)

# The review queue (migration 0002): documents already ingested per agreement, and the candidate
# events extracted from them. Candidates are not claims: a reviewer's acceptance turns one into
# a claim appended to the chain; until then they live outside it.
documents = Table(
    "documents",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("agreement", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("ingested_at", String(40), nullable=False),
    Column("ingested_by", String(200)),
)

candidates = Table(
    "candidates",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("agreement", String(200), nullable=False),
    Column("document_hash", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("claim_id", String(64)),
    Column("decided_by", String(200)),
    Column("decided_at", String(40)),
    Column("reason", Text),
    # The payload's confidence, -1 without one (migration 0012): the API pages the queue most
    # confident first in the database.
    Column("confidence", Float, nullable=False, server_default="-1"),
    Index("ix_candidates_agreement_status", "agreement", "status"),
    Index("ix_candidates_status_confidence", "status", "confidence", "agreement", "id"),
)

# Users of a server (migration 0003). Each change is also a `user` entry in the chain, so a
# swapped token hash or role is found by verify like any edited claim.
users = Table(
    "users",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("role", String(220), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("active", Boolean, nullable=False),
)

# Dashboard sign-in sessions (migration 0004). Not chain entries: a session is a browser's
# short-lived permission, not a fact of the record; signing out deletes its row.
sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_name", String(200), nullable=False),
    Column("created_at", Integer, nullable=False),  # unix seconds
    Column("expires_at", Integer, nullable=False),
    Index("ix_sessions_expires_at", "expires_at"),
)

# What the review queue already holds (migration 0007), one row per mention: a candidate of one
# document, keyed by the document's content hash and the candidate's fingerprint, whichever
# path queued it (`truce ingest` or `truce batch --ingest`). The queue candidate it went into,
# its event and what the cross-run match needs of that event (`slot`: type, modality, actor,
# target and local day, hashed; the figure and its qualifier, unit and categories) ride along,
# so a later run finds the events it extends by slot, in bulk, without reading payloads.
queued_mentions = Table(
    "queued_mentions",
    metadata,
    Column("agreement", String(200), primary_key=True),
    Column("document_hash", String(64), primary_key=True),
    Column("mention", String(40), primary_key=True),
    Column("candidate_id", String(100), nullable=False),
    Column("event_id", String(200)),
    Column("slot", String(40)),
    Column("day", String(10)),
    Column("date_precision", String(16)),
    Column("unit", String(200)),
    Column("categories", Text, nullable=False),
    Column("figure", Float),
    Column("qualifier", String(16)),
    Index("ix_queued_mentions_agreement_slot", "agreement", "slot"),
)

# Claims by agreement, type and date: a run finds the recorded readings it extends (migration
# 0007) without reading an agreement's whole record.
Index("ix_claims_agreement_type_date", claims.c.agreement, claims.c.type, claims.c.date)
# Claims by agreement, type, actor, figure and date, and by event id (migration 0010): the events
# a review candidate may belong to, and whose event an id is, found by index seeks.
Index("ix_claims_lookalike", claims.c.agreement, claims.c.type, claims.c.actor, claims.c.quantity,
      claims.c.date)  # fmt: skip
Index("ix_claims_event_id", claims.c.event_id)
# Claims lists sorted in the database (migration 0011, `storage.claim_query`): one index per
# sortable column, ending in `seq`, the order's tie-break.
for _column in ("date", "actor", "quantity", "status"):
    Index(f"ix_claims_agreement_{_column}_seq", claims.c.agreement, claims.c[_column], claims.c.seq)

# The names a claims list filters by (migration 0012, `storage.claim_terms`), casefolded: each
# outlet, speaker and relaying source of a claim (kind "source"), and its location and gazetteer
# place name (kind "place"). `terms` holds each distinct name once, so a place typed as a
# fragment is looked for among the distinct names, not among a million claims; `claim_terms`
# then gives the claims carrying a name, in the order they were recorded, by index seeks.
terms = Table(
    "terms",
    metadata,
    Column("kind", String(8), primary_key=True),
    Column("text", String(400), primary_key=True),
)
claim_terms = Table(
    "claim_terms",
    metadata,
    Column("agreement", String(200), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("text", String(400), primary_key=True),
    Column("seq", Integer, primary_key=True),
    # An append clears names left at its seqs by rows removed outside the write path.
    Index("ix_claim_terms_seq", "seq"),
)

# Alerts (migration 0008). Not chain entries: what the server observed of the verdicts over time
# (derived, recomputable from the chain and the clock), and where to send it.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agreement", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("key", String(400), nullable=False),
    Column("title", String(400), nullable=False),
    Column("detail", Text, nullable=False),
    Column("observed_at", Integer, nullable=False),  # unix seconds
    UniqueConstraint("agreement", "kind", "key", name="uq_alerts_change"),
    Index("ix_alerts_agreement_id", "agreement", "id"),
)
# The last digest of each agreement's answer the alerts were computed from.
alert_marks = Table(
    "alert_marks",
    metadata,
    Column("agreement", String(200), primary_key=True),
    Column("digest", Text, nullable=False),
    Column("observed_at", Integer, nullable=False),
)
webhooks = Table(
    "webhooks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agreement", String(200), nullable=True),  # null: every agreement
    Column("url", String(2000), nullable=False),
    Column("secret", String(200), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", Integer, nullable=False),
)

# The text each ingested document was read from (migration 0009), by its content hash (the
# SHA-256 of the whole text, as `documents.hash`), so the document view can show the evidence
# spans in place. Written once, never updated; a text longer than the store keeps is cut, and
# `chars` says how long the whole was.
document_texts = Table(
    "document_texts",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("chars", Integer, nullable=False),
    Column("truncated", Boolean, nullable=False),
)

# What is kept to answer fast (migration 0014): a cache, never a source (`storage.kept_place`).
# `seq` and `hash`: the chain head a row was made at (0 and "" when it is not tied to one).
kept = Table(
    "kept",
    metadata,
    Column("agreement", String(200), primary_key=True),
    Column("name", String(100), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("written", Float, nullable=False),
    Column("header", Text, nullable=False),
    Column("body", LargeBinary, nullable=False),
)

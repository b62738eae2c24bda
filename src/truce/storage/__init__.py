"""Storage: the append-only ledger and its projections, on SQLite or PostgreSQL."""

from truce.storage.db import make_engine, resolve_url
from truce.storage.ledger import Ledger
from truce.storage.records import AgreementSummary, AppendResult, Entry, VerifyReport

__all__ = [
    "AgreementSummary",
    "AppendResult",
    "Entry",
    "Ledger",
    "VerifyReport",
    "make_engine",
    "resolve_url",
]

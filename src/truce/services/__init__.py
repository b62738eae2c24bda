"""The service layer: the one place every edge (CLI, API, pages, batch) calls.

The edges parse input, call a service, and format what comes back; they never open the
ledger's tables themselves. The operations most edges share are named here
(`services.status(...)`, `services.record_claim(...)`); the rest are imported from their
module (`truce.services.review_queue`, `truce.services.users`, ...). The README's "Layout"
says which layer lives where.
"""

from truce.services.agreement_status import (
    answer_bytes,
    status,
    status_answer,
    status_holding,
    status_json,
    status_text,
)
from truce.services.agreements import (
    EXAMPLE_RECORD,
    add_agreement_file,
    add_agreement_text,
    load_bundled_example,
)
from truce.services.claims import (
    VERDICTS,
    append_claims,
    change_status,
    filter_claims,
    keep_snapshot,
    record_claim,
    submission,
    supersede,
)
from truce.services.held_now import now_span
from truce.services.instants import BadInstant, InstantOutOfRange, parse_instant
from truce.services.timeline import agreement_timeline

__all__ = [
    "answer_bytes",
    "EXAMPLE_RECORD",
    "VERDICTS",
    "BadInstant",
    "InstantOutOfRange",
    "add_agreement_file",
    "add_agreement_text",
    "agreement_timeline",
    "append_claims",
    "change_status",
    "filter_claims",
    "keep_snapshot",
    "load_bundled_example",
    "now_span",
    "parse_instant",
    "record_claim",
    "status",
    "status_answer",
    "status_holding",
    "status_json",
    "status_text",
    "submission",
    "supersede",
]

"""The hash chain: canonical JSON and how an entry's hash is computed."""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring
from typing import Any

GENESIS = "0" * 64

# One encoder reused: `json.dumps` with options builds a new one per call, which shows up when
# verifying a million entries.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(obj: Any) -> str:
    """The one JSON spelling of a value, so equal content always hashes the same."""
    return _ENCODER.encode(obj)


def entry_hash(
    seq: int,
    kind: str,
    ref: str,
    payload: str,
    recorded_by: str | None,
    recorded_at: str,
    prev_hash: str,
) -> str:
    """sha256 of canonical({seq, kind, ref, payload, recorded_by, recorded_at, prev_hash}).

    Spelled out by hand (keys in sorted order) because this runs once per entry on every
    verify; `test_chain` holds it equal to `canonical()` of the same dict.
    """
    by = "null" if recorded_by is None else encode_basestring(recorded_by)
    body = (
        f'{{"kind":{encode_basestring(kind)},"payload":{encode_basestring(payload)},'
        f'"prev_hash":{encode_basestring(prev_hash)},"recorded_at":{encode_basestring(recorded_at)},'
        f'"recorded_by":{by},"ref":{encode_basestring(ref)},"seq":{int(seq)}}}'
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# A claim payload's canonical JSON (keys sorted, `Claim.payload()`'s keys), with a slot for
# each value as JSON, one before "location" for an `"extra":...,` member or nothing, and one
# before "quantity" for a `"qualifier":...,` member (claims not exact) or nothing.
CLAIM_PAYLOAD = (
    '{"actor":%s,"agreement":%s,"categories":%s,"date":%s,"date_precision":%s,"event_id":%s,'
    '%s"location":%s,"notes":%s,"phase":%s,%s"quantity":%s,"quote":%s,"reliability":%s,'
    '"sources":%s,"status":%s,"subject":%s,"supersedes":%s,"target":%s,"type":%s}'
)

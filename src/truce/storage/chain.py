"""The hash chain: canonical JSON and how an entry's hash is computed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable
from json.encoder import encode_basestring
from typing import Any

from truce.domain.claim_fields import OPTIONAL_PAYLOAD_KEYS, PAYLOAD_KEYS

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


def payload_template(keys: Iterable[str], optional: Collection[str]) -> str:
    """A claim payload's canonical JSON with a `%s` slot for each value (as JSON), keys sorted;
    a key in `optional` gets one slot for its whole member (`"key":...,`) or nothing."""
    ordered = sorted(keys)
    if ordered[-1] in optional:
        raise ValueError(f"{ordered[-1]!r} sorts last and cannot be left out of the template")
    members = ["%s" if key in optional else f"{encode_basestring(key)}:%s," for key in ordered]
    return "{" + "".join(members).removesuffix(",") + "}"


# `Claim.payload()`'s canonical JSON: one slot per value in the sorted order of its keys
# (`domain.claim_fields`), `extra` and `qualifier` members only when set.
CLAIM_PAYLOAD = payload_template(PAYLOAD_KEYS, OPTIONAL_PAYLOAD_KEYS)

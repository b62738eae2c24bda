"""A claim's fields, defined once.

Every place that spells a claim's fields takes them from `FIELDS`: the `claims` table
(`storage.tables`), the projection's rows and columns (`storage.rows`, `storage.columnar`),
the payload template the chain hashes (`storage.chain`), the input contract's field list
(`io.claim_fields`), review's editable set, `truce record`'s help and the flat exports' source
columns. The few places spelled out by hand for speed (`Claim` itself, `Claim.payload`,
`ClaimInput`, the row builders) are held equal to this list by `tests/domain/test_claim_fields.py`
and the tests beside each of them, so a field added in one place and not the others fails a
test. Everything derived here is computed once, at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# How a field's value is held: `text` (a string), `count` (a whole number), `date` (ISO text of
# an instant), `choice` (one of an enum's values), `list` (of strings, JSON text when stored),
# `sources` (a list of `Source`, JSON text when stored), `object` (a JSON object).
Kind = Literal["text", "count", "date", "choice", "list", "sources", "object"]


@dataclass(frozen=True, slots=True)
class ClaimField:
    """One field of a claim and how each part of truce treats it."""

    name: str
    kind: Kind
    help: str
    # The longest text the `claims` table stores for it; None: unbounded (or not text).
    length: int | None = None
    # Whether its stored value may be absent (NULL); a claim without it still has one.
    nullable: bool = True
    # Whether it is part of the claim's content, and so of its payload and content id.
    in_payload: bool = True
    # In the payload only when not its default, so older claims keep their ids.
    only_when_set: bool = False
    # Whether a user writes it (`truce import`, `truce record`, the API): `ClaimInput`'s fields.
    written: bool = True
    # Whether a reviewer may change it in a candidate before accepting it.
    editable: bool = False
    # Few distinct values across a record (stored dictionary-encoded in snapshots).
    repeats: bool = False
    # `truce record`'s option for it, when it has one.
    option: str | None = None


# In `Claim`'s order (its dataclass fields, and so the positional order older code builds by).
FIELDS: tuple[ClaimField, ...] = (
    ClaimField("id", "text",
               "the claim's content hash: the same claim has the same id in every ledger",
               length=64, nullable=False, in_payload=False, written=False),
    ClaimField("agreement", "text", "agreement id", length=200, nullable=False, repeats=True,
               option="--agreement"),
    ClaimField("type", "text", "event type: built-in, or a provision the agreement declares",
               length=32, nullable=False, editable=True, repeats=True, option="--type"),
    ClaimField("date", "date",
               "when, as the source put it: 2023-11-24, 2023-11-24T16:00+02:00, 2023-W47, 2023-11",
               length=40, nullable=False, editable=True, option="--date"),
    ClaimField("date_precision", "choice", "exact, day, week or month; inferred from the date",
               length=16, nullable=False, editable=True, repeats=True, option="--date-precision"),
    ClaimField("event_id", "text", "claims with one key are one event", length=200,
               editable=True, option="--event-id"),
    ClaimField("actor", "text", "acting party id", length=200, editable=True, repeats=True,
               option="--actor"),
    ClaimField("target", "text", "party acted upon", length=200, editable=True, repeats=True,
               option="--target"),
    ClaimField("quantity", "count", "how many, as the source put it (see qualifier)",
               editable=True, option="--quantity"),
    ClaimField("subject", "text", "subject id, e.g. hostages", length=200, editable=True,
               repeats=True, option="--subject"),
    ClaimField("categories", "list", "who the figure counts, e.g. women",
               nullable=False, editable=True, repeats=True, option="--category"),
    ClaimField("status", "choice", "verification status", length=32, nullable=False,
               repeats=True, option="--status"),
    ClaimField("sources", "sources", "who reported it", nullable=False, repeats=True),
    ClaimField("quote", "text", "the words of the source", editable=True, option="--quote"),
    ClaimField("reliability", "text", "Admiralty grade, e.g. B2", length=2, repeats=True,
               option="--reliability"),
    ClaimField("location", "text", "where, in words", editable=True, repeats=True,
               option="--location"),
    ClaimField("supersedes", "text", "id of the claim this one corrects", length=64,
               option="--supersedes"),
    ClaimField("notes", "text", "anything a monitor adds", editable=True, repeats=True,
               option="--notes"),
    ClaimField("recorded_by", "text", "who records it", length=200, in_payload=False,
               written=False, repeats=True, option="--by"),
    ClaimField("phase", "text", "the agreement's phase it belongs to", length=200, repeats=True,
               option="--phase"),
    ClaimField("extra", "object", "anything else, kept as is: a JSON object", only_when_set=True,
               repeats=True, option="--extra"),
    # Stored NULL when exact, as for every claim recorded before qualifiers (migration 0005).
    ClaimField("qualifier", "choice",
               "how the source put it: at_least, more_than, over, about, nearly, up_to",
               length=16, only_when_set=True, editable=True, repeats=True, option="--qualifier"),
    # Sub-counts of the quantity ("30, including 15 women and 15 minors"): a JSON object of
    # category to whole number, stored NULL when none, as for every claim before migration 0013.
    ClaimField("parts", "object",
               "sub-counts of the quantity, CATEGORY=N: '30, including 15 women' is women=15",
               only_when_set=True, editable=True, repeats=True, option="--part"),
)  # fmt: skip

# A source of a claim, in `Source`'s order: what the flat exports and `truce record` spell out.
SOURCE_FIELDS: tuple[str, ...] = ("outlet", "url", "speaker", "role", "anonymous", "via")

BY_NAME: dict[str, ClaimField] = {f.name: f for f in FIELDS}
NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
# Each field's one-line help: what `truce record --help`, the review form and the published
# copy's column descriptions say of it.
HELP: dict[str, str] = {f.name: f.help for f in FIELDS}
# `truce record`'s help for each field's option: a list's option is given once per item.
OPTION_HELP: dict[str, str] = {
    f.name: f.help + ("; repeat for several" if f.kind == "list" or f.name == "parts" else "")
    for f in FIELDS
    if f.option
}
# A field's name as a label reads it: `event id`.
LABEL: dict[str, str] = {f.name: f.name.replace("_", " ") for f in FIELDS}
# The payload's keys (`Claim.payload()`), and those it carries only when set.
PAYLOAD_KEYS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.in_payload)
OPTIONAL_PAYLOAD_KEYS: frozenset[str] = frozenset(f.name for f in FIELDS if f.only_when_set)
WRITTEN: tuple[str, ...] = tuple(f.name for f in FIELDS if f.written)
EDITABLE: frozenset[str] = frozenset(f.name for f in FIELDS if f.editable)
REPEATED: frozenset[str] = frozenset(f.name for f in FIELDS if f.repeats)
COUNTS: frozenset[str] = frozenset(f.name for f in FIELDS if f.kind == "count")
# Stored as JSON text: the value read back is decoded, and compared decoded.
JSON_KINDS: frozenset[str] = frozenset({"list", "sources", "object"})
JSON_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.kind in JSON_KINDS)

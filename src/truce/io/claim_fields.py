"""From one parsed record (a JSON object, a CSV row) to a domain `Claim`, or a reason why not."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from truce.domain.claim_fields import SOURCE_FIELDS, WRITTEN
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.errors import InvalidClaimLine, MalformedLine
from truce.io import json_text
from truce.io.csv_cells import restore
from truce.services.admission import input_error

# Keys an export adds to the public contract; accepted so exported files import again. The
# place's columns repeat `extra.place`, which the `extra` column brings back whole, and the
# code columns the type's (or `extra`'s) PLOVER and CAMEO codes.
EXPORT_KEYS = ("id", "recorded_by", "lat", "lon", "admin1", "country", "geo_precision", "plover",
               "cameo")  # fmt: skip
# What a user writes of a claim and of each of its sources (`domain.claim_fields`).
CLAIM_FIELDS = WRITTEN
FLAT_SOURCE_COLUMNS = tuple(f"source_{name}" for name in SOURCE_FIELDS)
CSV_COLUMNS = frozenset(CLAIM_FIELDS + FLAT_SOURCE_COLUMNS + EXPORT_KEYS)

ZoneFor = Callable[[str], ZoneInfo]
_DIGITS = re.compile(r"[0-9]{1,20}")
# The CSV columns holding JSON text, with an example of each for a cell that is not.
_JSON_EXAMPLES = {"sources": '[{"outlet": "AFP", "anonymous": false}]', "extra": "{}",
                  "parts": '{"women": 15, "minors": 15}'}  # fmt: skip


def record_to_claim(record: Any, zone_for: ZoneFor) -> Claim:
    """Validate one record against the claim contract; raise a `TruceError` saying what is wrong."""
    if not isinstance(record, dict):
        raise MalformedLine(f"expected a JSON object, found {_json_kind(record)}")
    fields = {k: v for k, v in record.items() if k not in EXPORT_KEYS}
    try:
        claim_input = ClaimInput.model_validate(fields)
    except ValidationError as exc:
        raise input_error(exc, InvalidClaimLine(_describe(exc), hint=_hint(exc))) from None
    claim = claim_input.to_claim(zone_for(claim_input.agreement), record.get("recorded_by"))
    given = record.get("id")
    if given and given != claim.id:
        raise InvalidClaimLine(
            f"id {given!r} does not match the claim's content (which gives {claim.id})",
            hint="ids are content hashes: drop the `id` field, or undo the edit to the claim",
        )
    return claim


def csv_record(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as a claim record: empty cells omitted, lists and JSON columns decoded, and
    cells neutralised against formulas on export read back as they were."""
    row = {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}
    record: dict[str, Any] = {k: v for k, v in row.items() if v.strip() and k in CLAIM_FIELDS}
    for key in EXPORT_KEYS:
        if row.get(key, "").strip():
            record[key] = row[key]
    if "quantity" in record and _DIGITS.fullmatch(record["quantity"].strip()):
        # A CSV cell is text; only plain digits are a count (`13.5`, `true` stay text and fail,
        # and so do digits too many to be a count, before `int` is asked to read them).
        record["quantity"] = int(record["quantity"])
    if "categories" in record:
        record["categories"] = [c.strip() for c in record["categories"].split(";") if c.strip()]
    for key in ("sources", "extra", "parts"):
        if key in record:
            try:
                record[key] = json_text.loads(record[key])
            except ValueError as exc:
                raise MalformedLine(
                    f"column `{key}` is not valid JSON: {exc}",
                    hint=f"write `{key}` as JSON text, e.g. " + _JSON_EXAMPLES[key],
                ) from None
    flat = {
        name: row[column]
        for name, column in zip(SOURCE_FIELDS, FLAT_SOURCE_COLUMNS, strict=True)
        if row.get(column, "").strip()
    }
    if flat:
        if "sources" in record:
            raise MalformedLine(
                "both a `sources` column and `source_*` columns are filled",
                hint="use one: `sources` as JSON text, or the flat source_* columns",
            )
        record["sources"] = [flat]
    return record


def _json_kind(value: Any) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number",
             bool: "true/false", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "claim"
        if error["type"] == "extra_forbidden":
            parts.append(f"unknown field `{where}`")
        elif error["type"] == "missing":
            parts.append(f"missing field `{where}`")
        else:
            message = error["msg"].removeprefix("Value error, ")
            parts.append(f"`{where}`: {message}")
    return "; ".join(parts)


def _hint(exc: ValidationError) -> str:
    kinds = {e["type"] for e in exc.errors()}
    if "extra_forbidden" in kinds or "missing" in kinds:
        return "a claim needs agreement, type and date; other fields: " + ", ".join(
            f for f in CLAIM_FIELDS if f not in ("agreement", "type", "date")
        )
    return InvalidClaimLine.default_hint

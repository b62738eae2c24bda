"""The claim contract at the edge: what `truce import` and `truce record` accept, validated.

A `ClaimInput` is what a user writes; `to_claim` turns it into the immutable domain `Claim`
once the agreement (and so its time zone) is known.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator
from pydantic_core import PydanticCustomError

from truce.domain.bounds import MAX_QUANTITY, date_range_text, day_in_range
from truce.domain.claims import (
    Claim,
    ClaimStatus,
    DatePrecision,
    Source,
    check_reliability,
    claim_id_for,
    parts_of,
)
from truce.domain.place import PLACE_PROBLEM, check_place
from truce.domain.provisions import event_type
from truce.domain.readings import Qualifier, qualifier, whole_range

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# The pydantic error type of a date outside `bounds`, so each edge can give it its own code.
DATE_OUT_OF_RANGE = "date_out_of_range"
# A claim names the few categories of what it counts (women, minors); a list past this is not
# a claim's, and its refusal would otherwise echo every entry back.
MAX_CATEGORIES = 50
# Sub-counts (`parts`): the pydantic error types each edge turns into its own code (V540-V544),
# and the most parts a claim may give (a breakdown names a few categories, as `categories` do).
BAD_PARTS = "bad_parts"
TOO_MANY_PARTS = "too_many_parts"
PARTS_WITHOUT_QUANTITY = "parts_without_quantity"
PARTS_EXCEED_TOTAL = "parts_exceed_total"
MAX_PARTS = MAX_CATEGORIES
# A float in `extra` that is not finite (NaN, an infinity): JSON has no such number, so the
# claim could be neither hashed as JSON others can read nor written out (I431).
NOT_FINITE = "not_finite"


class SourceInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outlet: str | None = None
    url: str | None = None
    speaker: str | None = None
    role: str | None = None
    anonymous: bool = False
    via: str | None = Field(None, description="who relayed it: 'AFP cited an unnamed source'")

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        return None if value is None else check_source_url(value)


class ClaimInput(BaseModel):
    """One claim as written in JSON Lines or CSV, or given to `truce record`."""

    model_config = ConfigDict(extra="forbid")

    agreement: str
    type: str = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="a built-in event type (`release`, `statement`, ...) or a provision the "
        "agreement declares (`deployment`)",
    )
    date: str = Field(
        description="2023-11-24T16:00:00+02:00 (exact), 2023-11-24 (day), 2023-W47 (week), "
        "2023-11 (month); a time without offset is read in the agreement's time zone"
    )
    date_precision: DatePrecision | None = Field(None, description="inferred from `date`")
    event_id: str | None = Field(None, description="claims with the same key are one event")
    actor: str | None = None
    target: str | None = None
    # Strict: JSON's `true` and `13.5` are not counts, and a figure past 2^53 loses digits in a
    # browser's JSON reader.
    quantity: StrictInt | None = Field(None, ge=0, le=MAX_QUANTITY)
    qualifier: Qualifier = Field(
        Qualifier.EXACT,
        description="how the quantity was put: exact, at_least, more_than, about, nearly, up_to",
    )
    subject: str | None = None
    categories: list[str] = Field(default_factory=list, max_length=MAX_CATEGORIES)
    status: ClaimStatus = ClaimStatus.REPORTED
    sources: list[SourceInput] = Field(default_factory=list)
    quote: str | None = None
    reliability: str | None = Field(None, description="Admiralty grade, e.g. B2")
    location: str | None = None
    supersedes: str | None = Field(None, description="id of the claim this one corrects")
    notes: str | None = None
    phase: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict, description="anything else, kept as is")
    parts: dict[str, int] = Field(
        default_factory=dict,
        description='sub-counts of `quantity` by category: {"women": 15, "minors": 15} for '
        "'30, including 15 women and 15 minors'",
    )

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return event_type(value)

    @field_validator("qualifier", mode="before")
    @classmethod
    def _qualifier(cls, value: object) -> Qualifier:
        return qualifier(value if isinstance(value, str) or value is None else str(value))

    @field_validator("parts", mode="before")
    @classmethod
    def _parts(cls, value: object) -> dict[str, int]:
        return check_parts(value)

    @model_validator(mode="after")
    def _parts_fit(self) -> ClaimInput:
        if not self.parts:
            return self
        if self.quantity is None:
            raise PydanticCustomError(
                PARTS_WITHOUT_QUANTITY,
                "parts {parts} given for a claim with no quantity: parts count within a total",
                {"parts": _parts_text(self.parts)},
            )
        total = sum(self.parts.values())
        _, highest = whole_range(self.quantity, self.qualifier)
        if highest is not None and total > highest:
            how = "" if self.qualifier is Qualifier.EXACT else f"{self.qualifier.value} "
            raise PydanticCustomError(
                PARTS_EXCEED_TOTAL,
                "parts {parts} add up to {total}, more than the quantity {how}{quantity} allows "
                "(at most {highest})",
                {"parts": _parts_text(self.parts), "total": total, "how": how,
                 "quantity": self.quantity, "highest": highest},
            )  # fmt: skip
        return self

    @field_validator("reliability")
    @classmethod
    def _grade(cls, value: str | None) -> str | None:
        return None if value is None else check_reliability(value)

    @field_validator("extra")
    @classmethod
    def _place(cls, value: dict[str, Any]) -> dict[str, Any]:
        where = not_finite_at(value)
        if where is not None:
            raise PydanticCustomError(
                NOT_FINITE, "extra{where} is {value}, a number JSON cannot hold",
                {"where": where[0], "value": repr(where[1])},
            )  # fmt: skip
        if "place" not in value:
            return value
        try:
            return {**value, "place": check_place(value["place"])}
        except ValueError as exc:
            raise PydanticCustomError(PLACE_PROBLEM, "{problem}", {"problem": str(exc)}) from None

    @field_validator("date")
    @classmethod
    def _parsable(cls, value: str) -> str:
        when, _ = parse_claim_date(value, ZoneInfo("UTC"))
        # The calendar date as written, so the bound does not move with the agreement's zone.
        if not day_in_range(when.date()):
            raise PydanticCustomError(
                DATE_OUT_OF_RANGE,
                "date {date} is outside the range claims may carry ({range})",
                {"date": value.strip(), "range": date_range_text()},
            )
        return value

    def to_claim(self, zone: ZoneInfo, recorded_by: str | None = None) -> Claim:
        when, inferred = parse_claim_date(self.date, zone)
        precision = self.date_precision or inferred
        claim = Claim(
            id="",
            agreement=self.agreement,
            type=self.type,
            date=when,
            date_precision=precision,
            event_id=self.event_id,
            actor=self.actor,
            target=self.target,
            quantity=self.quantity,
            subject=self.subject,
            categories=tuple(self.categories),
            status=self.status,
            sources=tuple(Source(**s.model_dump()) for s in self.sources),
            quote=self.quote,
            reliability=self.reliability,
            location=self.location,
            supersedes=self.supersedes,
            notes=self.notes,
            recorded_by=recorded_by,
            phase=self.phase,
            extra=dict(self.extra),
            qualifier=self.qualifier if self.quantity is not None else Qualifier.EXACT,
            parts=parts_of(self.parts),
        )
        return with_content_id(claim)


def not_finite_at(value: Any) -> tuple[str, float] | None:
    """Where in `value` (as `.key[0]`) a float that is not finite is, with it; None if nowhere."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, found = stack.pop()
        if isinstance(found, float) and not math.isfinite(found):
            return path, found
        if isinstance(found, dict):
            stack.extend((f"{path}.{key}", inner) for key, inner in found.items())
        elif isinstance(found, list | tuple):
            stack.extend((f"{path}[{n}]", inner) for n, inner in enumerate(found))
    return None


def check_parts(value: object) -> dict[str, int]:
    """Sub-counts as written: an object of category names to whole numbers from 0 to
    `MAX_QUANTITY`, at most `MAX_PARTS` of them; anything else is refused with what was wrong."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PydanticCustomError(
            BAD_PARTS, "parts must be an object of category to count, not {kind}",
            {"kind": type(value).__name__},
        )  # fmt: skip
    if len(value) > MAX_PARTS:
        raise PydanticCustomError(
            TOO_MANY_PARTS, "{n} parts given; a claim gives at most {most}",
            {"n": len(value), "most": MAX_PARTS},
        )  # fmt: skip
    out: dict[str, int] = {}
    for name, count in value.items():
        category = name.strip() if isinstance(name, str) else ""
        if not category or len(category) > 200:
            raise PydanticCustomError(
                BAD_PARTS, "part name {name} is not a category id", {"name": repr(name)[:60]}
            )
        # Strict, as `quantity` is: `true`, 2.5 and "15" are not counts.
        if type(count) is not int or not 0 <= count <= MAX_QUANTITY:
            raise PydanticCustomError(
                BAD_PARTS,
                "part {name}={count} is not a whole number from 0 to {most}",
                {"name": category, "count": repr(count)[:40], "most": MAX_QUANTITY},
            )
        if category in out:
            raise PydanticCustomError(BAD_PARTS, "part {name} is given twice", {"name": category})
        out[category] = count
    return out


def _parts_text(parts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in parts.items())


def check_source_url(url: str) -> str:
    """A source is a web page: any other scheme (javascript:, data:, file:) is refused, since the
    dashboard turns the address into a link that a mediator clicks."""
    text = url.strip()
    scheme, sep, rest = text.partition(":")
    if not sep or scheme.lower() not in ("http", "https") or not rest.startswith("//"):
        raise ValueError(
            f"source url {url[:80]!r} is not a web address: write http://... or https://..."
        )
    return text


def is_web_address(url: object) -> bool:
    return isinstance(url, str) and _checks(url)


def _checks(url: str) -> bool:
    try:
        check_source_url(url)
    except ValueError:
        return False
    return True


def with_content_id(claim: Claim) -> Claim:
    """The claim with its id set from its content."""
    from dataclasses import replace

    return replace(claim, id=claim_id_for(claim.payload()))


def parse_claim_date(text: str, zone: ZoneInfo) -> tuple[datetime, DatePrecision]:
    """Parse a claim date and say how precise it is; local forms are read in `zone`."""
    text = text.strip()
    if match := _MONTH.match(text):
        return datetime(int(match[1]), int(match[2]), 1, tzinfo=zone), DatePrecision.MONTH
    if match := _WEEK.match(text):
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise ValueError(_bad_date(text)) from None
        return datetime.combine(monday, time(0), tzinfo=zone), DatePrecision.WEEK
    if len(text) == 10:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError(_bad_date(text)) from None
        return datetime.combine(day, time(0), tzinfo=zone), DatePrecision.DAY
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(_bad_date(text)) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    return when, DatePrecision.EXACT


def _bad_date(text: str) -> str:
    return (
        f"date {text!r} is not understood: write 2023-11-24T16:00:00+02:00, 2023-11-24, "
        "2023-W47 or 2023-11"
    )

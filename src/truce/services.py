"""The operations every interface offers, composed from the storage layer and the domain core.

The CLI (and later the API) parse input, call one of these, and format what comes back.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from truce.domain.claim_input import ClaimInput
from truce.domain.engine import evaluate_frame
from truce.domain.engine.timeline import timeline
from truce.errors import ClaimError, TruceError
from truce.spec import load_spec_file
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult, Entry


class BadInstant(TruceError):
    code = "C101"
    default_hint = "write an ISO 8601 time such as 2023-11-28T12:00 or 2023-11-28T12:00+02:00"


def add_agreement_file(ledger: Ledger, path: str | Path, recorded_by: str | None) -> Entry:
    spec, text = load_spec_file(path)
    return ledger.add_agreement(spec, text, recorded_by)


def parse_instant(text: str | None, zone: ZoneInfo) -> datetime:
    """`--at` values: a full time, a local time, or a date (its end, so the day is complete)."""
    if text is None or text == "now":
        return datetime.now(zone)
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime.combine(day, time(23, 59, 59), tzinfo=zone)
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInstant(f"cannot read the instant {text!r}") from None
    return when if when.tzinfo is not None else when.replace(tzinfo=zone)


def status(ledger: Ledger, agreement: str, at: str | None = None) -> dict[str, Any]:
    spec, _ = ledger.agreement(agreement)
    frame, fetch = ledger.frame(agreement)
    return evaluate_frame(spec, frame, fetch, parse_instant(at, spec.zone))


def agreement_timeline(ledger: Ledger, agreement: str) -> list[dict[str, Any]]:
    spec, _ = ledger.agreement(agreement)
    return timeline(spec, ledger.claims(agreement))


def record_claim(ledger: Ledger, fields: dict[str, Any], recorded_by: str | None) -> AppendResult:
    """Validate one claim given as fields and append it."""
    try:
        claim_input = ClaimInput.model_validate(fields)
    except ValidationError as exc:
        raise ClaimError(_first_problem(exc)) from None
    spec, _ = ledger.agreement(claim_input.agreement)
    return ledger.append_claims([claim_input.to_claim(spec.zone, recorded_by)], recorded_by)


def _first_problem(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "claim"
        problems.append(f"{where}: {err['msg']}")
    return "; ".join(problems)

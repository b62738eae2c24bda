"""The operations every interface offers, composed from the storage layer and the domain core.

The CLI (and later the API) parse input, call one of these, and format what comes back.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from truce.access import Principal, check_submission, own_source
from truce.admission import admit, input_error, lookalike_warnings
from truce.domain.bounds import date_range_text, day_in_range
from truce.domain.claim_checks import unchecked
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate_frame
from truce.domain.engine.answer import shown_instant
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.horizon import Horizon
from truce.domain.engine.timeline import timeline
from truce.domain.spec import AgreementSpec
from truce.errors import ClaimError, ExampleDamaged, TruceError
from truce.pretty import json_text
from truce.spec import load_spec_file
from truce.storage import held
from truce.storage.answers import Kept
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult, Entry
from truce.supersession import check_supersedes


class BadInstant(TruceError):
    code = "C101"
    default_hint = "write an ISO 8601 time such as 2023-11-28T12:00 or 2023-11-28T12:00+02:00"


class InstantOutOfRange(BadInstant):
    code = "V501"
    default_hint = f"ask about an instant from {date_range_text()}"


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
            when = datetime.combine(day, time(23, 59, 59), tzinfo=zone)
        else:
            when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInstant(f"cannot read the instant {text!r}") from None
    # The day as written: the same bound claims' dates have, whatever the offset.
    if not day_in_range(when.date()):
        raise InstantOutOfRange(f"the instant {text!r} is outside {date_range_text()}")
    return when if when.tzinfo is not None else when.replace(tzinfo=zone)


def status(ledger: Ledger, agreement: str, at: str | None = None) -> dict[str, Any]:
    """The agreement's state at `at` (default now), as plain data (docs/status.md)."""
    found = _status(ledger, agreement, at, printed=False)
    return json.loads(found) if isinstance(found, str) else found


def status_text(ledger: Ledger, agreement: str, at: str | None = None) -> str:
    """`status` as the JSON text `truce status --json` prints (`pretty.json_text`), checked
    against the answer's contract as `status_answer` checks it."""
    found = _status(ledger, agreement, at, printed=True)
    return found if isinstance(found, str) else _printed(found)


def status_holding(ledger: Ledger, agreement: str) -> tuple[dict[str, Any], float]:
    """The answer for now, and the instant until which it holds with no new claims (now
    itself when nothing says it holds longer): for pages and watchers that ask again."""
    answer = status(ledger, agreement)
    store = ledger.answers(agreement)
    found = held.span(store, store.head())
    now = datetime.fromisoformat(answer["at"]).timestamp()
    return answer, found[1] if found is not None and found[0] <= now < found[1] else now


def status_answer(ledger: Ledger, agreement: str, at: str | None = None) -> StatusAnswer:
    """`status`, checked against the answer's contract and typed (docs/status.md)."""
    return StatusAnswer.of(status(ledger, agreement, at))


def _status(ledger: Ledger, agreement: str, at: str | None, printed: bool) -> str | dict[str, Any]:
    """The answer as JSON text (as printed, if `printed`) or as data judged now.

    An answer to an explicit instant is kept (`storage.answers`) and read back while the chain
    and the judging code are unchanged: as printed when asked for printed (checked against the
    contract first), else in the standard library's compact form, a third of the time to write.
    A status "now" is kept with the span of instants it holds for (`storage.held`), and serves
    any instant in that span."""
    spec, _ = ledger.agreement(agreement)
    when = parse_instant(at, spec.zone)
    store = ledger.answers(agreement)
    if not store.usable:
        data = _judged(ledger, agreement, spec, when)
        return _printed(data) if printed else data
    head = store.head()
    found = held.read(store, head, when.timestamp())
    if found is not None:
        if printed and not found.kept.printed:  # printed once, then kept as printed
            text = _printed(json.loads(found.kept.text))
            found = replace(found, kept=Kept(text, printed=True))
            held.keep(store, head, found.judged_at, found.until, found.shown, found.kept)
        shown = shown_instant(when.timestamp(), spec.zone)
        if not printed:  # as data: read once, the instant set there
            return {**json.loads(found.kept.text), "at": shown}
        moved = found.printed_at(shown)
        return (
            moved if moved is not None else _printed({**json.loads(found.kept.text), "at": shown})
        )
    if at is None or at == "now":
        horizon = Horizon(when.timestamp())
        data = _judged(ledger, agreement, spec, when, horizon)
        text = _printed(data) if printed else json.dumps(data)
        held.keep(store, head, horizon.at, horizon.until, data["at"], Kept(text, printed))
        return text if printed else data
    asked = when.isoformat()
    kept = store.read(head, asked)
    if kept is not None and (kept.printed or not printed):
        return kept.text
    data = json.loads(kept.text) if kept is not None else _judged(ledger, agreement, spec, when)
    if printed:
        text = _printed(data)
        store.keep(head, asked, text, printed=True)
        return text
    store.keep(head, asked, json.dumps(data), printed=False)
    return data


def _printed(data: dict[str, Any]) -> str:
    return json_text(StatusAnswer.of(data).as_data())


def _judged(
    ledger: Ledger,
    agreement: str,
    spec: AgreementSpec,
    when: datetime,
    horizon: Horizon | None = None,
) -> dict[str, Any]:
    versions = ledger.agreement_versions(agreement)
    frame, fetch = ledger.frame(agreement)
    return evaluate_frame(spec, frame, fetch, when, versions, horizon)


def agreement_timeline(
    ledger: Ledger, agreement: str, at: str | None = None
) -> list[dict[str, Any]]:
    """The record in clock order; with `at`, only what had surely happened by that instant."""
    spec, _ = ledger.agreement(agreement)
    instant = parse_instant(at, spec.zone) if at else None
    return timeline(spec, ledger.claims(agreement), instant)


def submission(ledger: Ledger, who: Principal, fields: dict[str, Any]) -> dict[str, Any]:
    """A claim as `who` may submit it, through the API or the dashboard alike: a party only in
    its own name and never as a verdict, stamped with its own source when it names none."""
    spec, _ = ledger.agreement(str(fields.get("agreement")))
    check_submission(who, fields, {p.id for p in spec.parties})
    if who.role.party is not None and not fields.get("sources"):
        fields = {**fields, "sources": [own_source(who.role.party)]}
    return fields


def record_claim(
    ledger: Ledger,
    fields: dict[str, Any],
    recorded_by: str | None,
    who: Principal | None = None,
    allow_unknown: bool = False,
) -> AppendResult:
    """Validate one claim given as fields and append it; `who`, when given, must be allowed to.
    Each recorded event the claim looks like under another event id gives a warning."""
    try:
        claim_input = ClaimInput.model_validate(fields)
    except ValidationError as exc:
        raise input_error(exc, ClaimError(_first_problem(exc))) from None
    spec, _ = ledger.agreement(claim_input.agreement)
    claim = admit(spec, claim_input.to_claim(spec.zone, recorded_by), allow_unknown)
    if who is not None:
        check_supersedes(ledger, who, [claim])
    recorded = ledger.claims_like(claim) if claim.quantity is not None else []
    warnings = lookalike_warnings(spec, claim, recorded)
    result = ledger.append_claims([claim], recorded_by)
    return replace(result, warnings=tuple(warnings)) if claim.id in result.added else result


def _first_problem(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "claim"
        problems.append(f"{where}: {err['msg']}")
    return "; ".join(problems)


VERDICTS = {"confirmed", "disputed", "retracted", "under_investigation"}


def change_status(
    ledger: Ledger, claim_id: str, status: str, by: str | None, note: str | None = None
) -> AppendResult:
    """A mediator's verdict on a claim: a new claim, same content, that supersedes it."""
    if status not in VERDICTS:
        raise ClaimError(
            f"{status!r} is not a verdict", hint=f"use one of {', '.join(sorted(VERDICTS))}"
        )
    old = ledger.claim(claim_id)
    fields = {k: v for k, v in old.payload().items() if v is not None}
    fields.update(status=status, supersedes=old.id, event_id=old.event_id or old.id)
    fields["notes"] = note or f"{status} by {by or 'unknown'}"
    # A verdict on a claim kept deliberately with `--allow-unknown` keeps it so, flagged.
    return record_claim(ledger, fields, by, allow_unknown=bool(unchecked(old)))


def supersede(
    ledger: Ledger,
    claim_id: str,
    fields: dict[str, Any],
    by: str | None,
    who: Principal | None = None,
) -> AppendResult:
    """A correction: the new claim's fields, recorded as superseding `claim_id`."""
    old = ledger.claim(claim_id)
    given = {**fields, "supersedes": old.id}
    given.setdefault("agreement", old.agreement)
    given.setdefault("event_id", old.event_id or old.id)
    return record_claim(ledger, given, by, who)


def filter_claims(
    claims: list[Claim],
    *,
    type_: str | None = None,
    actor: str | None = None,
    status: str | None = None,
    recorded_by: str | None = None,
) -> list[Claim]:
    def keep(c: Claim) -> bool:
        return (
            (type_ is None or c.type == type_)
            and (actor is None or c.actor == actor)
            and (status is None or c.status.value == status)
            and (recorded_by is None or c.recorded_by == recorded_by)
        )

    return [c for c in claims if keep(c)]


EXAMPLE_RECORD = "gaza-2023-11.jsonl"


def load_bundled_example(ledger: Ledger, by: str) -> AppendResult:
    """Every bundled agreement, and the day-by-day record of the Gaza 2023 pause."""
    from truce.examples import examples_dir
    from truce.io.claims_file import load_claims_file

    root = examples_dir()
    for spec_path in sorted((root / "agreements").glob("*.yaml")):
        add_agreement_file(ledger, spec_path, by)
    batch = load_claims_file(root / "claims" / EXAMPLE_RECORD, ledger)
    if batch.errors:
        raise ExampleDamaged(batch.errors[0].render())
    return ledger.append_claims(batch.claims, by)

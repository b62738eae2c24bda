"""An agreement's status at an instant: judged, or read back from the kept answers."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from truce.domain.engine import evaluate_frame
from truce.domain.engine.answer import shown_instant
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.horizon import Horizon
from truce.domain.spec import AgreementSpec
from truce.pretty import json_text
from truce.services.instants import parse_instant
from truce.storage import held
from truce.storage.answers import Kept
from truce.storage.ledger import Ledger


def status(ledger: Ledger, agreement: str, at: str | None = None) -> dict[str, Any]:
    """The agreement's state at `at` (default now), as plain data (docs/status.md)."""
    found, _ = _status(ledger, agreement, at, printed=False)
    return json.loads(found) if isinstance(found, str) else found


def status_text(ledger: Ledger, agreement: str, at: str | None = None) -> str:
    """`status` as the JSON text `truce status --json` prints (`pretty.json_text`), checked
    against the answer's contract as `status_answer` checks it."""
    found, _ = _status(ledger, agreement, at, printed=True)
    return found if isinstance(found, str) else _printed(found)


def status_holding(ledger: Ledger, agreement: str) -> tuple[dict[str, Any], float]:
    """The answer for now, and the instant until which it holds with no new claims (now
    itself when nothing says it holds longer): for pages and watchers that ask again."""
    found, span = _status(ledger, agreement, None, printed=False)
    answer = json.loads(found) if isinstance(found, str) else found
    now = datetime.fromisoformat(answer["at"]).timestamp()
    return answer, span[1] if span is not None and span[0] <= now < span[1] else now


def answer_head(ledger: Ledger, agreement: str) -> object:
    """The chain head the agreement's kept answers are keyed by: equal heads, same record."""
    return ledger.answers(agreement).head()


def status_answer(ledger: Ledger, agreement: str, at: str | None = None) -> StatusAnswer:
    """`status`, checked against the answer's contract and typed (docs/status.md)."""
    return StatusAnswer.of(status(ledger, agreement, at))


Span = tuple[float, float]  # the instants [T, U) a "now" answer holds for (`storage.held`)


def _status(
    ledger: Ledger, agreement: str, at: str | None, printed: bool
) -> tuple[str | dict[str, Any], Span | None]:
    """The answer as JSON text (as printed, if `printed`) or as data judged now, and the span
    of instants it holds for when it was judged or read as a status "now" (else None).

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
        return (_printed(data) if printed else data), None
    head = store.head()
    found = held.read(store, head, when.timestamp())
    if found is not None:
        if printed and not found.kept.printed:  # printed once, then kept as printed
            text = _printed(json.loads(found.kept.text))
            found = replace(found, kept=Kept(text, printed=True))
            held.keep(store, head, found.judged_at, found.until, found.shown, found.kept)
        shown = shown_instant(when.timestamp(), spec.zone)
        held_for = (found.judged_at, found.until)
        if not printed:  # as data: read once, the instant set there
            return {**json.loads(found.kept.text), "at": shown}, held_for
        moved = found.printed_at(shown)
        if moved is None:
            moved = _printed({**json.loads(found.kept.text), "at": shown})
        return moved, held_for
    if at is None or at == "now":
        horizon = Horizon(when.timestamp())
        data = _judged(ledger, agreement, spec, when, horizon)
        text = _printed(data) if printed else json.dumps(data)
        held.keep(store, head, horizon.at, horizon.until, data["at"], Kept(text, printed))
        return (text if printed else data), (horizon.at, horizon.until)
    asked = when.isoformat()
    kept = store.read(head, asked)
    if kept is not None and (kept.printed or not printed):
        return kept.text, None
    data = json.loads(kept.text) if kept is not None else _judged(ledger, agreement, spec, when)
    if printed:
        text = _printed(data)
        store.keep(head, asked, text, printed=True)
        return text, None
    store.keep(head, asked, json.dumps(data), printed=False)
    return data, None


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

"""The state of an agreement at an instant, under every reading the sources allow."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from truce.domain.claims import Claim, EventType
from truce.domain.engine import deadlines, prohibitions, ratios, rules, terms
from truce.domain.engine.answer import Counts, ends_of, render
from truce.domain.engine.assess import Assessment, Evaluator
from truce.domain.engine.events import Event, reduce_claims
from truce.domain.engine.index import EventIndex, Index, known_by, pending_at
from truce.domain.engine.reach import terms_touched
from truce.domain.engine.verdicts import ExtensionVerdict, Verdict
from truce.domain.engine.versions import Judge, judging
from truce.domain.spec import AgreementSpec

EVALUATORS: dict[str, Evaluator] = {
    "quota": terms.quota,
    "ratio": ratios.ratio,
    "extension": terms.extension,
    "gate": rules.gate,
    "deadline": deadlines.deadline,
    "order": rules.order,
    "prohibition": prohibitions.prohibition,
    "opt_in": deadlines.opt_in,
    "pool": rules.pool,
    "renewal": rules.renewal,
}


@dataclass
class Outcome:
    """Everything one reading concludes, keyed for comparison between readings."""

    assessment: Assessment
    verdicts: list[Verdict]
    extensions: list[ExtensionVerdict]
    state: str
    phase: str | None

    def keyed(self) -> dict[str, str]:
        found = {v.id: v.status for v in self.verdicts}
        for ext in self.extensions:
            for row in ext.days:
                found[f"{ext.term}/day-{row['day'] or row.get('renewal')}"] = row["status"]
        found["state"] = self.state
        ends = ends_of(self.assessment)
        found["ends_at"] = "open" if ends is None else f"{ends:.0f}"
        return found


def outcome(
    spec: AgreementSpec,
    index: EventIndex,
    at: float,
    only: set[str] | None = None,
    same_clocks: Assessment | None = None,
) -> Outcome:
    assessment = Assessment(spec, index, at, EVALUATORS, same_clocks)
    verdicts: list[Verdict] = []
    extensions: list[ExtensionVerdict] = []
    for result in assessment.all_terms(only):
        verdicts.extend(result.verdicts)
        if result.extension is not None:
            extensions.append(result.extension)
    state, phase = _state(assessment)
    return Outcome(assessment, verdicts, extensions, state, phase)


def _state(a: Assessment) -> tuple[str, str | None]:
    clocks = list(a.clocks.values())
    if a.at >= a.ended_at:
        return "ended", None
    for clock in clocks:
        if clock.contains(a.at):
            return "active", clock.phase.id
    started = [c for c in clocks if c.start is not None]
    if not started or (started[0].start or 0) > a.at:
        return "pending", None
    waiting = [c for c in clocks if c.start is None and c.blocked_by]
    if waiting:
        return "suspended", None
    return "ended", None


def evaluate(
    spec: AgreementSpec,
    claims: Iterable[Claim],
    at: datetime,
    versions: Sequence[AgreementSpec] = (),
) -> dict[str, Any]:
    """The agreement's state at `at`, as plain data (see docs/status.md for every key).

    `versions`: every recorded version of the spec, oldest first; the one in force at `at`
    judges (see `versions.judging`), and the answer says which. Without them, `spec` is the
    only version."""
    judge = judging(versions or [spec], at)
    with paused_gc():
        return _evaluate(judge, claims, at)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cycle collector while building millions of acyclic objects: it would scan
    them over and over for nothing, doubling the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _evaluate(judge: Judge, claims: Iterable[Claim], at: datetime) -> dict[str, Any]:
    book = reduce_claims(c for c in claims if c.agreement == judge.spec.id)
    instant = at.timestamp()
    index = Index(known_by(book.events, instant), pending_at(book.events, instant), instant)
    counts = Counts(
        book.claims,
        len(book.events),
        len(book.superseded),
        len(book.retracted),
        tuple(c.id for c in book.out_of_range),
        book.unchecked,
    )
    return assess(judge, index, counts, instant)


def assess(judge: Judge, index: EventIndex, counts: Counts, instant: float) -> dict[str, Any]:
    """The state at `instant` from indexed events, whichever way they were indexed."""
    spec = judge.spec
    main = outcome(spec, index, instant)
    base = main.keyed()  # every disputed reading is compared with the same leading verdicts
    touched: dict[tuple[object, ...], set[str] | None] = {}
    disputes = [_dispute(spec, index, main, base, e, touched) for e in index.disputed()]
    state = render(spec, counts, main, disputes, instant)
    state["spec_version"] = judge.version
    state["judged_by"] = judge.as_dict()
    main.assessment.release()
    return state


def _dispute(
    spec: AgreementSpec,
    index: EventIndex,
    main: Outcome,
    base: dict[str, str],
    event: Event,
    touched: dict[tuple[object, ...], set[str] | None],
) -> dict[str, Any]:
    # Which terms can change depends only on what selectors see of the event.
    seen = (event.type, event.actor, event.subject, event.categories)
    if seen not in touched:
        touched[seen] = terms_touched(spec, event)
    # No term counts this event's figure (and no clock moves with it): its readings agree.
    only = touched[seen]
    readings = []
    changed: dict[str, dict[str, str]] = {}
    for position, reading in enumerate(event.readings):
        entry = {
            "quantity": reading.quantity,
            "leading": position == 0,
            "claims": [c.id for c in reading.claims],
            "statuses": sorted({c.status.value for c in reading.claims}),
            "sources": sorted({s.label() for c in reading.claims for s in c.sources}),
        }
        readings.append(entry)
        if position == 0 or reading.quantity is None or only == set():
            continue
        alternative = index.with_override(event, reading.quantity)
        # Only an extension's figure or a gate's condition can move a clock; `only` is None
        # whenever a gate may depend on this figure.
        fixed = only is not None and event.type != EventType.CEASEFIRE_EXTENSION
        clocks = main.assessment if fixed else None
        other = outcome(spec, alternative, main.assessment.at, only, clocks)
        compared = other.keyed()
        other.assessment.release()
        for key in sorted(compared):
            if base.get(key) != compared[key]:
                row = changed.setdefault(key, {str(event.quantity): str(base.get(key))})
                row[str(reading.quantity)] = str(compared[key])
    return {
        "event_id": event.id,
        "type": str(event.type),
        "actor": event.actor,
        "subject": event.subject,
        "date": event.date.isoformat(),
        "readings": readings,
        "verdict_differs": bool(changed),
        "verdicts": [{"id": key, "by_reading": row} for key, row in changed.items()],
    }

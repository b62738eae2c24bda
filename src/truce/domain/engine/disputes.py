"""Disputes between sources, on figures and on dates, with the verdicts that change.

An event whose claims give figures that cannot all be true (`domain.readings`), or dates that
cannot all be true (`engine.dates`), keeps each as a reading; the leading one judges (`status`).
Here every other reading is judged too, one at a time with the rest of the record as it leads,
and each verdict that differs is reported under every reading: one rule for both kinds. A
verdict that exists under one reading only (a batch of a per-event ratio that a moved date
takes out of the phase) reads `absent` under the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from truce.domain.claims import Claim, EventType
from truce.domain.engine.assess import Assessment
from truce.domain.engine.events import Event
from truce.domain.engine.index import EventIndex
from truce.domain.engine.reach import dates_touched, terms_touched
from truce.domain.spec import AgreementSpec

if TYPE_CHECKING:
    from truce.domain.engine.status import Outcome

Judge = Callable[..., "Outcome"]
ABSENT = "absent"


class Disputes:
    """The disputes of one assessment: each compared with the same leading verdicts."""

    def __init__(self, spec: AgreementSpec, index: EventIndex, main: Outcome, judge: Judge):
        self.spec, self.index, self.main, self.judge = spec, index, main, judge
        self.base = main.keyed()
        self._touched: dict[tuple[object, ...], set[str] | None] = {}

    def figures(self, event: Event) -> dict[str, Any]:
        # Which terms can change depends only on what selectors see of the event.
        seen = (event.type, event.actor, event.subject, event.categories)
        if seen not in self._touched:
            self._touched[seen] = terms_touched(self.spec, event)
        # No term counts this event's figure (and no clock moves with it): its readings agree.
        only = self._touched[seen]
        readings = []
        changed: dict[str, dict[str, str]] = {}
        lead = str(event.quantity)
        for position, reading in enumerate(event.readings):
            label = str(reading.quantity)
            readings.append(_reading(label, position, reading.claims, quantity=reading.quantity))
            if position == 0 or reading.quantity is None or only == set():
                continue
            alternative = self.index.with_override(event, reading.quantity)
            # Only an extension's figure or a gate's condition can move a clock; `only` is None
            # whenever a gate may depend on this figure.
            fixed = only is not None and event.type != EventType.CEASEFIRE_EXTENSION
            self._compare(alternative, only, fixed, lead, label, changed)
        return _dispute(event, "figure", readings, changed)

    def dates(self, event: Event) -> dict[str, Any]:
        only = dates_touched(self.spec, event)
        labels = _unique([d.label for d in event.dates], event)
        readings = []
        changed: dict[str, dict[str, str]] = {}
        for position, (label, reading) in enumerate(zip(labels, event.dates, strict=True)):
            readings.append(
                _reading(
                    label,
                    position,
                    reading.claims,
                    date=reading.date.isoformat(),
                    precision=reading.precision.value,
                )
            )
            if position == 0 or only == set():
                continue
            alternative = self.index.with_date(event, reading)
            self._compare(alternative, only, only is not None, labels[0], label, changed)
        return _dispute(event, "date", readings, changed)

    def _compare(
        self,
        alternative: EventIndex,
        only: set[str] | None,
        fixed: bool,
        lead: str,
        label: str,
        changed: dict[str, dict[str, str]],
    ) -> None:
        main = self.main
        clocks: Assessment | None = main.assessment if fixed else None
        other = self.judge(self.spec, alternative, main.assessment.at, only, clocks)
        compared = other.keyed()
        other.assessment.release()
        keys = set(compared) | (set(self.base) if only is None else set(main.keyed(only)))
        for key in sorted(keys):
            was, now = self.base.get(key, ABSENT), compared.get(key, ABSENT)
            if was != now:
                changed.setdefault(key, {lead: was})[label] = now


def _reading(
    label: str,
    position: int,
    claims: Iterable[Claim],
    quantity: int | None = None,
    date: str | None = None,
    precision: str | None = None,
) -> dict[str, Any]:
    claims = tuple(claims)
    return {
        "label": label,
        "quantity": quantity,
        "date": date,
        "precision": precision,
        "leading": position == 0,
        "claims": [c.id for c in claims],
        "statuses": sorted({c.status.value for c in claims}),
        "sources": sorted({s.label() for c in claims for s in c.sources}),
    }


def _dispute(
    event: Event, about: str, readings: list[dict[str, Any]], changed: dict[str, dict[str, str]]
) -> dict[str, Any]:
    return {
        "event_id": event.id,
        "about": about,
        "type": str(event.type),
        "actor": event.actor,
        "subject": event.subject,
        "date": event.date.isoformat(),
        "readings": readings,
        "verdict_differs": bool(changed),
        "verdicts": [{"id": key, "by_reading": row} for key, row in changed.items()],
    }


def _unique(labels: list[str], event: Event) -> list[str]:
    """Labels that name one reading each: two claims dated "25 January" at different UTC
    offsets are two dates, named in full then."""
    if len(set(labels)) == len(labels):
        return labels
    return [f"{d.date.isoformat()} ({d.precision.value})" for d in event.dates]

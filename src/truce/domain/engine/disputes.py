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

from truce.domain.bounds import MAX_QUANTITY
from truce.domain.claims import Claim, EventType
from truce.domain.engine.alternatives import Alternatives
from truce.domain.engine.assess import Assessment
from truce.domain.engine.events import Event, Reading
from truce.domain.engine.index import EventIndex
from truce.domain.engine.reach import dates_touched, terms_touched
from truce.domain.engine.verdicts import Status
from truce.domain.readings import reading_range
from truce.domain.spec import AgreementSpec

if TYPE_CHECKING:
    from truce.domain.engine.status import Outcome

Judge = Callable[..., "Outcome"]
ABSENT = "absent"
# Other figures judged window by window from the leading judgment (`alternatives`); off, every
# one is judged afresh, the reference the property tests compare with.
WINDOWED = True
UNDETERMINED = str(Status.UNDETERMINED)


class Disputes:
    """The disputes of one assessment: each compared with the same leading verdicts."""

    def __init__(self, spec: AgreementSpec, index: EventIndex, main: Outcome, judge: Judge):
        self.spec, self.index, self.main, self.judge = spec, index, main, judge
        self.base = main.keyed()
        self.alternatives = Alternatives(spec, index, main, judge)
        self._touched: dict[tuple[object, ...], set[str] | None] = {}
        self._leading_keys: dict[frozenset[str], set[str]] = {}
        self._ranges: dict[tuple[object, ...], tuple[int, int | None]] = {}

    def figures(self, event: Event) -> dict[str, Any]:
        # Which terms can change depends only on what selectors see of the event.
        seen = (event.type, event.actor, event.subject, event.categories)
        if seen not in self._touched:
            self._touched[seen] = terms_touched(self.spec, event)
        # No term counts this event's figure (and no clock moves with it): its readings agree.
        only = self._touched[seen]
        readings = [self._rendered(position, r) for position, r in enumerate(event.readings)]
        changed: dict[str, dict[str, str]] = {}
        lead = str(event.quantity)
        for position, reading in enumerate(readings):
            label, low, high = reading["label"], reading["low"], reading["high"]
            if position == 0 or low is None or only == set():
                continue
            # Judged over the whole range its claims allow: at its lowest and its highest (the
            # largest figure a claim may give, when it has none). Where the two verdicts differ
            # the reading's is `undetermined`: the range straddles the term's bound.
            ends = [low] if high == low else [low, MAX_QUANTITY if high is None else high]
            # Only an extension's figure or a gate's condition can move a clock; `only` is None
            # whenever a gate may depend on this figure.
            fixed = only is not None and event.type != EventType.CEASEFIRE_EXTENSION
            if fixed and WINDOWED:
                assert only is not None
                judged = [self.alternatives.figure(event, v, only) for v in ends]
            else:
                overridden = (self.index.with_override(event, v) for v in ends)
                judged = [self._judge(alternative, only, fixed) for alternative in overridden]
            self._compare(_merged(judged), only, lead, label, changed)
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
            windowed = None
            if only is not None and WINDOWED:
                windowed = self.alternatives.date(event, reading, only)
            if windowed is not None:
                judged = windowed
            else:
                judged = self._judge(self.index.with_date(event, reading), only, only is not None)
            self._compare(judged, only, labels[0], label, changed)
        return _dispute(event, "date", readings, changed)

    def _judge(self, alternative: EventIndex, only: set[str] | None, fixed: bool) -> dict[str, str]:
        """The verdicts (of `only`'s terms, if given) with the record read as `alternative`."""
        main = self.main
        clocks: Assessment | None = main.assessment if fixed else None
        other = self.judge(self.spec, alternative, main.assessment.at, only, clocks)
        compared = other.keyed()
        other.assessment.release()
        return compared

    def _keys(self, only: set[str] | None) -> set[str]:
        """The leading verdicts' keys (of `only`'s terms, if given): looked up once each."""
        if only is None:
            return set(self.base)
        key = frozenset(only)
        found = self._leading_keys.get(key)
        if found is None:
            found = self._leading_keys[key] = set(self.main.keyed(only))
        return found

    def _compare(
        self,
        compared: dict[str, str],
        only: set[str] | None,
        lead: str,
        label: str,
        changed: dict[str, dict[str, str]],
    ) -> None:
        base = self.base
        # Only the keys whose verdict differs, in the order of all keys: most readings change
        # nothing, and their verdicts are not sorted for nothing.
        differ = [k for k, now in compared.items() if base.get(k, ABSENT) != now]
        differ += [k for k in self._keys(only) if k not in compared and base[k] != ABSENT]
        for key in sorted(differ):
            was, now = base.get(key, ABSENT), compared.get(key, ABSENT)
            changed.setdefault(key, {lead: was})[label] = now

    def _rendered(self, position: int, reading: Reading) -> dict[str, Any]:
        low, high = self._range(reading)
        label = str(reading.quantity)
        claims = reading.claims
        return _reading(label, position, claims, quantity=reading.quantity, low=low, high=high)

    def _range(self, reading: Reading) -> tuple[int | None, int | None]:
        """The whole numbers a figure reading's claims allow together; (None, None) with no
        figure. Worked out once per figure and claims' (figure, qualifier): they repeat."""
        if reading.quantity is None:
            return None, None
        allowed = tuple((c.quantity, c.qualifier) for c in reading.claims)
        key = (reading.quantity, allowed)
        found = self._ranges.get(key)
        if found is None:
            found = self._ranges[key] = reading_range(reading.quantity, allowed)
        return found


def _merged(judged: list[dict[str, str]]) -> dict[str, str]:
    """One reading's verdicts from its judgements at the ends of its range: each where they
    agree, `undetermined` where they do not."""
    first = judged[0]
    if len(judged) == 1:
        return first
    merged = {}
    for key in set().union(*judged):
        found = {j.get(key, ABSENT) for j in judged}
        merged[key] = found.pop() if len(found) == 1 else UNDETERMINED
    return merged


def _reading(
    label: str,
    position: int,
    claims: Iterable[Claim],
    quantity: int | None = None,
    date: str | None = None,
    precision: str | None = None,
    low: int | None = None,
    high: int | None = None,
) -> dict[str, Any]:
    claims = tuple(claims)
    return {
        "label": label,
        "quantity": quantity,
        "low": low,
        "high": high,
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

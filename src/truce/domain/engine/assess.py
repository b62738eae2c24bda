"""One reading of the record at one instant: phase clocks first, then every term."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from truce.domain.claims import EventType
from truce.domain.engine.clock import (
    PhaseClock,
    Reckoner,
    add_span,
    local_instant,
    spec_instant,
)
from truce.domain.engine.events import Event
from truce.domain.engine.extend import Run as _Run
from truce.domain.engine.index import EventIndex
from truce.domain.engine.verdicts import ExtensionVerdict, Verdict
from truce.domain.spec import AgreementSpec, GateTerm, RenewalTerm, Term, When


@dataclass
class TermResult:
    verdicts: list[Verdict] = field(default_factory=list)
    met_at: float | None = None
    extension: ExtensionVerdict | None = None


Evaluator = Callable[[Any, "Assessment"], TermResult]


class Assessment:
    """The state of one agreement at `at` under one reading of the disputed figures."""

    ended_by: Event | None
    ended_at: float
    clocks: dict[str, PhaseClock]
    unplaced: tuple[Event, ...]  # extension claims no phase could take

    def __init__(
        self,
        spec: AgreementSpec,
        index: EventIndex,
        at: float,
        evaluators: dict[str, Evaluator],
        same_clocks: Assessment | None = None,
    ) -> None:
        """`same_clocks`: an assessment whose phase clocks this one shares, given by a caller
        that knows no clock can differ (a figure no gate depends on, not an extension's)."""
        self.spec, self.index, self.at, self.zone = spec, index, at, spec.zone
        self._evaluators = evaluators
        self._terms: dict[str, TermResult] = {}
        self._busy: set[str] = set()
        if same_clocks is not None:
            self.ended_by, self.ended_at = same_clocks.ended_by, same_clocks.ended_at
            self.clocks, self.unplaced = same_clocks.clocks, same_clocks.unplaced
            return
        ends = index.of_type(EventType.CEASEFIRE_END)
        self.ended_by = ends[0] if ends else None
        self.ended_at = self.ended_by.at if self.ended_by else math.inf
        self.clocks = self._clocks()
        self._terms.clear()  # gates were judged on partial clocks; judge every term on all

    # -- phases -------------------------------------------------------------------------------

    def _clocks(self) -> dict[str, PhaseClock]:
        clocks: dict[str, PhaseClock] = {}
        self.clocks = clocks  # gates evaluated below read the earlier phases' clocks
        pending = list(self.index.of_type(EventType.CEASEFIRE_EXTENSION))
        gates = [t for t in self.spec.terms if isinstance(t, GateTerm)]
        for phase in self.spec.phases:
            started_by: Event | None = None
            blocked: tuple[str, ...] = ()
            start: float | None
            if phase.start.at is not None:
                start = local_instant(phase.start.at, self.zone)
            elif phase.start.on_event is not None:
                starters = [
                    e
                    for e in self.index.of_type(phase.start.on_event)
                    if e.phase in (None, phase.id)
                ]
                started_by = starters[0] if starters else None
                start = started_by.at if started_by else None
            else:
                before = clocks[phase.start.after or ""]
                start = before.end
                requires = [r for g in gates if g.phase == phase.id for r in g.requires]
                met = [self.term(r).met_at for r in requires]
                blocked = tuple(r for r, m in zip(requires, met, strict=True) if m is None)
                if start is not None and not blocked and met:
                    start = max([start, *(m for m in met if m is not None)])
                if blocked:
                    start = None
            if start is not None and start >= self.ended_at:
                start = None
            clocks[phase.id] = self._clock(phase.id, start, started_by, blocked, pending)
        self.unplaced = tuple(pending)
        return clocks

    def reckoner(self, phase_id: str | None) -> Reckoner:
        """The clock a phase counts days on (the first phase's for agreement-wide terms)."""
        phase = self.spec.phase(phase_id) if phase_id else self.spec.phases[0]
        kind = phase.clock or self.spec.clock
        return Reckoner(kind == "calendar", self.zone)

    def _clock(
        self,
        phase_id: str,
        start: float | None,
        started_by: Event | None,
        blocked: tuple[str, ...],
        pending: list[Event],
    ) -> PhaseClock:
        phase = self.spec.phase(phase_id)
        days = self.reckoner(phase_id)
        if start is None:
            return PhaseClock(phase, None, None, None, (), blocked, started_by, days)
        base_end: float | None = None
        if phase.duration is not None:
            base_end = days.add_span(start, phase.duration)
        elif phase.until is not None:
            base_end = max(start, days.until(start, phase.until) or start)
        renewal = next(
            (t for t in self.spec.terms if isinstance(t, RenewalTerm) and t.phase == phase_id),
            None,
        )
        run = _Run(self, phase_id, start, base_end, days, renewal)
        for event in list(pending):
            if run.owns(event):
                pending.remove(event)
                run.apply(event)
        return run.clock(phase, started_by, blocked)

    def window(self, term: Term) -> tuple[float | None, float | None]:
        """Where a term applies: its phase (or the whole agreement), from when it opens."""
        if term.phase is not None:
            clock = self.clocks.get(term.phase)
            start, end = (clock.start, clock.end) if clock else (None, None)
        else:
            clocks = list(self.clocks.values())
            start = clocks[0].start if clocks else None
            # While a gate is judged, later phases have no clock yet: the agreement's end is
            # not known, so the window stays open instead of closing with the earlier phases.
            built = len(clocks) == len(self.spec.phases)
            end = clocks[-1].end if clocks and built else None
        if term.opens_after and start is not None:
            opened = [self.term(t).met_at for t in term.opens_after]
            start = None if None in opened else max([start, *(o for o in opened if o is not None)])
        return start, end

    def deadline(self, when: When | None, term: Term, opened: float | None) -> float | None:
        if when is None:
            return None
        fixed = spec_instant(when, self.zone)
        if fixed is not None:
            return fixed
        if when.day is not None:
            clock = self.clocks.get(term.phase) if term.phase else None
            start = clock.start if clock else None
            return None if start is None else self.reckoner(term.phase).day_end(start, when.day)
        if when.within is not None and opened is not None:
            return add_span(opened, when.within, self.zone)
        return None

    # -- terms --------------------------------------------------------------------------------

    def term(self, term_id: str) -> TermResult:
        done = self._terms.get(term_id)
        if done is not None:
            return done
        if term_id in self._busy:  # a cycle of gates: treat as not met rather than recurse
            return TermResult()
        self._busy.add(term_id)
        term = self.spec.term(term_id)
        result = self._evaluators[term.kind](term, self)
        self._busy.discard(term_id)
        self._terms[term_id] = result
        return result

    def release(self) -> None:
        """Drop the results: their explanations' closures refer back to this assessment, and
        such cycles would otherwise wait for the cycle collector, thousands per status."""
        self._terms.clear()

    def all_terms(self, only: set[str] | None = None) -> list[TermResult]:
        return [self.term(t.id) for t in self.spec.terms if only is None or t.id in only]

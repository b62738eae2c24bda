"""A running phase's end after its extensions: days announced, renewals, a new end date, a
conditional continuation, and the phase's `max_days` cap.

An extension claim says how it extends by what it carries: a `quantity` (days), `extra.until`
(a local date, ending at its midnight, or an instant), `extra.while` (a condition: the phase
runs on with no fixed end while it holds), or nothing (one renewal `period`, when the phase has
a renewal term). What cannot be applied is not dropped silently: it becomes a note the answer
shows under `warnings`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from truce.domain.engine.clock import (
    LATE_GRACE,
    AppliedExtension,
    PhaseClock,
    Reckoner,
    local_instant,
    spec_instant,
)
from truce.domain.engine.events import Event
from truce.domain.spec import Phase, RenewalTerm, When

_MOST_DAYS = 36525.0  # days one extension may add: a century

if TYPE_CHECKING:
    from truce.domain.engine.assess import Assessment


class Run:
    """One phase's end, moved by each extension claim it owns in turn."""

    def __init__(
        self,
        a: Assessment,
        phase_id: str,
        start: float,
        base_end: float | None,
        days: Reckoner,
        renewal: RenewalTerm | None,
    ) -> None:
        self.a, self.phase_id, self.start, self.days = a, phase_id, start, days
        self.base_end, self.end, self.renewal = base_end, base_end, renewal
        self.cap = a.spec.phase(phase_id).max_days
        self.applied: list[AppliedExtension] = []
        self.notes: list[str] = []
        self.capped = self.conditional = False

    def owns(self, event: Event) -> bool:
        if event.phase is not None:
            return event.phase == self.phase_id
        return event.at >= self.start and (self.end is None or event.at <= self.end + LATE_GRACE)

    def apply(self, event: Event) -> None:
        lead = event.claims[0]
        if self.end is None:
            why = "it runs on a condition" if self.conditional else "it is open-ended"
            self.notes.append(
                f"extension {event.id} not applied: phase {self.phase_id!r} has no end to "
                f"extend ({why})"
            )
            return
        late = event.at > self.end
        condition = lead.extra.get("while")
        if condition:
            self.notes.append(
                f"phase {self.phase_id!r} continues while {condition} (extension {event.id}): "
                "no fixed end; it ends with a ceasefire_end claim"
            )
            self.applied.append(AppliedExtension(event, 0.0, late, True, False))
            self.end, self.conditional = None, True
            return
        until = lead.extra.get("until")
        renewal = False
        if until is not None:
            new_end = self._until(str(until))
            if new_end is None or new_end <= self.end:
                self.notes.append(
                    f"extension {event.id} not applied: `until` {until!r} is not a date or "
                    "instant after the phase's current end"
                )
                return
        else:
            quantity = self.a.index.quantity(event)
            if quantity is None and self.renewal is not None:
                new_end, renewal = self.days.add_span(self.end, self.renewal.period), True
            else:
                # A figure read at the top of a loose range ("at least 3") may be no number of
                # days a calendar holds: a century is past any phase's end and any cap.
                new_end = self.days.add_days(self.end, min(float(quantity or 0), _MOST_DAYS))
        extra = self.days.days_between(self.start, new_end) - self.days.days_between(
            self.start, self.end
        )
        within = True
        if self.cap is not None:
            cap_end = self.days.day_end(self.start, self.cap)
            within = new_end <= cap_end + 1e-6
            if not within:
                new_end = max(self.end, cap_end)
                if not self.capped:
                    self.notes.append(
                        f"phase {self.phase_id!r} capped at max_days {self.cap}: extension "
                        f"{event.id} would run past day {self.cap}"
                    )
                self.capped = True
        self.applied.append(AppliedExtension(event, extra, late, within, renewal))
        self.end = new_end

    def _until(self, text: str) -> float | None:
        try:
            if len(text) == 10:  # a date: it ends at the next local midnight
                return spec_instant(When(date=date.fromisoformat(text)), self.a.zone)
            return local_instant(datetime.fromisoformat(text), self.a.zone)
        except ValueError:
            return None

    def clock(self, phase: Phase, started_by: Event | None, blocked: tuple[str, ...]) -> PhaseClock:
        end = self.end
        ended_at = self.a.ended_at
        if end is not None:
            end = min(end, ended_at)
        elif ended_at < float("inf"):
            end = ended_at
        return PhaseClock(
            phase,
            self.start,
            self.base_end,
            end,
            tuple(self.applied),
            blocked,
            started_by,
            self.days,
            tuple(self.notes),
            self.capped,
            self.conditional,
        )

"""Another figure of a disputed event, judged window by window from the leading judgment.

`disputes.Disputes.figures` judges every other reading of a disputed figure. The terms read a
figure only through what it adds to a total over a window: one day of a daily quota, a quota's
span up to its deadline, a ratio's phase, an extension's run of days. A window the event does
not lie in adds up to the same under every reading, so its verdict stays the leading one; a
window that holds the event is judged again by the very rule the term's evaluator applies to it
(`terms.quota_window`, `ratios.in_total`), on the record read with the other figure. An
alternative then costs a few sums, not a judgment of the term over its whole series.

A term takes this way only when its windows cannot move with the figure: the leading phase
clocks judge (the caller's `fixed`: no gate depends on the figure and it is not an extension's),
and the term opens after no other term (whose `met_at` the figure could move). A loosely dated
event may count in windows it is not placed in: every window of its terms is judged again then.
Any other term, and any term kind not listed in `_WINDOWED`, is judged by its evaluator on the
record read with the other figure, as before. tests/domain/engine/test_properties_alternatives.py
compares both ways with the straightforward re-judgment over random records.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from truce.domain.engine.assess import Assessment
from truce.domain.engine.events import Event
from truce.domain.engine.index import EventIndex
from truce.domain.engine.loose import tally
from truce.domain.engine.ratios import Weighing, in_total
from truce.domain.engine.terms import quota_window
from truce.domain.engine.verdicts import ExtensionVerdict, Verdict
from truce.domain.spec import AgreementSpec, ExtensionTerm, QuotaTerm, RatioTerm, Selector, Term

if TYPE_CHECKING:
    from truce.domain.engine.status import Outcome

Judge = Callable[..., "Outcome"]
Keyed = dict[str, str]


class Alternatives:
    """The leading judgment of one assessment, and other figures judged against it."""

    def __init__(self, spec: AgreementSpec, index: EventIndex, main: Outcome, judge: Judge):
        self.spec, self.index, self.main, self.judge = spec, index, main, judge
        self.verdicts: dict[str, list[Verdict]] = {}
        for verdict in main.verdicts:
            self.verdicts.setdefault(verdict.term, []).append(verdict)
        self.extensions: dict[str, ExtensionVerdict] = {e.term: e for e in main.extensions}
        whole = main.keyed(set())  # the state and the agreement's end: the leading clocks'
        self.clocks = {k: whole[k] for k in ("state", "ends_at")}
        self._selectors: dict[str, tuple[Selector, Weighing | None]] = {}

    def keyed(self, event: Event, quantity: int, only: set[str]) -> Keyed:
        """`Outcome.keyed()` of the terms in `only` judged with `event`'s figure read as
        `quantity`, the phase clocks being the leading ones."""
        alternative = self.index.with_override(event, quantity)
        ctx = Assessment(self.spec, alternative, self.main.assessment.at, {}, self.main.assessment)
        found: Keyed = {}
        rest: set[str] = set()
        for term in self.spec.terms:
            if term.id not in only:
                continue
            windowed = None if term.opens_after else _WINDOWED.get(term.kind)
            judged = None if windowed is None else windowed(self, term, ctx, event)
            if judged is None:
                rest.add(term.id)
            else:
                found.update(judged)
        if rest:
            other = self.judge(self.spec, alternative, ctx.at, rest, self.main.assessment)
            found.update(other.keyed())
            other.assessment.release()
        found.update(self.clocks)
        return found

    def _selector(self, term: QuotaTerm | RatioTerm) -> tuple[Selector, Weighing | None]:
        made = self._selectors.get(term.id)
        if made is None:
            weighing = Weighing.of(term) if isinstance(term, RatioTerm) else None
            made = self._selectors[term.id] = (term.selector(), weighing)
        return made

    def _quota(self, term: Term, ctx: Assessment, event: Event) -> Keyed:
        assert isinstance(term, QuotaTerm)
        sel, _ = self._selector(term)
        found: Keyed = {}
        for verdict in self.verdicts.get(term.id, []):
            found[verdict.id] = verdict.status
            start, end = _window(verdict)
            if start is None or not _within(event, start, end):
                continue  # an inactive term, or a window the figure is not counted in
            count = tally(ctx, sel, start, end, ctx.index.series(sel).total(start, end))
            found[verdict.id] = quota_window(term, ctx, sel, count, start, end)
        return found

    def _ratio(self, term: Term, ctx: Assessment, event: Event) -> Keyed | None:
        assert isinstance(term, RatioTerm)
        if term.per is not None:
            return None  # batches come and go with figures: the evaluator judges them
        sel, how = self._selector(term)
        assert how is not None
        found: Keyed = {}
        for verdict in self.verdicts.get(term.id, []):
            found[verdict.id] = verdict.status
            start, end = _window(verdict)
            if start is None or not _within(event, start, end):
                continue
            found[verdict.id] = in_total(ctx, sel, how, start, end).status
        return found

    def _extension(self, term: Term, ctx: Assessment, event: Event) -> Keyed | None:
        assert isinstance(term, ExtensionTerm)
        verdict = self.extensions.get(term.id)
        # With no verdict the phase has no start or no end to extend, whatever the figures.
        if verdict is not None and verdict.days:
            start = ctx.clocks[term.phase].start
            # Each day's row counts from the phase's start: a figure before it counts in none.
            if start is None or event.loose or event.at >= start:
                return None
        return self._leading(term.id)

    def _leading(self, term_id: str) -> Keyed:
        """The leading verdicts of one term, keyed."""
        found = self.main.keyed({term_id})
        for key in self.clocks:
            del found[key]
        return found


WindowJudge = Callable[[Alternatives, Term, Assessment, Event], "Keyed | None"]
_WINDOWED: dict[str, WindowJudge] = {
    "quota": Alternatives._quota,
    "ratio": Alternatives._ratio,
    "extension": Alternatives._extension,
}


def _window(verdict: Verdict) -> tuple[float | None, float]:
    """The window a quota's or ratio's verdict counts over: its start, and its end (open: inf)."""
    end = math.inf if verdict.ends_at is None else verdict.ends_at
    return verdict.starts_at, end


def _within(event: Event, start: float, end: float) -> bool:
    """Whether `event`'s figure may count in [start, end): placed in it, or loosely dated (it
    may count where it is not placed)."""
    return event.loose or start <= event.at < end

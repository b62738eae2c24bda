"""The state of an agreement at an instant, under every reading the sources allow."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from truce.domain.claims import Claim
from truce.domain.engine import deadlines, kept, prohibitions, ratios, rules, terms
from truce.domain.engine.answer import Counts, ends_of, render
from truce.domain.engine.assess import Assessment, Evaluator
from truce.domain.engine.disputes import Disputes
from truce.domain.engine.events import reduce_claims
from truce.domain.engine.horizon import Horizon
from truce.domain.engine.index import EventIndex, Index, known_by, later_at, pending_at
from truce.domain.engine.kept import Memory
from truce.domain.engine.verdicts import ExtensionVerdict, Verdict
from truce.domain.engine.versions import Judge, effective_instants, judging
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

    def keyed(self, terms: set[str] | None = None) -> dict[str, str]:
        """Verdicts by id (of `terms` only, if given), extension days, state and end."""
        found = {v.id: v.status for v in self.verdicts if terms is None or v.term in terms}
        for ext in self.extensions:
            if terms is not None and ext.term not in terms:
                continue
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
    evaluators: dict[str, Evaluator] = EVALUATORS,
) -> Outcome:
    assessment = Assessment(spec, index, at, evaluators, same_clocks)
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
    horizon: Horizon | None = None,
    memory: Memory | None = None,
) -> dict[str, Any]:
    """The agreement's state at `at`, as plain data (see docs/status.md for every key).

    `versions`: every recorded version of the spec, oldest first; the one in force at `at`
    judges (see `versions.judging`), and the answer says which. Without them, `spec` is the
    only version. With a `horizon` (made at `at`), its `until` is left at the instant the
    answer holds to with no new claims (`engine.horizon`). `memory`: what the previous judgment
    left to reuse, and where this one leaves it (`engine.kept`)."""
    judge = judging(versions or [spec], at)
    with paused_gc():
        return _evaluate(judge, claims, tracked(at, versions, horizon), memory)


def tracked(at: datetime, versions: Sequence[AgreementSpec], horizon: Horizon | None) -> float:
    """The instant to judge: followed by `horizon` if given, which also learns when another
    recorded version takes over."""
    if horizon is None:
        return at.timestamp()
    if horizon.at != at.timestamp():
        raise ValueError("the horizon was made for another instant")
    for start in effective_instants(versions):
        horizon.passes(start)
    return horizon.instant()


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


def _evaluate(
    judge: Judge, claims: Iterable[Claim], instant: float, memory: Memory | None = None
) -> dict[str, Any]:
    book = reduce_claims(c for c in claims if c.agreement == judge.spec.id)
    index = Index(
        known_by(book.events, instant),
        pending_at(book.events, instant),
        instant,
        later_at(book.events, instant),
    )
    counts = Counts(
        book.claims,
        len(book.events),
        len(book.superseded),
        len(book.retracted),
        tuple(c.id for c in book.out_of_range),
        book.unchecked,
    )
    return assess(judge, index, counts, instant, memory)


def assess(
    judge: Judge,
    index: EventIndex,
    counts: Counts,
    instant: float,
    memory: Memory | None = None,
) -> dict[str, Any]:
    """The state at `instant` from indexed events, whichever way they were indexed; with a
    `memory`, the prohibitions and breach rows of the previous judgment reused where what they
    read is unchanged (`engine.kept`)."""
    spec = judge.spec
    judges = EVALUATORS
    if memory is not None:
        memory.now = kept.Block(kept.block_key(spec, judge.version, index, memory.fingerprints))
        judges = kept.evaluators(EVALUATORS, memory, instant)
        if memory.other is not None and memory.other.key != memory.now.key:
            # The rows read no looseness: a block of the same spec and events serves them still.
            flipped = not index.has_loose
            alike = kept.block_key(spec, judge.version, index, memory.fingerprints, flipped)
            if memory.other.key != alike:
                memory.other = None
    main = outcome(spec, index, instant, evaluators=judges)
    found = Disputes(spec, index, main, outcome)
    disputes = [found.figures(e) for e in index.disputed()]
    dated = sorted(index.date_disputed(), key=lambda e: (e.at, e.id))
    disputes += [found.dates(e) for e in dated]
    state = render(spec, counts, main, disputes, instant, memory)
    if memory is not None and memory.now is not None:
        memory.now.cell = kept.cell_of(spec, index, memory.now.windows or [], instant)
    state["spec_version"] = judge.version
    state["judged_by"] = judge.as_dict()
    main.assessment.release()
    return state

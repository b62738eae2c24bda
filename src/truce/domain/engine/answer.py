"""The answer as plain data: phases, obligations, extensions, breaches, disputes, and the
explanation of each, from the outcome of the leading reading."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from truce.domain.claims import EventType
from truce.domain.engine.assess import Assessment
from truce.domain.engine.horizon import local_time
from truce.domain.engine.kept import Memory, kept_rows, window_of
from truce.domain.engine.prohibitions import covering as prohibition_of
from truce.domain.engine.prohibitions import specific_kinds, straddles
from truce.domain.engine.shared_rows import SharedRows, shared_rows
from truce.domain.engine.verdicts import Explanation, as_number
from truce.domain.spec import AgreementSpec, ProhibitionTerm

if TYPE_CHECKING:
    from truce.domain.engine.status import Outcome


@dataclass(frozen=True)
class Counts:
    """How many claims and events the record holds, and how many were set aside."""

    claims: int
    events: int
    superseded: int
    retracted: int
    out_of_range: tuple[str, ...] = ()  # ids, in id order
    unchecked: tuple[str, ...] = ()  # ids of counted claims kept with `--allow-unknown`


def ends_of(a: Assessment) -> float | None:
    ends = [c.end for c in a.clocks.values() if c.start is not None]
    if not ends or any(e is None for e in ends):
        return None
    return max(e for e in ends if e is not None)


def _iso(instant: float | None, zone: ZoneInfo) -> str | None:
    if instant is None or math.isinf(instant):
        return None
    return local_time(instant, zone).isoformat()


def render(
    spec: AgreementSpec,
    counts: Counts,
    main: Outcome,
    disputes: list[dict[str, Any]],
    at: float,
    memory: Memory | None = None,
) -> dict[str, Any]:
    zone, a = spec.zone, main.assessment
    disputed_ids = {v["id"] for d in disputes for v in d["verdicts"]}
    explanations: list[dict[str, Any]] = []

    def explain(for_id: str, exp: Explanation) -> str:
        explanations.append(exp.as_dict(for_id))
        return exp.text

    obligations = [
        {
            "id": v.id,
            "term": v.term,
            "kind": v.kind,
            "party": v.party,
            "subject": v.subject,
            "period": v.period,
            "starts_at": _iso(v.starts_at, zone),
            "ends_at": _iso(v.ends_at, zone),
            "due": _num(v.due),
            "limit": _num(v.limit),
            "delivered": _num(v.delivered),
            "balance": _num(v.balance),
            "status": v.status,
            "met_at": _iso(v.met_at, zone),
            "disputed": v.id in disputed_ids,
            "explanation": explain(v.id, v.explanation),
            "parts": v.parts() if v.parts is not None else [],
        }
        for v in main.verdicts
    ]
    extensions = [
        {
            "term": x.term,
            "phase": x.phase,
            "announced_days": _num(x.announced_days),
            "earned_days": _num(x.earned_days),
            "cap_days": x.cap_days,
            "condition_met": x.condition_met,
            "days": x.days,
            "announcements": [
                {
                    "event_id": ap.event.id,
                    "date": ap.event.date.isoformat(),
                    "days": _num(ap.days),
                    "late": ap.late,
                    "within_cap": ap.within_cap,
                    "renewal": ap.renewal,
                    "claims": ap.event.claim_ids,
                }
                for ap in a.clocks[x.phase].extensions
            ],
            "explanation": explain(x.term, x.explanation),
        }
        for x in main.extensions
    ]
    windows = [window_of(a, t) for t in spec.terms if isinstance(t, ProhibitionTerm)]
    reused = kept_rows(memory, windows, at)
    if reused is not None:
        breaches = reused.rows
        explanations.extend(reused.explanations)
    else:
        listed = len(explanations)
        shared = shared_rows(memory, windows, at)
        breaches = _breaches(spec, a, explain, shared, explanations.append)
    if memory is not None and memory.now is not None:
        memory.now.windows, memory.now.rows = windows, breaches
        memory.now.explanations = explanations[listed:] if reused is None else reused.explanations
        if reused is not None:
            memory.now.reusing(reused)
    phases = []
    for clock in a.clocks.values():
        phases.append(
            {
                "id": clock.phase.id,
                "starts_at": _iso(clock.start, zone),
                "base_ends_at": _iso(clock.base_end, zone),
                "ends_at": _iso(clock.end, zone),
                "day": clock.day(at) if clock.contains(at) else None,
                "length_days": _num(clock.length_days),
                "extended_days": _num(sum(x.days for x in clock.extensions)),
                "blocked_by": list(clock.blocked_by),
                "clock": "calendar" if clock.reckoner.calendar else "elapsed",
                "capped": clock.capped,
                "conditional": clock.conditional,
                "notes": list(clock.notes),
            }
        )
    opened = next((c for c in a.clocks.values() if c.start is not None), None)
    first = opened.start if opened else None
    days = opened.reckoner if opened else None
    current = a.clocks[main.phase] if main.phase else None
    ends = ends_of(a)
    for d in disputes:
        dated = d["about"] == "date"
        explanations.append(
            {
                "for": f"dispute/{d['event_id']}" + ("/date" if dated else ""),
                "clause": None,
                "text": ("sources date it " if dated else "sources give ")
                + " vs ".join(r["label"] for r in d["readings"])
                + (": the verdicts differ by reading" if d["verdict_differs"] else ""),
                "claims": [c for r in d["readings"] for c in r["claims"]],
                "sources": sorted({s for r in d["readings"] for s in r["sources"]}),
            }
        )
    return {
        "agreement": spec.id,
        "title": spec.title,
        # What the agreement is (PA-X / ETH-PRIO fields), so a signed answer states it too.
        "metadata": spec.metadata.as_dict() if spec.metadata else None,
        # The instant asked about is shown as asked; kept answers are served with their own.
        "at": shown_instant(at, zone),
        "state": main.state,
        "phase": main.phase,
        "day": (
            days.day_of(first, at)
            if days is not None and first is not None and main.state == "active"
            else None
        ),
        "phase_day": current.day(at) if current else None,
        "days_total": (
            _num(days.days_between(first, ends))
            if ends is not None and first is not None and days is not None
            else None
        ),
        "starts_at": _iso(first, zone),
        "ends_at": _iso(ends, zone),
        "ended_by": a.ended_by.id if a.ended_by and a.ended_at <= at else None,
        "phases": phases,
        "obligations": obligations,
        "extensions": extensions,
        "breaches": breaches,
        "breaches_by_party": _by_party(breaches),
        "disputes": disputes,
        "explanations": explanations,
        "warnings": [note for clock in a.clocks.values() for note in clock.notes]
        + [
            f"extension {e.id} not applied: no phase was running when it was announced "
            f"({e.date.isoformat()}) or within a day of its end"
            for e in a.unplaced
        ],
        "counts": {
            "claims": counts.claims,
            "events": counts.events,
            "known_events": a.index.known_count(),
            "superseded": counts.superseded,
            "retracted": counts.retracted,
            "out_of_range": len(counts.out_of_range),
            "unchecked": len(counts.unchecked),
        },
        # Claims whose date the engine cannot place (written around the checks at the door).
        "out_of_range": list(counts.out_of_range),
        # Claims the agreement does not declare the ids of, kept deliberately (`--allow-unknown`).
        "unchecked": list(counts.unchecked),
    }


def _breaches(
    spec: AgreementSpec,
    a: Assessment,
    explain: Any,
    shared: SharedRows | None = None,
    told: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Every breach event's row, each explained by `explain`; where `shared` holds a row that
    reads the same here (`shared_rows`), that row, its explanation passed to `told`."""
    prohibitions = [t for t in spec.terms if isinstance(t, ProhibitionTerm)]
    excluded = {x.id for x in spec.excluded}
    specific = specific_kinds(spec)
    rows = []
    # Each prohibition's window and parties, worked out once rather than once per breach.
    rules = [(t, *a.window(t), t.parties or [p.id for p in spec.parties]) for t in prohibitions]
    windows = {id(r[0]): (r[1], r[2]) for r in rules}
    # Tens of thousands of breaches share a few category sets: each sorted once.
    kinds: dict[frozenset[str], list[str]] = {}
    for event in a.index.of_type(EventType.BREACH):
        found = None if shared is None else shared.row(event)
        if found is not None and told is not None:
            rows.append(found[0])
            told(found[1])
            continue
        covering = prohibition_of(spec, rules, event, specific)
        # `_value_`, not `.value`: the enum property costs a Python call, four per breach.
        status = event.status._value_
        text = f"{status} breach by {event.actor or 'an unnamed party'}" + (
            f" of {covering.id}" if covering else " outside any prohibition in force"
        )
        start, end = windows[id(covering)] if covering is not None else (None, None)
        if start is not None and straddles(event, start, end):
            text += (
                f" (dated only to the {event.precision.value}: it may fall outside the"
                " term's time in force)"
            )
        claims = event.claims
        categories = kinds.get(event.categories)
        if categories is None:
            categories = kinds[event.categories] = sorted(event.categories)
        rows.append(
            {
                "event_id": event.id,
                "party": event.actor,
                "target": event.target,
                "date": event.date.isoformat(),
                "status": status,
                "statuses": (
                    [claims[0].status._value_]
                    if len(claims) == 1
                    else sorted({c.status._value_ for c in claims})
                ),
                "clause": covering.id if covering else None,
                "excluded_party": event.actor in excluded,
                "categories": list(categories),
                "claims": [c.id for c in claims],
                "explanation": explain(
                    f"breach/{event.id}",
                    Explanation(covering.clause if covering else None, text, [event]),
                ),
            }
        )
    return rows


def _by_party(breaches: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    for row in breaches:
        party = row["party"] or "unknown"
        counts = summary.setdefault(party, {})
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return dict(sorted(summary.items()))


def _num(value: float | None) -> float | int | None:
    return None if value is None else as_number(value)


def shown_instant(at: float, zone: ZoneInfo) -> str:
    """The instant judged, as the answer shows it (`at`)."""
    return local_time(float(at), zone).isoformat()


def restamped(answer: dict[str, Any], at: float, zone: ZoneInfo) -> dict[str, Any]:
    """An answer judged earlier, served at `at` before the instant it holds to
    (`engine.horizon`): only the instant it shows moves."""
    return {**answer, "at": shown_instant(at, zone)}

"""The disputed events of the previous judgment, reused for every event an append did not touch.

A figure dispute's row has two parts: its readings (each figure, its range, the claims, statuses
and sources behind it), which follow from the event's claims alone, and the verdicts that differ
under each reading, which read the whole record's totals and are judged every time
(`disputes.Disputes`). Building the thousands of disputed events (their claims fetched,
`events.make_event`) and rendering their readings was a large part of a judgment after an
append that left them as they were.

An event is a function of its id and its claims (`make_event` ranks them, to the claim id, so
their order does not matter), and a claim id names one claim for good in a ledger; so a disputed
event whose claim ids are those the previous judgment kept for it is the event it was. For it
the kept entry gives what the disputes read without its claims: the event's own fields (a `Kept`
event, with readings that carry their figures but no claims) and its rendered readings. Only
events whose dates agree are kept: one whose dates dispute is built and judged afresh every time.

The engine stays pure: the entries are plain data carried in `kept.Block.disputes`, keyed by
event id: `[claim ids, the event's fields, the rendered readings]`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from truce.domain.claims import ClaimStatus, DatePrecision
from truce.domain.engine.events import Event, Reading

Entry = list[Any]  # [claim ids, fields, readings]
# Off: at 1M claims the entries (about 4 MB of JSON for 5,180 disputed events) cost more to
# keep and read back than building the events saves (docs/benchmarks.md, afterappend2). The
# property tests switch it on: they hold the reuse to a full judgment.
ENABLED = False


@dataclass(slots=True, eq=False)
class Kept(Event):
    """A disputed event read back from the previous judgment: every field as it was built, its
    readings' figures without their claims, and those readings as they were rendered."""

    rendered: list[dict[str, Any]] | None = None
    kept_ids: tuple[str, ...] = ()

    @property
    def claim_ids(self) -> list[str]:
        return list(self.kept_ids)


def entry(event: Event, rendered: list[dict[str, Any]]) -> Entry | None:
    """What to keep of a disputed event judged now; None for one whose dates dispute."""
    if event.dates:
        return None
    return [sorted(event.claim_ids), *_rest(event, rendered)]


def _rest(event: Event, rendered: list[dict[str, Any]]) -> list[Any]:
    fields = {
        "id": event.id,
        "type": event.type,
        "actor": event.actor,
        "target": event.target,
        "subject": event.subject,
        "categories": sorted(event.categories),
        "date": event.date.isoformat(),
        "precision": event.precision.value,
        "at": event.at,
        "known_at": event.known_at,
        "status": event.status.value,
        "quantity": event.quantity,
        "phase": event.phase,
        "parts": [list(p) for p in event.parts],
    }
    return [fields, rendered]


def same(kept: Entry | None, claim_ids: Sequence[str]) -> bool:
    """Whether a kept entry was made from an event with exactly these claims (in any order:
    `make_event` ranks them, to the claim id)."""
    return kept is not None and kept[0] == sorted(claim_ids)


def stand_in(kept: Entry) -> Kept | None:
    """The event a kept entry describes; None for an entry that cannot be read."""
    try:
        ids, f, rendered = kept
        readings = tuple(Reading(r["quantity"], ()) for r in rendered)
        event = Kept(
            str(f["id"]),
            str(f["type"]),
            f["actor"],
            f["target"],
            f["subject"],
            frozenset(f["categories"]),
            datetime.fromisoformat(f["date"]),
            DatePrecision(f["precision"]),
            float(f["at"]),
            float(f["known_at"]),
            ClaimStatus(f["status"]),
            f["quantity"],
            readings,
            (),
            f["phase"],
            (),
            tuple((str(c), int(n)) for c, n in f["parts"]),
            rendered=rendered,
            kept_ids=tuple(str(i) for i in ids),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return event


def rendered_of(event: Event, kept: Mapping[str, Entry] | None) -> list[dict[str, Any]] | None:
    """The readings as the previous judgment rendered them, if `event` is the event it kept."""
    if isinstance(event, Kept):
        return event.rendered
    if kept is None or event.dates:
        return None
    found = kept.get(event.id)
    if found is None or not same(found, event.claim_ids):
        return None
    rendered: list[dict[str, Any]] = found[2]
    return rendered

"""What changed in an agreement's verdicts between two status answers: the alerts' content.

Pure: two answers in (the last one observed, or none; and the current one), changes out. What a
monitor wants told: a breach recorded, an obligation turning unmet (or violated, failed, with no
record), an extension announced, a dispute opened, the agreement's state moving (started,
ended, suspended). Each change has a stable key, so observing the same answer twice, or two
observers racing, never tells it twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

BAD = {"unmet", "violated", "failed", "no_record"}


@dataclass(frozen=True)
class Change:
    kind: str  # breach_recorded | obligation_turned | extension_announced | dispute_opened | state
    key: str  # what it is about, unique within the agreement for this kind of change
    title: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def digest(answer: dict[str, Any]) -> dict[str, Any]:
    """The parts of an answer the changes are computed from (what is kept between looks)."""
    return {
        "state": answer["state"],
        "obligations": {o["id"]: [o["status"], o["explanation"]] for o in answer["obligations"]},
        "breaches": {
            b["event_id"]: [b["party"], b["status"], b["date"], b.get("clause")]
            for b in answer["breaches"]
        },
        "extensions": {
            str(e.get("term") or e.get("id")): e.get("announced_days") or 0
            for e in answer["extensions"]
        },
        "disputes": {
            d["event_id"]: [d["type"], [r["quantity"] for r in d["readings"]]]
            for d in answer["disputes"]
        },
    }


def changes(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Change]:
    """From one digest to the next; `before` None is the first look: only what is already bad
    (breaches, verdicts against a party, open disputes) is told, not every quiet verdict."""
    old = before or {"state": None, "obligations": {}, "breaches": {}, "extensions": {},
                     "disputes": {}}  # fmt: skip
    found: list[Change] = []
    if before is not None and old["state"] != after["state"]:
        found.append(Change("state", f"{after['state']}", f"The agreement is now {after['state']}",
                            f"state {old['state']} -> {after['state']}"))  # fmt: skip
    for event_id, (party, status, date, clause) in after["breaches"].items():
        if event_id not in old["breaches"]:
            where = f" ({clause})" if clause else ""
            title = f"Breach {status}: {party or 'unknown'}"
            found.append(Change("breach_recorded", event_id, title,
                                f"{party}, {date}{where}: event {event_id}"))  # fmt: skip
    for oid, (status, why) in after["obligations"].items():
        was = old["obligations"].get(oid, [None, None])[0]
        if status in BAD and was != status:
            found.append(Change("obligation_turned", f"{oid}:{status}",
                                f"{oid} is {status}", why))  # fmt: skip
    for term, days in after["extensions"].items():
        was_days = old["extensions"].get(term, 0)
        if days > was_days:
            found.append(Change("extension_announced", f"{term}:{days:g}",
                                f"Extension announced: {days:g} day(s) so far ({term})",
                                f"{term}: {was_days:g} -> {days:g} day(s)"))  # fmt: skip
    for event_id, (kind, figures) in after["disputes"].items():
        if event_id not in old["disputes"]:
            readings = " vs ".join(f"{f:g}" for f in figures if f is not None)
            found.append(Change("dispute_opened", event_id, f"Sources disagree on {kind}",
                                f"event {event_id}: {readings}"))  # fmt: skip
    return found

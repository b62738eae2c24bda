"""`met_at` is when the record shows a term surely met: a loosely dated act counts from the end of
its interval (what a day-dated claim proves by the end of its day), never from its middle.

Every state is computed both ways into the engine (`kit.state` holds them equal). The pause runs
from 06:00 on Mon 25 Dec 2023 for 30 days (UTC).
"""

from __future__ import annotations

from typing import Any

PHASE = [{"id": "pause", "start": {"at": "2023-12-25T06:00"}, "duration": {"days": 30}}]
AT = "2024-01-05T00:00"


def _total(at_least: int) -> dict[str, Any]:
    return {
        "id": "total",
        "kind": "quota",
        "phase": "pause",
        "party": "hamas",
        "subject": "hostages",
        "at_least": at_least,
        "by": {"at": "2024-01-01T12:00"},
    }


def test_a_day_dated_delivery_meets_a_total_at_the_end_of_its_day(kit: Any) -> None:
    spec = kit.spec([_total(20)], phases=PHASE)
    row = kit.obligation(kit.state(spec, [kit.release("hamas", 20, "2023-12-28")], AT), "total")
    assert (row["status"], row["met_at"]) == ("met", "2023-12-29T00:00:00+00:00")


def test_an_exact_delivery_that_completes_a_total_is_met_at_its_instant(kit: Any) -> None:
    # 10 at 13:00 and 5 at 14:00 exactly; 5 more some time on the 28th. Fifteen were surely in
    # by 14:00 (the loose five may have come at 23:59); twenty only by the day's end.
    claims = [
        kit.release("hamas", 10, "2023-12-28T13:00"),
        kit.release("hamas", 5, "2023-12-28"),
        kit.release("hamas", 5, "2023-12-28T14:00"),
    ]
    fifteen = kit.obligation(kit.state(kit.spec([_total(15)], phases=PHASE), claims, AT), "total")
    assert (fifteen["status"], fifteen["met_at"]) == ("met", "2023-12-28T14:00:00+00:00")
    twenty = kit.obligation(kit.state(kit.spec([_total(20)], phases=PHASE), claims, AT), "total")
    assert (twenty["status"], twenty["met_at"]) == ("met", "2023-12-29T00:00:00+00:00")


def test_a_delivery_that_may_precede_the_opening_does_not_make_it_met_earlier(kit: Any) -> None:
    # Ten dated only to 25 December may have come before the pause opened at 06:00 that day:
    # they do not count, so the twenty are in only with the second exact delivery.
    claims = [
        kit.release("hamas", 10, "2023-12-25"),
        kit.release("hamas", 15, "2023-12-26T10:00"),
        kit.release("hamas", 5, "2023-12-26T11:00"),
    ]
    row = kit.obligation(kit.state(kit.spec([_total(20)], phases=PHASE), claims, AT), "total")
    assert (row["status"], row["delivered"], row["met_at"]) == (
        "met",
        20,
        "2023-12-26T11:00:00+00:00",
    )


def test_a_day_dated_meeting_meets_a_deadline_at_the_end_of_its_day(kit: Any) -> None:
    term = {"id": "talks", "kind": "deadline", "phase": "pause", "match": {"type": "meeting"}}
    spec = kit.spec([{**term, "by": {"at": "2024-01-01T12:00"}}], phases=PHASE)
    loose = kit.obligation(kit.state(spec, [kit.claim("meeting", "2023-12-29")], AT), "talks")
    assert (loose["status"], loose["met_at"]) == ("met", "2023-12-30T00:00:00+00:00")
    exact = kit.claim("meeting", "2023-12-29T09:30")
    timed = kit.obligation(kit.state(spec, [exact], AT), "talks")
    assert (timed["status"], timed["met_at"]) == ("met", "2023-12-29T09:30:00+00:00")


def test_an_acceptance_dated_to_the_day_is_met_at_its_end(kit: Any) -> None:
    term = {"id": "join", "kind": "opt_in", "parties": ["israel"], "by": {"at": "2024-01-01T12:00"}}
    spec = kit.spec([term], phases=PHASE)
    yes = kit.claim("statement", "2023-12-30", actor="israel", categories=["opt-in"])
    row = kit.obligation(kit.state(spec, [yes], AT), "join/israel")
    assert (row["status"], row["met_at"]) == ("met", "2023-12-31T00:00:00+00:00")


def test_a_gate_on_a_day_dated_delivery_opens_the_next_phase_at_the_end_of_that_day(
    kit: Any,
) -> None:
    phases = [
        {"id": "p1", "start": {"at": "2023-12-25T06:00"}, "duration": {"days": 2}},
        {"id": "p2", "start": {"after": "p1"}, "duration": {"days": 3}},
    ]
    # The condition belongs to no phase: met late, after p1 ended (27 Dec 06:00), it still
    # opens p2, when it surely was met.
    quota = {k: v for k, v in _total(10).items() if k not in ("phase", "by")}
    gate = {"id": "to-p2", "kind": "gate", "phase": "p2", "requires": ["total"]}
    spec = kit.spec([quota, gate], phases=phases)
    s = kit.state(spec, [kit.release("hamas", 10, "2023-12-28")], AT)
    assert kit.obligation(s, "to-p2")["met_at"] == "2023-12-29T00:00:00+00:00"
    p2 = next(p for p in s["phases"] if p["id"] == "p2")
    assert p2["starts_at"] == "2023-12-29T00:00:00+00:00"

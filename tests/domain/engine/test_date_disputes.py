"""Sources disagree on when something happened: a date dispute, reported like a figure's.

Every state here comes through `kit.state`, which holds the object path and the column path to
the same whole answer.
"""

from __future__ import annotations

from typing import Any

from truce.domain.engine.answer_model import StatusAnswer

HOSTAGES = {"party": "hamas", "subject": "hostages"}
ON_START = [
    {"id": "pause", "start": {"on_event": "ceasefire_start"}, "duration": {"days": 3}},
]
DAILY = {"id": "daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10,
         "per": "day"}  # fmt: skip
PAUSE = [{"id": "pause", "start": {"at": "2025-01-20T00:00"}, "duration": {"days": 30}}]
BY_26 = {"id": "thirty", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 30,
         "by": {"at": "2025-01-26T00:00"}}  # fmt: skip


def _dispute(state: dict[str, Any], event_id: str, about: str = "date") -> dict[str, Any]:
    found = [d for d in state["disputes"] if d["event_id"] == event_id and d["about"] == about]
    assert len(found) == 1, state["disputes"]
    return found[0]


def _start(kit: Any, time: str, outlet: str, **fields: Any) -> Any:
    return kit.claim(
        "ceasefire_start", time, event_id="start", sources=[{"outlet": outlet}], **fields
    )


def test_a_start_at_11_15_or_12_15_moves_a_release_into_another_day(kit: Any) -> None:
    spec = kit.spec([DAILY], phases=ON_START)
    claims = [
        # A monitor confirms 11:15; one outlet reports 12:15. The confirmation leads.
        _start(kit, "2025-01-19T11:15", "Mediators", status="confirmed"),
        _start(kit, "2025-01-19T12:15", "Wire"),
        # 10 released at 11:45 the next day: day 2 from an 11:15 start, still day 1 from 12:15.
        kit.release("hamas", 10, "2025-01-20T11:45"),
    ]
    s = kit.state(spec, claims, "2025-01-23T00:00")
    assert s["starts_at"] == "2025-01-19T11:15:00+00:00"
    assert kit.statuses(s, "daily") == ["no_record", "met", "no_record"]
    d = _dispute(s, "start")
    assert d["type"] == "ceasefire_start"
    assert [(r["label"], r["precision"], r["leading"]) for r in d["readings"]] == [
        ("2025-01-19T11:15:00+00:00", "exact", True),
        ("2025-01-19T12:15:00+00:00", "exact", False),
    ]
    assert [r["sources"] for r in d["readings"]] == [["Mediators"], ["Wire"]]
    assert all(r["quantity"] is None for r in d["readings"])
    assert d["verdict_differs"]
    by = {v["id"]: v["by_reading"] for v in d["verdicts"]}
    early, late = "2025-01-19T11:15:00+00:00", "2025-01-19T12:15:00+00:00"
    assert by["daily/day-1"] == {early: "no_record", late: "met"}
    assert by["daily/day-2"] == {early: "met", late: "no_record"}
    # The phase ends an hour later under the other start.
    assert set(by["ends_at"]) == {early, late}
    # The leading reading judges; the verdicts that change say so, one rule with figures.
    assert kit.obligation(s, "daily/day-1")["disputed"]
    assert kit.obligation(s, "daily/day-2")["disputed"]
    assert not kit.obligation(s, "daily/day-3")["disputed"]
    text = kit.explanation(s, "dispute/start/date")["text"]
    assert text == f"sources date it {early} vs {late}: the verdicts differ by reading"
    StatusAnswer.of(s)  # the contract holds the new rows


def test_a_release_on_the_25th_or_the_26th_against_a_deadline_at_midnight(kit: Any) -> None:
    spec = kit.spec([BY_26], phases=PAUSE)
    claims = [
        kit.release("hamas", 30, "2025-01-26", event_id="r", sources=[{"outlet": "AP"}]),
        kit.release("hamas", 30, "2025-01-25", event_id="r", sources=[{"outlet": "Reuters"}],
                    reliability="B2"),
    ]  # fmt: skip
    s = kit.state(spec, claims, "2025-01-28T00:00")
    row = kit.obligation(s, "thirty")
    # The graded Reuters claim leads: 25 January, surely before midnight.
    assert (row["status"], row["delivered"], row["disputed"]) == ("met", 30, True)
    d = _dispute(s, "r")
    assert [(r["label"], r["precision"]) for r in d["readings"]] == [
        ("2025-01-25", "day"),
        ("2025-01-26", "day"),
    ]
    assert d["readings"][0]["date"] == "2025-01-25T00:00:00+00:00"
    assert d["verdicts"] == [{"id": "thirty", "by_reading": {"2025-01-25": "met",
                                                              "2025-01-26": "unmet"}}]  # fmt: skip


def test_a_reading_not_yet_begun_by_the_lead_counts_under_the_other(kit: Any) -> None:
    spec = kit.spec([BY_26], phases=PAUSE)
    claims = [
        kit.release("hamas", 30, "2025-01-26T09:00", event_id="r", status="confirmed"),
        kit.release("hamas", 30, "2025-01-25T09:00", event_id="r"),
    ]
    # On the evening of the 25th the leading date (the 26th) has not come; the other has.
    s = kit.state(spec, claims, "2025-01-25T18:00")
    assert kit.obligation(s, "thirty")["status"] == "in_progress"
    d = _dispute(s, "r")
    assert d["verdicts"] == [
        {"id": "thirty", "by_reading": {"2025-01-26T09:00:00+00:00": "in_progress",
                                        "2025-01-25T09:00:00+00:00": "met"}}
    ]  # fmt: skip
    # Before either date, nothing is known and nothing is disputed.
    assert kit.state(spec, claims, "2025-01-25T08:00")["disputes"] == []


def test_dates_that_differ_but_change_no_verdict_mark_nothing_disputed(kit: Any) -> None:
    spec = kit.spec([BY_26], phases=PAUSE)
    claims = [
        kit.release("hamas", 30, "2025-01-22T10:00", event_id="r", status="confirmed"),
        kit.release("hamas", 30, "2025-01-22T11:00", event_id="r"),
    ]
    s = kit.state(spec, claims, "2025-01-28T00:00")
    d = _dispute(s, "r")
    assert (d["verdict_differs"], d["verdicts"]) == (False, [])
    assert not kit.obligation(s, "thirty")["disputed"]
    assert kit.explanation(s, "dispute/r/date")["text"] == (
        "sources date it 2025-01-22T10:00:00+00:00 vs 2025-01-22T11:00:00+00:00"
    )


def test_dates_that_can_all_be_true_are_no_dispute(kit: Any) -> None:
    spec = kit.spec([BY_26], phases=PAUSE)
    # "On the 25th" and "at 14:00 on the 25th", and the week it falls in, agree.
    claims = [
        kit.release("hamas", 30, "2025-01-25", event_id="r"),
        kit.release("hamas", 30, "2025-01-25T14:00", event_id="r"),
        kit.release("hamas", 30, "2025-W04", event_id="r"),
        # Midnight closing the 25th is the 26th: that one disputes with the day.
        kit.release("hamas", 5, "2025-01-24", event_id="q"),
        kit.release("hamas", 5, "2025-01-25T00:00", event_id="q"),
    ]
    s = kit.state(spec, claims, "2025-01-28T00:00")
    assert [(d["event_id"], d["about"]) for d in s["disputes"]] == [("q", "date")]


def test_a_breach_dated_before_or_inside_the_pause(kit: Any) -> None:
    spec = kit.spec([{"id": "no-fire", "kind": "prohibition", "phase": "pause"}], phases=PAUSE)
    claims = [
        kit.claim("breach", "2025-01-19T23:00", actor="israel", event_id="b", status="confirmed",
                  sources=[{"outlet": "UN"}], reliability="A1"),
        kit.claim("breach", "2025-01-20T01:00", actor="israel", event_id="b",
                  status="confirmed", sources=[{"outlet": "Wire"}]),
    ]  # fmt: skip
    s = kit.state(spec, claims, "2025-01-22T00:00")
    assert kit.obligation(s, "no-fire/israel")["status"] == "in_progress"
    d = _dispute(s, "b")
    assert {v["id"]: v["by_reading"] for v in d["verdicts"]} == {
        "no-fire/israel": {"2025-01-19T23:00:00+00:00": "in_progress",
                           "2025-01-20T01:00:00+00:00": "violated"}
    }  # fmt: skip


def test_an_event_with_both_figures_and_dates_disputed_lists_both(kit: Any) -> None:
    spec = kit.spec([BY_26], phases=PAUSE)
    claims = [
        kit.release("hamas", 30, "2025-01-25", event_id="r", status="confirmed"),
        kit.release("hamas", 20, "2025-01-26", event_id="r"),
    ]
    s = kit.state(spec, claims, "2025-01-28T00:00")
    figures, dates = _dispute(s, "r", "figure"), _dispute(s, "r", "date")
    assert [r["label"] for r in figures["readings"]] == ["30", "20"]
    assert [r["label"] for r in dates["readings"]] == ["2025-01-25", "2025-01-26"]
    # Each is judged with the other at its leading reading.
    assert figures["verdicts"] == [{"id": "thirty", "by_reading": {"30": "met", "20": "unmet"}}]
    assert dates["verdicts"][0]["by_reading"] == {"2025-01-25": "met", "2025-01-26": "unmet"}
    assert [d["about"] for d in s["disputes"]] == ["figure", "date"]

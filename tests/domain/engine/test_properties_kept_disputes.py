"""The disputed events reused from the previous judgment (`engine.kept_disputes`) give the
answer a full judgment gives, byte for byte, both ways into the engine, over random records of
disputed releases grown by random appends: another figure for an event already disputed (or
not yet), a retraction, a correction that moves a claim to another event, a confirmation, a
figure qualified "at least", another date for an event, sub-counts, a new event; with quotas,
a ratio, a pool and an extension reading the figures. Each judgment at a random instant,
plainly or following the instant (a status "now"), its memory read back through JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine import evaluate, kept_disputes
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.horizon import Horizon
from truce.domain.engine.kept import Block, Memory

HOSTAGES = {"party": "hamas", "subject": "hostages"}
PRISONERS = {"party": "israel", "subject": "prisoners"}
TERMS: list[dict[str, Any]] = [
    {"id": "daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10, "per": "day"},
    {"id": "open", "kind": "quota", **PRISONERS, "at_least": 25},
    {"id": "exchange", "kind": "ratio", "phase": "pause", **PRISONERS, "per_unit_of": HOSTAGES,
     "factor": 3},
    {"id": "per-five", "kind": "extension", "phase": "pause", "for_each": 5, "of": HOSTAGES,
     "beyond": 10},
    {"id": "pool", "kind": "pool", **PRISONERS, "size": 40, "published": "2024-01-01T00:00",
     "objection_window": {"hours": 12}},
]  # fmt: skip
START = datetime(2024, 1, 1, 7)
ORIGIN = datetime(2023, 12, 31, 12)
HOURS = 24 * 6
EVENTS = ["h1", "h2", "h3", "p1", "p2"]
Path = Callable[..., dict[str, Any]]


@pytest.fixture(autouse=True)
def _reuse_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reuse is off by default (`kept_disputes.ENABLED`); these tests hold it to a full
    judgment."""
    monkeypatch.setattr(kept_disputes, "ENABLED", True)


def _date(hours: int) -> str:
    return (ORIGIN + timedelta(hours=hours, minutes=15)).isoformat(timespec="minutes")


@st.composite
def _append(draw: Any, kit: Any, record: list[Claim], n: int) -> list[Claim]:
    """One append of a few claims, most about events already on record."""
    made: list[Claim] = []
    live = [c for c in record if c.status.value != "retracted"]
    for i in range(draw(st.integers(1, 3))):
        outlet = [{"outlet": draw(st.sampled_from(["AP", "Reuters", "UN monitors", "Wafa"]))}]
        how = draw(st.sampled_from(["figure"] * 4 + ["retract", "move", "confirm", "redate"]))
        if how != "figure" and live:
            old = draw(st.sampled_from(live))
            fields: dict[str, Any] = {"supersedes": old.id, "sources": outlet}
            if how == "retract":
                fields["status"] = "retracted"
            elif how == "move":
                kin = [e for e in EVENTS if e[0] == old.event_id[0]]  # the same party's
                fields["event_id"] = draw(st.sampled_from(kin))
            elif how == "confirm":
                fields["status"] = "confirmed"
            date = _date(draw(st.integers(0, HOURS))) if how == "redate" else old.date.isoformat()
            fields.setdefault("event_id", old.event_id)
            if how == "redate":
                del fields["supersedes"]  # another source's date: a date dispute
            made.append(kit.release(old.actor, old.quantity or 0, date, **fields))
            continue
        event = draw(st.sampled_from([*EVENTS, f"new{n}-{i}"]))
        actor = "israel" if event[0] == "p" else "hamas"
        fields = {"event_id": event, "sources": outlet}
        if draw(st.integers(0, 4)) == 0:
            fields["qualifier"] = "at_least"
        if actor == "hamas" and draw(st.integers(0, 3)) == 0:
            women = draw(st.integers(0, 4))
            fields["parts"] = {"women": women, "children": draw(st.integers(0, 4))}
        quantity = draw(st.integers(1, 14))
        if "parts" in fields:
            quantity = max(quantity, sum(fields["parts"].values()))
        same_date = [c.date.isoformat() for c in record if c.event_id == event]
        date = same_date[0] if same_date else _date(draw(st.integers(0, HOURS)))
        made.append(kit.release(actor, quantity, date, **fields))
    return made


def _judged(
    path: Path, spec: Any, record: list[Claim], at: datetime, prior: Block | None, now: bool
) -> Block:
    memory = Memory(prior=prior)
    mine, theirs = (Horizon(at.timestamp()), Horizon(at.timestamp())) if now else (None, None)
    kept = path(spec, record, at, horizon=mine, memory=memory)
    full = path(spec, record, at, horizon=theirs)
    assert json.dumps(kept) == json.dumps(full)
    if mine is not None and theirs is not None:
        assert mine.until <= theirs.until
    assert memory.now is not None
    back = Block.of(json.loads(json.dumps(memory.now.as_data())))
    assert back is not None
    return back


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_reusing_the_disputed_events_gives_the_full_judgment(kit: Any, data: Any) -> None:
    chosen = data.draw(st.lists(st.sampled_from(TERMS), unique_by=lambda t: t["id"]))
    phases = [{"id": "pause", "start": {"at": START.isoformat()}, "duration": {"days": 3},
               "max_days": 8}]  # fmt: skip
    spec = kit.spec(chosen, phases=phases)
    # Every event starts disputed: two sources, two figures.
    record: list[Claim] = []
    for event in EVENTS:
        actor = "israel" if event[0] == "p" else "hamas"
        date = _date(data.draw(st.integers(0, HOURS)))
        for outlet, quantity in (("AP", data.draw(st.integers(1, 9))), ("Reuters", 10)):
            record.append(kit.release(actor, quantity, date, event_id=event,
                                      sources=[{"outlet": outlet}]))  # fmt: skip
    priors: dict[str, Block | None] = {"objects": None, "columns": None}
    moments = st.integers(0, HOURS).map(lambda h: kit.when(_date(h)))
    at = data.draw(moments)
    for n in range(data.draw(st.integers(1, 5))):
        if n:
            record = record + data.draw(_append(kit, record, n))
        if data.draw(st.booleans()):
            at = data.draw(moments)
        now = data.draw(st.booleans())
        for name, path in (("objects", evaluate), ("columns", evaluate_columns)):
            priors[name] = _judged(path, spec, record, at, priors[name], now)


def test_an_untouched_disputed_event_is_reused_and_a_touched_one_judged_afresh(kit: Any) -> None:
    pause = {"id": "pause", "start": {"at": "2024-01-01T07:00"}, "duration": {"days": 3}}
    spec = kit.spec([TERMS[0], TERMS[2]], phases=[pause])
    record = [
        kit.release("hamas", 4, "2024-01-01T12:00", event_id="h1", sources=[{"outlet": "AP"}]),
        kit.release("hamas", 6, "2024-01-01T12:00", event_id="h1", sources=[{"outlet": "Wafa"}]),
        kit.release("israel", 9, "2024-01-01T18:00", event_id="p1", sources=[{"outlet": "AP"}]),
        kit.release("israel", 12, "2024-01-01T18:00", event_id="p1", sources=[{"outlet": "BBC"}]),
    ]
    at = kit.when("2024-01-03T00:00")
    other = kit.release("hamas", 5, "2024-01-02T12:00", event_id="h2")
    touch = kit.release("israel", 15, "2024-01-01T18:00", event_id="p1", sources=[{"outlet": "UN"}])
    for path in (evaluate, evaluate_columns):
        first = Memory()
        path(spec, record, at, memory=first)
        assert first.now is not None
        prior = Block.of(json.loads(json.dumps(first.now.as_data())))
        assert prior is not None and set(prior.disputes) == {"h1", "p1"}
        # An append that touches neither disputed event: both read as kept, the totals they
        # read judged afresh (the ratio now counts h2's hostages too).
        grown = [*record, other]
        again = Memory(prior=prior)
        state = path(spec, grown, at, memory=again)
        assert json.dumps(state) == json.dumps(path(spec, grown, at))
        assert again.now is not None
        for event in ("h1", "p1"):
            assert again.now.disputes[event][2] is prior.disputes[event][2]
        # A third source for p1: its readings judged afresh, the new figure among them.
        third = Memory(prior=prior)
        state = path(spec, [*grown, touch], at, memory=third)
        assert json.dumps(state) == json.dumps(path(spec, [*grown, touch], at))
        assert third.now is not None
        assert third.now.disputes["h1"][2] is prior.disputes["h1"][2]
        assert third.now.disputes["p1"][2] is not prior.disputes["p1"][2]
        [p1] = [d for d in state["disputes"] if d["event_id"] == "p1"]
        assert [r["quantity"] for r in p1["readings"]] == [9, 12, 15]
        assert touch.id in p1["readings"][2]["claims"]

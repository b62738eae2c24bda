"""A judgment at an instant reuses, row by row, the breach rows another judgment of the same
record rendered (`engine.shared_rows`: a status "now"'s block, `Memory.other`), and the events
other judgments of the same record built (`Memory.events`); its answer is the full judgment's,
byte for byte, both ways into the engine, over random records and instants."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.engine.test_properties_kept import (
    HOURS,
    NO_FIRE,
    NO_FLIGHTS,
    ORIGIN,
    TERMS,
    _append,
    _phases,
)
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.events import Event
from truce.domain.engine.horizon import Horizon
from truce.domain.engine.kept import Block, Memory

PATHS = (("objects", evaluate), ("columns", evaluate_columns))


def _other(spec: Any, record: list[Claim], at: datetime, path: Any, now: bool) -> Block:
    """The block a judgment at `at` leaves (`now`: as a status "now", following the instant)."""
    memory = Memory()
    path(spec, record, at, horizon=Horizon(at.timestamp()) if now else None, memory=memory)
    assert memory.now is not None
    return memory.now


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_rows_and_events_of_other_judgments_give_the_full_judgment(kit: Any, data: Any) -> None:
    chosen = data.draw(st.lists(st.sampled_from(TERMS[2:]), unique_by=lambda t: t["id"]))
    if any(t["id"] == "late-fire" for t in chosen) and TERMS[4] not in chosen:
        chosen.append(TERMS[4])
    spec = kit.spec([NO_FIRE, NO_FLIGHTS, *chosen], phases=_phases(4))
    moments = st.integers(0, HOURS).map(lambda h: ORIGIN + timedelta(hours=h, minutes=30))
    record: list[Claim] = []
    for n in range(data.draw(st.integers(1, 4))):
        record = record + data.draw(_append(kit, record, n))
        events: dict[str, Event] = {}  # one record: its events serve every judgment of it
        for _, path in PATHS:
            first = kit.when(data.draw(moments).isoformat())
            block = _other(spec, record, first, path, data.draw(st.booleans()))
            if data.draw(st.booleans()):  # as the ledger keeps it: JSON, read back
                read = Block.of(json.loads(json.dumps(block.as_data())))
                assert read is not None
                block = read
            for _ in range(data.draw(st.integers(1, 3))):
                at = kit.when(data.draw(moments).isoformat())
                memory = Memory(other=block, events=events)
                shared = path(spec, record, at, memory=memory)
                full = path(spec, record, at)
                assert json.dumps(shared) == json.dumps(full)
                assert shared == full


def test_rows_read_alike_are_the_other_judgments_and_events_are_built_once(kit: Any) -> None:
    spec = kit.spec([NO_FIRE, TERMS[2]], phases=_phases(4))
    record = [
        kit.claim("breach", "2024-01-02T10:00", actor="hamas", event_id="b1"),
        kit.claim("breach", "2024-01-03T10:00", actor="israel", event_id="b2"),
        kit.release("hamas", 4, "2024-01-02T12:00", event_id="r1"),
    ]
    for name, path in PATHS:
        now = kit.when("2024-01-04T12:00")
        events: dict[str, Event] = {}
        first = Memory(events=events)
        path(spec, record, now, horizon=Horizon(now.timestamp()), memory=first)
        assert first.now is not None
        other = first.now
        at = kit.when("2024-01-03T12:00")
        memory = Memory(other=other, events=events)
        state = path(spec, record, at, memory=memory)
        assert state == path(spec, record, at)
        assert [id(r) for r in state["breaches"]] == [id(r) for r in other.rows]
        listed = [e for e in state["explanations"] if e["for"].startswith("breach/")]
        assert [id(e) for e in listed] == [id(e) for e in other.explanations]
        # Before b2 is known, b1's row alone (the object path keys the record by its events in
        # the order it holds them, the known first: its key differs then, and it renders b1's).
        early = path(spec, record, kit.when("2024-01-02T12:00"), memory=Memory(other=other))
        assert early == path(spec, record, kit.when("2024-01-02T12:00"))
        assert early["breaches"] == [other.rows[0]]
        assert (early["breaches"][0] is other.rows[0]) is (name == "columns")
        # With another record's block, none of its rows.
        grown = [*record, kit.claim("breach", "2024-01-03T11:00", actor="hamas", event_id="b3")]
        fresh = path(spec, grown, at, memory=Memory(other=other))
        assert fresh == path(spec, grown, at)
        assert not {id(r) for r in fresh["breaches"]} & {id(r) for r in other.rows}
    # The column path built each event once for the record's two judgments.
    assert set(events) == {"b1", "b2", "r1"}


def test_a_row_whose_clause_moved_with_a_window_is_rendered_afresh(kit: Any) -> None:
    # The pause ends on 5 January at 07:00, or two days later with an extension dated only to
    # the 5th, known from the 6th on. A breach on the 5th at 10:00, known that evening: under no
    # clause then, under "no-fire" on the 7th.
    spec = kit.spec([NO_FIRE], phases=_phases(4))
    record = [
        kit.claim("ceasefire_extension", "2024-01-05", actor="qatar", quantity=2, event_id="x1"),
        kit.claim("breach", "2024-01-05T10:00", actor="hamas", event_id="b1"),
        kit.claim("breach", "2024-01-02T10:00", actor="hamas", event_id="b0"),
    ]
    for _, path in PATHS:
        other = _other(spec, record, kit.when("2024-01-07T00:00"), path, now=True)
        assert [r["clause"] for r in other.rows] == ["no-fire", "no-fire"]
        at = kit.when("2024-01-05T20:00")
        state = path(spec, record, at, memory=Memory(other=other))
        assert state == path(spec, record, at)
        assert [r["clause"] for r in state["breaches"]] == ["no-fire", None]
        # b0 lies inside the window under both: its row is the other's; b1's is its own.
        assert state["breaches"][0] is other.rows[0]
        assert state["breaches"][1] is not other.rows[1]

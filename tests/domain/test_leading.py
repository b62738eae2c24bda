"""Which reading leads: independent sources weighed, never averaged (`domain.leading`)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.conftest import Kit
from truce.domain.claims import Source
from truce.domain.engine.claim_columns import columns_from_claims
from truce.domain.engine.events import backing, reduce_claims
from truce.domain.engine.frame import reduce_columns
from truce.domain.leading import grade_points, leader, source_key

# (figure, qualifier, outlet, status, grade) per claim of one event, and the figure that leads.
Row = tuple[int, str, str | None, str, str | None]
CASES: list[tuple[str, list[Row], int]] = [
    ("one outlet's 491 against three outlets' 642",
     [(491, "exact", "Al Jazeera", "reported", None), (642, "exact", "AP", "reported", None),
      (642, "exact", "Reuters", "reported", None), (642, "exact", "BBC", "reported", None)], 642),
    ("three exact figures contradict each other: each is one source, the lowest leads",
     [(491, "exact", "Al Jazeera", "reported", None), (602, "exact", "AP", "reported", None),
      (642, "exact", "Reuters", "reported", None), (650, "exact", "BBC", "reported", None)], 491),
    ("602 and 642 within an 'about' of a third outlet: the lower of the two backed twice",
     [(491, "exact", "Al Jazeera", "reported", None), (602, "exact", "AP", "reported", None),
      (642, "exact", "Reuters", "reported", None), (620, "about", "BBC", "reported", None)], 602),
    ("three copies of one outlet count once: the lowest leads",
     [(491, "exact", "Al Jazeera", "reported", None), (642, "exact", "AP", "reported", None),
      (642, "exact", "ap", "reported", None), (642, "exact", " AP ", "reported", None)], 491),
    ("a confirmed figure outranks any number of reports",
     [(491, "exact", "UN OCHA", "confirmed", None), (642, "exact", "AP", "reported", None),
      (642, "exact", "Reuters", "reported", None), (642, "exact", "BBC", "reported", None)], 491),
    ("a reported figure outranks alleged ones",
     [(700, "exact", "AP", "reported", None), (500, "exact", "X", "alleged", None),
      (500, "exact", "Y", "alleged", None)], 700),
    ("one A1 source outweighs two ungraded ones",
     [(491, "exact", "ICRC", "reported", "A1"), (642, "exact", "AP", "reported", None),
      (642, "exact", "Reuters", "reported", None)], 491),
    ("three C3 sources outweigh one A1",
     [(491, "exact", "ICRC", "reported", "A1"), (642, "exact", "AP", "reported", "C3"),
      (642, "exact", "Reuters", "reported", "C3"), (642, "exact", "BBC", "reported", "C3")], 642),
    ("unreliable (E5) sources weigh nothing against one ungraded",
     [(491, "exact", "AP", "reported", None), (642, "exact", "X", "reported", "E5"),
      (642, "exact", "Y", "reported", "E5")], 491),
    ("equal support: the conservative, lowest figure",
     [(13, "exact", "AP", "reported", "B2"), (10, "exact", "Reuters", "reported", "B2")], 10),
    ("a bound and a figure within it: the figure both allow",
     [(10, "at_least", "AP", "reported", None), (13, "exact", "Reuters", "reported", None)], 13),
    ("claims naming no outlet are each a source of their own",
     [(491, "exact", "AP", "reported", None), (642, "exact", None, "reported", None),
      (642, "exact", None, "reported", None)], 642),
]  # fmt: skip


def _claims(kit: Kit, rows: list[Row]) -> list[Any]:
    return [
        kit.release("hamas", figure, "2024-01-01T12:00", event_id="e1", qualifier=how,
                    status=status, reliability=grade, notes=f"row {n}",
                    sources=[{"outlet": outlet}] if outlet else [])
        for n, (figure, how, outlet, status, grade) in enumerate(rows)
    ]  # fmt: skip


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_leading_figure(kit: Kit, rows: list[Row], expected: int) -> None:
    claims = _claims(kit, rows)
    assert leader([backing(c) for c in claims]) == expected
    [event] = reduce_claims(claims).events
    assert event.quantity == expected == event.readings[0].quantity
    frame = reduce_columns(columns_from_claims(claims))
    assert frame.quantity.tolist() == [expected]
    # The alternatives stay beside it, never averaged away.
    if event.disputed:
        assert sorted(r.quantity for r in event.readings) == sorted({r[0] for r in rows})


def test_the_status_answer_leads_with_the_three_outlets_figure_on_both_paths(kit: Kit) -> None:
    spec = kit.spec([{"id": "daily", "kind": "quota", "phase": "pause", "party": "hamas",
                      "subject": "hostages", "at_least": 600, "per": "day"}])  # fmt: skip
    claims = _claims(kit, CASES[0][1])
    state = kit.state(spec, claims, "2024-01-06T00:00")  # both engine paths, held equal
    [dispute] = state["disputes"]
    assert [(r["quantity"], r["leading"]) for r in dispute["readings"]] == [
        (642, True),
        (491, False),
    ]
    day = kit.obligation(state, "daily/day-1")
    assert day["status"] == "met" and day["delivered"] == 642


def test_grades_and_sources() -> None:
    assert grade_points("A1") == 10 and grade_points("e5") == 0
    assert grade_points(None) == grade_points("F6") == grade_points("junk") == 2
    assert source_key([Source(outlet="Times of Israel", via="AP")], "c1") == "source:ap"
    assert source_key([{"outlet": "  The  Times "}], "c1") == "source:the times"
    assert source_key([Source(outlet="B"), Source(outlet="A")], "c1") == "source:a"
    assert source_key([], "c1") == source_key([Source(speaker="x")], "c1") == "claim:c1"


ROWS = st.lists(
    st.tuples(
        st.integers(0, 30),
        st.sampled_from(["exact", "exact", "at_least", "about", "up_to", "more_than"]),
        st.sampled_from(["AP", "Reuters", "OCHA", "BBC", None]),
        st.sampled_from(["reported", "confirmed", "alleged", "disputed"]),
        st.sampled_from([None, "A1", "B2", "C3", "E5", "F6"]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, seed=st.integers(0, 2**32))
def test_the_leader_does_not_depend_on_claim_order(kit: Kit, rows: list[Row], seed: int) -> None:
    claims = _claims(kit, rows)
    shuffled = claims[:]
    random.Random(seed).shuffle(shuffled)
    assert leader([backing(c) for c in shuffled]) == leader([backing(c) for c in claims])
    events = [reduce_claims(x).events[0].quantity for x in (claims, shuffled)]
    frames = [reduce_columns(columns_from_claims(x)).quantity.tolist() for x in (claims, shuffled)]
    assert events[0] == events[1] and frames[0] == frames[1] == [events[0]]


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, pick=st.integers(0, 7), copies=st.integers(1, 4))
def test_citing_one_outlet_again_never_changes_the_leader(
    kit: Kit, rows: list[Row], pick: int, copies: int
) -> None:
    rows = [r for r in rows if r[2] is not None] or [(5, "exact", "AP", "reported", None)]
    claims = _claims(kit, rows)
    figure, how, outlet, status, grade = rows[pick % len(rows)]
    # The same report again, as another claim (another id), as often as it is syndicated.
    again = [
        kit.release("hamas", figure, "2024-01-01T12:00", event_id="e1", qualifier=how,
                    status=status, reliability=grade, notes=f"copy {n}",
                    sources=[{"outlet": f"Paper {n}", "via": outlet}])
        for n in range(copies)
    ]  # fmt: skip
    before = reduce_claims(claims).events[0].quantity
    after = reduce_claims([*claims, *again]).events[0].quantity
    assert after == before
    assert reduce_columns(columns_from_claims([*claims, *again])).quantity.tolist() == [before]

"""The column path's shortcuts give what the plain way gives, bit for bit: a series from columns
sorts only its runs of equal instants (`series.ordered`) and shares its instants' list between
weights; the breach events' digest (`ColumnIndex.fingerprint`) is written a column at a time.
Each is compared with the reference over random columns and records."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine.claim_columns import columns_from_claims
from truce.domain.engine.columns import ColumnIndex
from truce.domain.engine.events import reduce_claims
from truce.domain.engine.frame import reduce_columns
from truce.domain.engine.index import Index, fingerprint, known_by
from truce.domain.engine.series import Series, ordered

INSTANTS = st.sampled_from([0.0, 10.0, 10.0, 20.0, 30.0])
AMOUNTS = st.sampled_from([0.0, 1.0, 2.0, 3.0, 0.1, 0.2, 0.7, 1e16])
POINTS = st.lists(st.tuples(INSTANTS, AMOUNTS), max_size=12)


def _columns(points: list[tuple[float, float]], clock_order: bool) -> tuple[Any, Any]:
    # Columns come in clock order (amounts in any order among equal instants), or any order.
    if clock_order:
        points = sorted(points, key=lambda p: p[0])
    instants = np.array([p[0] for p in points], dtype=np.float64)
    return instants, np.array([p[1] for p in points], dtype=np.float64)


@settings(max_examples=400, deadline=None)
@given(points=POINTS, clock_order=st.booleans())
def test_a_series_from_columns_is_the_series_of_its_points(
    points: list[tuple[float, float]], clock_order: bool
) -> None:
    instants, amounts = _columns(points, clock_order)
    plain = Series(points)
    made = Series.of(instants, amounts)
    assert (made.instants, made.cumulative) == (plain.instants, plain.cumulative)
    # Another weighing of the same events: the instants' list of the first, shared.
    again = Series.of(instants, amounts * 3.0, made.instants)
    reference = Series([(t, a * 3.0) for t, a in points])
    assert (again.instants, again.cumulative) == (reference.instants, reference.cumulative)
    assert again.instants is made.instants


@settings(max_examples=400, deadline=None)
@given(points=POINTS, clock_order=st.booleans())
def test_the_order_is_numpys_by_instant_then_amount(
    points: list[tuple[float, float]], clock_order: bool
) -> None:
    instants, amounts = _columns(points, clock_order)
    reference = np.lexsort((amounts, instants))
    found = ordered(instants, amounts)
    expected = np.arange(len(points)) if found is None else found
    assert expected.tolist() == reference.tolist()


ORIGIN = datetime(2024, 1, 1)
LATE = ORIGIN + timedelta(days=60)
LOOSE = ["2024-01-02", "2024-W01", "2024-01"]


@st.composite
def _record(draw: Any, kit: Any) -> list[Claim]:
    claims = []
    for i in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["breach", "breach", "release", "statement"]))
        if draw(st.integers(0, 4)) == 0:
            date = draw(st.sampled_from(LOOSE))
        else:
            minutes = draw(st.integers(0, 3)) * 90 + draw(st.sampled_from([0, 0, 1]))
            date = (ORIGIN + timedelta(minutes=minutes)).isoformat(timespec="minutes")
        event = draw(st.sampled_from([f"e{i}", "e-shared", "e-other", "e-ab"]))
        fields: dict[str, Any] = {"event_id": event, "actor": "hamas"}
        if kind == "release":
            fields.update(subject="hostages", quantity=draw(st.integers(0, 3)))
        claims.append(kit.claim(kind, date, **fields))
    return claims


@settings(max_examples=200, deadline=None)
@given(data=st.data(), at=st.sampled_from([ORIGIN, ORIGIN + timedelta(hours=3), LATE]))
def test_the_breach_events_digest_from_columns_is_the_digest_of_the_events(
    kit: Any, data: Any, at: datetime
) -> None:
    claims = data.draw(_record(kit))
    instant = at.timestamp()
    book = reduce_claims(claims)
    frame = reduce_columns(columns_from_claims(claims))
    columns = ColumnIndex(frame, lambda rows: [claims[r] for r in rows], instant)
    for types in (["breach"], ["breach", "statement"], ["nothing-of-this-type"]):
        # Every event of the types in the record, whatever the instant, as the column path
        # always read them.
        events = [e for e in book.events if e.type in types]
        expected = fingerprint((e.id, e.at, e.known_at, e.claim_ids) for e in events)
        assert columns.fingerprint(types) == expected
        if at == LATE:  # every event known by then: the objects' index holds them all
            objects = Index(known_by(book.events, instant), instant=instant)
            assert objects.fingerprint(types) == expected

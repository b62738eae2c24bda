"""One definition of disputed readings: the batch merge and the engine (its object path and its
column path) say the same of every case in one table."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.domain.conftest import Kit
from truce.batch.event_rows import disputed as batch_disputed
from truce.batch.event_rows import leading as batch_leading
from truce.batch.merge import Mention
from truce.domain.engine.claim_columns import columns_from_claims
from truce.domain.engine.events import reduce_claims
from truce.domain.engine.frame import reduce_columns


@pytest.fixture
def kit() -> Kit:
    return Kit()


# (figure, qualifier) readings of one event, and whether they dispute.
CASES: list[tuple[list[tuple[int, str]], bool]] = [
    ([(10, "at_least"), (13, "exact")], False),
    ([(10, "exact"), (13, "exact")], True),
    ([(10, "about"), (13, "exact")], True),
    ([(250, "about"), (240, "exact")], False),
    ([(250, "about"), (199, "exact")], True),
    ([(600, "more_than"), (650, "exact")], False),
    ([(600, "over"), (600, "exact")], False),
    ([(600, "more_than"), (590, "exact")], True),
    ([(50, "nearly"), (45, "exact")], False),
    ([(50, "nearly"), (51, "exact")], True),
    ([(40, "up_to"), (30, "at_least")], False),
    ([(40, "up_to"), (41, "at_least")], True),
    ([(10, "at_least"), (12, "at_least"), (11, "exact")], True),
    ([(10, "at_least"), (12, "at_least"), (15, "about")], False),
]


def _mention(n: int, figure: int, how: str) -> Mention:
    return Mention(
        document=f"d{n}", candidate=f"d{n}#1", original=None, type="release",
        modality="occurred", actor="hamas", target=None, date=date(2024, 1, 1),
        precision="day", categories=(), figure=float(figure), qualifier=how, unit="hostages",
        source={"outlet": f"O{n}"},
    )  # fmt: skip


@pytest.mark.parametrize(("readings", "expected"), CASES)
def test_batch_and_engine_agree(kit: Kit, readings: list[tuple[int, str]], expected: bool) -> None:
    mentions = [_mention(n, f, q) for n, (f, q) in enumerate(readings)]
    assert batch_disputed(mentions) is expected
    claims = [
        kit.release("hamas", figure, "2024-01-01T12:00", event_id="e1", qualifier=how,
                    sources=[{"outlet": f"O{n}"}])
        for n, (figure, how) in enumerate(readings)
    ]  # fmt: skip
    [event] = reduce_claims(claims).events
    assert event.disputed is expected
    frame = reduce_columns(columns_from_claims(claims))
    assert frame.disputed.tolist() == [expected]
    # Both paths and the batch lead with the same figure (`domain.leading`): one outlet each,
    # so the figure most of them allow, the lowest among equals ("at least 10" and "13": 13).
    assert frame.quantity.tolist() == [event.quantity] == [batch_leading(mentions)]


def test_a_bound_and_a_figure_within_it_count_once_without_a_dispute(kit: Kit) -> None:
    daily: dict[str, Any] = {"id": "daily", "kind": "quota", "phase": "pause",
                             "party": "hamas", "subject": "hostages", "at_least": 10,
                             "per": "day"}  # fmt: skip
    spec = kit.spec([daily])
    claims = [
        kit.release("hamas", 10, "2024-01-01T12:00", event_id="e1", qualifier="at_least",
                    sources=[{"outlet": "A"}]),
        kit.release("hamas", 13, "2024-01-01T12:00", event_id="e1", sources=[{"outlet": "B"}]),
    ]  # fmt: skip
    state = kit.state(spec, claims, "2024-01-06T00:00")  # both engine paths, held equal
    assert state["disputes"] == []
    assert kit.obligation(state, "daily/day-1")["status"] == "met"

"""After an append the snapshot regroups only the events the new claims touch: the frame and the
whole status answer must be those of a regroup of every claim, and of the object path, whatever
was appended (supersessions, retractions, claims moving between events, dates set aside)."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.storage.gaza_record import AGREEMENT, _record, _spec
from truce import services
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, EventType, Source
from truce.domain.engine import evaluate
from truce.domain.engine.frame import EventFrame
from truce.storage import Ledger, snapshot
from truce.storage.snapshot import load_frame

AT = "2023-12-03T00:00"


def decoded(frame: EventFrame) -> dict[str, Any]:
    """Everything a frame says, with codes read as the values they stand for."""

    def name(values: list[str], code: int) -> str | None:
        return None if code < 0 else values[code]

    events = [
        (
            frame.keys[i],
            float(frame.at[i]),
            float(frame.known_at[i]),
            int(frame.type[i]),
            name(frame.actors, int(frame.actor[i])),
            name(frame.subjects, int(frame.subject[i])),
            frame.category_sets[int(frame.categories[i])],
            int(frame.quantity[i]),
            bool(frame.has_quantity[i]),
            bool(frame.disputed[i]),
            frame.members[frame.starts[i] : frame.starts[i + 1]].tolist(),
        )
        for i in range(len(frame))
    ]
    counts = (frame.claims, frame.superseded, frame.retracted)
    return {"events": events, "counts": counts, "set_aside": frame.out_of_range,
            "unchecked": frame.unchecked}  # fmt: skip


def assert_same_as_a_full_regroup(ledger: Ledger) -> None:
    """The snapshot's frame (spliced) equals one regrouped from every claim, and the answer
    through it equals the object path's."""
    assert ledger.snapshots is not None
    spliced, fetch = load_frame(ledger.engine, AGREEMENT, ledger.snapshots)
    full, _ = load_frame(ledger.engine, AGREEMENT, None)
    assert decoded(spliced) == decoded(full)
    spec, _ = ledger.agreement(AGREEMENT)
    claims = ledger.claims(AGREEMENT)
    rows = spliced.members[-50:].tolist()  # claims of the last events, new ones among them
    assert [c.id for c in fetch(rows)] == [claims[r].id for r in rows]
    when = services.parse_instant(AT, spec.zone)
    versions = ledger.agreement_versions(AGREEMENT)
    assert services.status(ledger, AGREEMENT, AT) == evaluate(spec, claims, when, versions)


@pytest.fixture
def ledger(ledger_url: str, tmp_path: Path) -> Iterator[Ledger]:
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        services.status(ledger, AGREEMENT, AT)  # the snapshot, built whole
        yield ledger


def _changed(old: Claim, n: int, **changes: Any) -> Claim:
    return with_content_id(dataclasses.replace(old, id="", notes=f"late {n}", **changes))


def test_appends_of_every_kind_regroup_to_the_full_answer(ledger: Ledger) -> None:
    record = ledger.claims(AGREEMENT)
    first, second, third = [c for c in record if c.quantity is not None and c.event_id][:3]
    released = [c for c in record if c.event_id and c.event_id != first.event_id]
    appends = [
        # Another reading of an old event, with another figure: a new dispute.
        [_changed(first, 1, quantity=(first.quantity or 0) + 5, sources=(Source(outlet="AP"),))],
        # A correction that moves a claim to another event, and a retraction.
        [
            _changed(second, 2, supersedes=second.id, event_id=released[-1].event_id),
            _changed(third, 3, supersedes=third.id, status=ClaimStatus.RETRACTED),
        ],
        # A claim dated outside the engine's window, then its correction back into it.
        [_changed(first, 4, event_id="far", date=datetime(1, 1, 1, 12, tzinfo=UTC))],
    ]
    far = appends[2][0]
    appends.append([_changed(far, 5, supersedes=far.id, date=first.date + timedelta(hours=1))])
    # Claims naming no event ("" or none), one of them dated to the day, then a verdict on one.
    unnamed = _changed(first, 6, event_id="", date_precision=DatePrecision.DAY)
    appends.append([unnamed, _changed(first, 7, event_id=None, quantity=None)])
    appends.append([_changed(unnamed, 8, supersedes=unnamed.id, status=ClaimStatus.CONFIRMED)])
    before = services.status(ledger, AGREEMENT, AT)
    for batch in appends:
        ledger.append_claims(batch, "analyst")
        assert_same_as_a_full_regroup(ledger)
    after = services.status(ledger, AGREEMENT, AT)
    assert after["counts"]["superseded"] == before["counts"]["superseded"] + 4
    assert after["counts"]["retracted"] == before["counts"]["retracted"] + 1
    assert after != before
    assert ledger.snapshots is not None
    assert list(ledger.snapshots.glob("*.tail.arrow"))  # appended, not rewritten whole


def test_a_long_tail_is_folded_into_the_claims_file(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "COMPACT_ROWS", 2)
    record = ledger.claims(AGREEMENT)
    assert ledger.snapshots is not None
    [claims_file] = ledger.snapshots.glob("*.claims.arrow")
    written = claims_file.stat().st_mtime_ns
    ledger.append_claims([_changed(record[0], 1)], "analyst")
    assert_same_as_a_full_regroup(ledger)
    assert claims_file.stat().st_mtime_ns == written
    ledger.append_claims([_changed(record[1], n) for n in range(2, 40)], "analyst")
    assert_same_as_a_full_regroup(ledger)
    assert claims_file.stat().st_mtime_ns != written
    assert not list(ledger.snapshots.glob("*.tail.arrow"))


def test_the_full_regroup_can_still_be_asked_for(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`snapshot.INCREMENTAL = False` is the path before this change, kept for the bench."""
    monkeypatch.setattr(snapshot, "INCREMENTAL", False)
    record = ledger.claims(AGREEMENT)
    ledger.append_claims([_changed(record[2], 1, quantity=99)], "analyst")
    assert_same_as_a_full_regroup(ledger)
    assert ledger.snapshots is not None and not list(ledger.snapshots.glob("*.tail.arrow"))


# -- random append sequences ----------------------------------------------------------------

EVENTS = ["a", "b", "c", "", None]
START = datetime(2023, 11, 24, 9, tzinfo=UTC)


@st.composite
def claim_rows(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "event": draw(st.sampled_from(EVENTS)),
        "type": draw(st.sampled_from([EventType.RELEASE, EventType.BREACH])),
        "actor": draw(st.sampled_from(["hamas", "israel"])),
        "quantity": draw(st.one_of(st.none(), st.integers(1, 12))),
        "status": draw(st.sampled_from(list(ClaimStatus))),
        "hours": draw(st.sampled_from([0, 0, 5, 30, 70, -(10**7)])),  # the last: set aside
        "loose": draw(st.booleans()),
        "outlet": draw(st.sampled_from(["AP", "AFP", "Reuters"])),
        "reliability": draw(st.sampled_from([None, "A1", "C3"])),
        # Supersede the claim this many places back among those recorded (0: none).
        "back": draw(st.sampled_from([0, 0, 0, 1, 2, 5])),
    }


def _make(row: dict[str, Any], n: int, recorded: list[Claim]) -> Claim:
    supersedes = None
    if row["back"] and len(recorded) >= row["back"]:
        supersedes = recorded[-row["back"]].id
    return with_content_id(
        Claim(
            id="",
            agreement=AGREEMENT,
            type=row["type"],
            date=START + timedelta(hours=row["hours"]),
            date_precision=DatePrecision.DAY if row["loose"] else DatePrecision.EXACT,
            event_id=row["event"],
            actor=row["actor"],
            quantity=row["quantity"],
            subject="hostages" if row["type"] is EventType.RELEASE else None,
            categories=("women",),
            status=row["status"],
            supersedes=supersedes,
            reliability=row["reliability"],
            sources=(Source(outlet=row["outlet"]),),
            notes=f"claim {n}",
        )
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(claim_rows(), min_size=1, max_size=4), min_size=2, max_size=5))
def test_random_append_sequences_regroup_to_the_full_answer(
    batches: list[list[dict[str, Any]]],
) -> None:
    spec, text = _spec()
    with tempfile.TemporaryDirectory() as folder, Ledger.init(f"{folder}/l.db") as ledger:
        ledger.add_agreement(spec, text, "analyst")
        recorded: list[Claim] = []
        for i, batch in enumerate(batches):
            made = []
            for j, row in enumerate(batch):  # a claim may supersede one earlier in its batch
                made.append(_make(row, 10 * i + j, recorded + made))
            ledger.append_claims(made, "analyst")
            recorded.extend(made)
            assert_same_as_a_full_regroup(ledger)

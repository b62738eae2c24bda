"""The breach list and prohibition verdicts reused from the previous judgment (`engine.kept`)
give the answer a full judgment gives, byte for byte, both ways into the engine, over random
records grown by random appends: new breaches and new readings of old ones (other statuses,
other dates, other places and kinds), corrections that move a claim to another event,
retractions, loosely dated claims, releases with and without sub-counts, extensions that move
the phase's end, and a new version of the spec; each judgment at a random instant, its memory
read back through JSON as the ledger keeps it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.horizon import Horizon
from truce.domain.engine.kept import FORMAT, Block, Memory

HOSTAGES = {"party": "hamas", "subject": "hostages"}
NO_FIRE = {"id": "no-fire", "kind": "prohibition", "phase": "pause", "clause": "Art. 1",
           "exceptions": ["imminent-threat"]}  # fmt: skip
NO_FLIGHTS = {"id": "no-flights", "kind": "prohibition", "phase": "pause", "clause": "Art. 2",
              "categories": ["air-strike"], "zones": ["Rafah"], "parties": ["israel"]}  # fmt: skip
TERMS: list[dict[str, Any]] = [
    NO_FIRE,
    NO_FLIGHTS,
    {"id": "daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10, "per": "day"},
    {"id": "per-five", "kind": "extension", "phase": "pause", "for_each": 5, "of": HOSTAGES,
     "beyond": 10},
    {"id": "first", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 8,
     "by": {"day": 2}},
    {"id": "late-fire", "kind": "prohibition", "clause": "Art. 3", "opens_after": ["first"],
     "parties": ["hamas"]},
]  # fmt: skip
START = datetime(2024, 1, 1, 7)
ORIGIN = datetime(2023, 12, 31, 12)
HOURS = 24 * 7
LOOSE = ["2024-01-02", "2024-01-03", "2024-01-05", "2024-W01"]
KINDS = ["armed-attack", "air-strike", "imminent-threat", "sniper-fire"]
PLACES = [None, "Rafah", "Khan Younis"]
Path = Callable[..., dict[str, Any]]


def _phases(days: int) -> list[dict[str, Any]]:
    return [{"id": "pause", "start": {"at": START.isoformat()}, "duration": {"days": days},
             "max_days": 10}]  # fmt: skip


@st.composite
def _date(draw: Any) -> str:
    if draw(st.integers(0, 5)) == 0:
        return str(draw(st.sampled_from(LOOSE)))
    hours = draw(st.integers(0, HOURS))
    return (ORIGIN + timedelta(hours=hours, minutes=15)).isoformat(timespec="minutes")


@st.composite
def _append(draw: Any, kit: Any, record: list[Claim], n: int) -> list[Claim]:
    """One append: a few claims of one kind or of every kind, some about events already on
    record (an append of releases or extensions alone leaves the breach events as they were)."""
    made: list[Claim] = []
    live = [c for c in record if c.type == "breach"]
    focus = draw(st.sampled_from(["breach", "release", "extension", "change", "mixed"]))
    for i in range(draw(st.integers(1, 4))):
        kinds = ["breach"] * 4 + ["release"] * 2 + ["extension", "change"]
        kind = draw(st.sampled_from(kinds)) if focus == "mixed" else focus
        outlet = [{"outlet": draw(st.sampled_from(["AP", "Reuters", "UN monitors"]))}]
        if kind == "change" and live:
            old = draw(st.sampled_from(live))
            how = draw(st.sampled_from(["retract", "move", "confirm", "redate"]))
            if how == "retract":
                made.append(kit.claim("breach", old.date.isoformat(), actor=old.actor,
                                      status="retracted", supersedes=old.id,
                                      event_id=old.event_id, sources=outlet))  # fmt: skip
            elif how == "move":
                target = draw(st.sampled_from(live)).event_id
                made.append(kit.claim("breach", old.date.isoformat(), actor=old.actor,
                                      supersedes=old.id, event_id=target,
                                      sources=outlet))  # fmt: skip
            else:
                date = draw(_date()) if how == "redate" else old.date.isoformat()
                made.append(kit.claim("breach", date, actor=old.actor, status="confirmed",
                                      event_id=old.event_id, categories=list(old.categories),
                                      sources=outlet))  # fmt: skip
            continue
        if kind == "extension":  # announced in the pause, so that it moves the pause's end
            hours = draw(st.integers(20, 4 * 24 + 18))
            date = (ORIGIN + timedelta(hours=hours)).isoformat(timespec="minutes")
            made.append(kit.claim("ceasefire_extension", date, actor="qatar",
                                  quantity=draw(st.integers(1, 2)), event_id=f"x{n}-{i}",
                                  sources=outlet))  # fmt: skip
            continue
        if kind == "release":
            fields: dict[str, Any] = {"event_id": draw(st.sampled_from(["r1", "r2", f"r{n}"]))}
            women, children = draw(st.integers(0, 5)), draw(st.integers(0, 5))
            if draw(st.booleans()):
                fields["parts"] = {"women": women, "children": children}
            made.append(kit.release("hamas", women + children + draw(st.integers(0, 4)),
                                    draw(_date()), sources=outlet, **fields))  # fmt: skip
            continue
        old_events = sorted({c.event_id for c in live if c.event_id})
        event = draw(st.sampled_from([f"b{n}-{i}", *old_events]))
        place = draw(st.sampled_from(PLACES))
        made.append(
            kit.claim(
                "breach",
                draw(_date()),
                actor=draw(st.sampled_from(["hamas", "israel", "isis"])),
                status=draw(st.sampled_from(["alleged", "confirmed"])),
                categories=draw(st.lists(st.sampled_from(KINDS), max_size=2, unique=True)),
                event_id=event,
                sources=outlet,
                **({"location": place} if place else {}),
            )
        )
    return made


def _round_trip(memory: Memory) -> Block | None:
    """The block as the ledger keeps it: JSON, read back."""
    assert memory.now is not None
    return Block.of(json.loads(json.dumps(memory.now.as_data())))


def _judged(
    path: Path, spec: Any, record: list[Claim], at: datetime, prior: Block | None, now: bool
) -> Any:
    """Judged with `prior` and in full, compared byte for byte; `now`: as a status "now" is,
    following the instant, whose horizon may end no later than the full judgment's."""
    memory = Memory(prior=prior)
    mine, theirs = (Horizon(at.timestamp()), Horizon(at.timestamp())) if now else (None, None)
    kept = path(spec, record, at, horizon=mine, memory=memory)
    full = path(spec, record, at, horizon=theirs)
    assert json.dumps(kept) == json.dumps(full)
    assert kept == full
    if mine is not None and theirs is not None:
        assert mine.until <= theirs.until
    return _round_trip(memory)


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_reusing_the_breach_block_gives_the_full_judgment(kit: Any, data: Any) -> None:
    chosen = data.draw(st.lists(st.sampled_from(TERMS[2:]), unique_by=lambda t: t["id"]))
    if data.draw(st.booleans()):  # a prohibition whose window opens once a quota is met
        chosen = [t for t in chosen if t["id"] not in ("late-fire", "first")] + TERMS[4:]
    if any(t["id"] == "late-fire" for t in chosen) and TERMS[4] not in chosen:
        chosen.append(TERMS[4])
    spec = kit.spec([NO_FIRE, NO_FLIGHTS, *chosen], phases=_phases(4))
    # A new version: a clause with other exceptions, the other gone; or the pause a day longer.
    other = {**NO_FIRE, "exceptions": ["sniper-fire"], "clause": "Art. 1 (amended)"}
    amended = data.draw(
        st.sampled_from(
            [
                kit.spec([other, *chosen], phases=_phases(4)),
                kit.spec([NO_FIRE, *chosen], phases=_phases(5)),
            ]
        )
    )
    record: list[Claim] = []
    priors: dict[str, Block | None] = {"objects": None, "columns": None}
    moments = st.integers(0, HOURS).map(lambda h: ORIGIN + timedelta(hours=h, minutes=30))
    at = kit.when(data.draw(moments).isoformat())
    for n in range(data.draw(st.integers(1, 6))):
        record = record + data.draw(_append(kit, record, n))
        judging = amended if n >= 3 else spec
        instants = [at]
        if data.draw(st.booleans()):  # the same record asked about at another instant too
            instants.append(kit.when(data.draw(moments).isoformat()))
        for when in instants:
            now = data.draw(st.booleans())  # as a status "now", following the instant
            for name, path in (("objects", evaluate), ("columns", evaluate_columns)):
                priors[name] = _judged(path, judging, record, when, priors[name], now)


def test_an_append_of_releases_reuses_the_rows_and_one_of_a_breach_does_not(kit: Any) -> None:
    spec = kit.spec([NO_FIRE, TERMS[2]], phases=_phases(4))
    record = [
        kit.claim("breach", "2024-01-02T10:00", actor="hamas", event_id="b1"),
        kit.claim("breach", "2024-01-03T10:00", actor="israel", event_id="b2"),
        kit.release("hamas", 4, "2024-01-02T12:00", event_id="r1"),
    ]
    at = kit.when("2024-01-04T00:00")
    for path in (evaluate, evaluate_columns):
        first = Memory()
        path(spec, record, at, memory=first)
        prior = _round_trip(first)
        assert prior is not None and prior.decoded() is prior and len(prior.rows) == 2
        grown = [*record, kit.release("hamas", 9, "2024-01-03T12:00", event_id="r2")]
        again = Memory(prior=prior)
        assert path(spec, grown, at, memory=again) == path(spec, grown, at)
        assert again.now is not None and again.now.rows is prior.rows  # reused as read
        assert again.now.terms == prior.terms
        breach = kit.claim("breach", "2024-01-03T10:00", actor="israel", event_id="b2",
                           status="confirmed", sources=[{"outlet": "UN monitors"}])  # fmt: skip
        third = Memory(prior=prior)
        state = path(spec, [*grown, breach], at, memory=third)
        assert state == path(spec, [*grown, breach], at)
        assert third.now is not None and third.now.rows is not prior.rows
        assert kit.obligation(state, "no-fire/israel")["status"] == "violated"
        # Another instant on the same side of every breach's instants and the windows' edges
        # reuses them too; one before b2 is known is judged afresh: it is not listed then.
        later = Memory(prior=prior)
        path(spec, grown, kit.when("2024-01-04T01:00"), memory=later)
        assert later.now is not None and later.now.rows is prior.rows
        earlier = Memory(prior=prior)
        state = path(spec, grown, kit.when("2024-01-03T09:00"), memory=earlier)
        assert state == path(spec, grown, kit.when("2024-01-03T09:00"))
        assert earlier.now is not None and earlier.now.rows is not prior.rows
        assert [b["event_id"] for b in state["breaches"]] == ["b1"]


def test_a_moved_window_or_a_new_version_is_judged_afresh(kit: Any) -> None:
    # A breach on 6 January, after the pause's end (5 January 07:00): under no clause, until
    # an extension of two days (an append with no breach in it) takes the pause past it.
    spec = kit.spec([NO_FIRE], phases=_phases(4))
    record = [kit.claim("breach", "2024-01-06T10:00", actor="hamas", event_id="b1")]
    at = kit.when("2024-01-06T12:00")
    extended = [*record, kit.claim("ceasefire_extension", "2024-01-03T10:00", actor="qatar",
                                   quantity=2, event_id="x1")]  # fmt: skip
    other = kit.spec([{**NO_FIRE, "clause": "Art. 1 (amended)"}], phases=_phases(4))
    for path in (evaluate, evaluate_columns):
        first = Memory()
        assert path(spec, record, at, memory=first)["breaches"][0]["clause"] is None
        prior = _round_trip(first)
        moved = path(spec, extended, at, memory=Memory(prior=prior))
        assert moved == path(spec, extended, at)
        assert moved["breaches"][0]["clause"] == "no-fire"
        assert kit.obligation(moved, "no-fire/hamas")["status"] == "alleged"
        amended = path(other, record, at, memory=Memory(prior=prior))
        assert amended == path(other, record, at)
        assert kit.explanation(amended, "no-fire/hamas")["clause"] == "Art. 1 (amended)"


def test_a_block_of_another_shape_is_not_read(kit: Any) -> None:
    assert Block.of({"format": 0}) is None
    assert Block.of(None) is None
    assert Block.of({"format": 1, "key": "k"}) is None
    block = Block("k", rows=[{"a": 1, "b": [1, 2]}, {"b": 2, "a": 1}])
    found = Block.of(json.loads(json.dumps(block.as_data())))
    assert found is not None and found.as_data() == block.as_data()  # undecoded, as read
    read = found.decoded()
    assert read is not None
    assert [list(r.items()) for r in read.rows] == [list(r.items()) for r in block.rows]
    same = dataclasses.replace(block, rows=[{"a": True, "b": [1]}, {"a": 1.0, "b": [1]}])
    found = Block.of(json.loads(json.dumps(same.as_data())))
    back = found.decoded() if found is not None else None
    assert back is not None
    assert [[type(v) for v in r.values()] for r in back.rows] == [[bool, list], [float, list]]


def _one_breach_blocks(kit: Any) -> Iterator[tuple[Any, Any, list[Any], Any, dict[str, Any]]]:
    """Per engine path: the path, a one-breach spec and record, the instant, and the breach
    block that judgment keeps, as JSON reads it back (a copy the caller may edit)."""
    spec = kit.spec([NO_FIRE], phases=_phases(4))
    record = [kit.claim("breach", "2024-01-02T10:00", actor="hamas", event_id="b1")]
    at = kit.when("2024-01-04T00:00")
    for path in (evaluate, evaluate_columns):
        first = Memory()
        path(spec, record, at, memory=first)
        assert first.now is not None
        yield path, spec, record, at, json.loads(json.dumps(first.now.as_data()))


def test_a_block_of_format_3_with_kept_disputes_is_read_as_nothing_kept(kit: Any) -> None:
    """Format 3 also carried the disputed events (`kept_disputes`, removed): a block written so
    is not read, and the judgment given it is a full one that leaves a block of this format."""
    for path, spec, record, at, kept in _one_breach_blocks(kit):
        old = {**kept, "format": 3, "disputes": {}}
        assert Block.of(old) is None
        assert Block.of({**old, "format": FORMAT}) is not None  # only the format tells them apart
        again = Memory(prior=Block.of(old))
        assert path(spec, record, at, memory=again) == path(spec, record, at)
        assert again.now is not None and again.now.as_data()["format"] == FORMAT == 4
        assert "disputes" not in again.now.as_data()


def test_rows_that_cannot_be_decoded_are_judged_afresh(kit: Any) -> None:
    for path, spec, record, at, data in _one_breach_blocks(kit):
        data["rows"]["columns"][0]["codes"] = [7]  # a code past its values
        garbled = Block.of(data)
        assert garbled is not None and garbled.decoded() is None
        again = Memory(prior=Block.of(data))
        assert path(spec, record, at, memory=again) == path(spec, record, at)
        assert again.now is not None and len(again.now.rows) == 1


def test_a_window_opened_by_another_term_is_judged_afresh(kit: Any) -> None:
    # "late-fire" is in force once "first" (8 hostages by day 2) is met: an append of releases
    # alone (no breach in it) opens it, and the breach already on record falls under it.
    spec = kit.spec([NO_FIRE, TERMS[4], TERMS[5]], phases=_phases(4))
    record = [
        kit.claim("breach", "2024-01-02T12:00", actor="hamas", event_id="b1"),
        kit.release("hamas", 4, "2024-01-01T12:00", event_id="r1"),
    ]
    grown = [*record, kit.release("hamas", 5, "2024-01-02T10:00", event_id="r2")]
    at = kit.when("2024-01-03T00:00")
    for path in (evaluate, evaluate_columns):
        first = Memory()
        before = path(spec, record, at, memory=first)
        assert kit.obligation(before, "late-fire/hamas")["status"] == "inactive"
        after = path(spec, grown, at, memory=Memory(prior=_round_trip(first)))
        assert after == path(spec, grown, at)
        assert kit.obligation(after, "late-fire/hamas")["status"] == "alleged"

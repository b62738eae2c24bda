"""Another figure of a disputed event, judged window by window (`engine.alternatives`), gives
the whole answer the straightforward re-judgment gives (`disputes.WINDOWED` off: every term
judged afresh with the figure overridden), both ways into the engine, over random records and
random specs: daily and total quotas, ratios in total and by batch, extensions, a pool, a term
that opens after another, a gate, loosely dated claims and qualified figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine import alternatives, disputes, evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.engine.horizon import Horizon

HOSTAGES = {"party": "hamas", "subject": "hostages"}
PRISONERS = {"party": "israel", "subject": "prisoners"}
TERMS: list[dict[str, Any]] = [
    {"id": "daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10, "per": "day"},
    {"id": "weekly", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 40, "per": "week",
     "exclude": ["foreign-nationals"]},
    {"id": "first", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 30,
     "categories": ["women", "children"], "by": {"day": 3}},
    {"id": "open", "kind": "quota", **PRISONERS, "at_least": 25},
    {"id": "exchange", "kind": "ratio", "phase": "pause", **PRISONERS, "per_unit_of": HOSTAGES,
     "factor": 3},
    {"id": "weighed", "kind": "ratio", "phase": "pause", **PRISONERS, "per_unit_of": HOSTAGES,
     "factor": 3, "factors": {"women": 30, "female-soldier": 50},
     "unweighted": ["living", "deceased"]},
    {"id": "listed", "kind": "ratio", **PRISONERS, "per_unit_of": HOSTAGES,
     "factors": {"women": 2, "children": 1, "civilian": 1, "female-soldier": 1,
                 "foreign-nationals": 0}, "unweighted": ["living", "deceased"]},
    {"id": "batches", "kind": "ratio", "phase": "pause", **PRISONERS, "per_unit_of": HOSTAGES,
     "factor": 2, "per": "event", "unweighted": ["living", "deceased"]},
    {"id": "per-five", "kind": "extension", "phase": "pause", "for_each": 5, "of": HOSTAGES,
     "beyond": 10},
    {"id": "pool", "kind": "pool", **PRISONERS, "size": 40, "published": "2024-01-01T00:00",
     "objection_window": {"hours": 12}},
    {"id": "then", "kind": "quota", "phase": "pause", **PRISONERS, "at_least": 20,
     "opens_after": ["first"], "by": {"within": {"hours": 30}}},
    {"id": "to-two", "kind": "gate", "phase": "two", "requires": ["open"]},
]  # fmt: skip
START = datetime(2024, 1, 1, 7)
ORIGIN = datetime(2023, 12, 31)
HOURS = 24 * 8
LOOSE = ["2024-01-02", "2024-01-03", "2024-W01"]
instants = st.integers(0, HOURS).map(lambda h: ORIGIN + timedelta(hours=h, minutes=30))


def _phases() -> list[dict[str, Any]]:
    pause = {"id": "pause", "start": {"at": START.isoformat()}, "duration": {"days": 4}}
    return [pause, {"id": "two", "start": {"after": "pause"}, "duration": "36h"}]


@st.composite
def specs(draw: Any, kit: Any) -> Any:
    """Some of the terms, in any order (a gate only with the term it requires)."""
    chosen = draw(st.lists(st.sampled_from(TERMS[:-1]), min_size=1, unique_by=lambda t: t["id"]))
    ids = {t["id"] for t in chosen}
    if "then" in ids and "first" not in ids:
        chosen.append(TERMS[2])
    if "open" in ids and draw(st.booleans()):
        chosen.append(TERMS[-1])
    return kit.spec(chosen, phases=_phases())


@st.composite
def records(draw: Any, kit: Any) -> list[Claim]:
    """Releases by both sides on a few events, so that figures (exact, qualified, loosely
    dated) dispute; now and then an extension claim."""
    claims: list[Claim] = []
    loose = draw(st.booleans())
    for n in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["hostages"] * 5 + ["prisoners"] * 3 + ["extension"] * 2))
        if loose and draw(st.integers(0, 4)) == 0:
            date = str(draw(st.sampled_from(LOOSE)))
        else:
            hours = draw(st.integers(0, HOURS))
            date = (ORIGIN + timedelta(hours=hours, minutes=15)).isoformat(timespec="minutes")
        fields: dict[str, Any] = {
            "sources": [{"outlet": draw(st.sampled_from(["AP", "Reuters", "OCHA", "BBC"]))}],
            "event_id": draw(st.sampled_from([f"n{n}", "e1", "e2", "e3"])),
        }
        if kind == "extension":
            fields["event_id"] = f"x{n}"
            fields["quantity"] = draw(st.none() | st.integers(1, 4))
            claims.append(kit.claim("ceasefire_extension", date, actor="qatar", **fields))
            continue
        actor = "hamas" if kind == "hostages" else "israel"
        every = ["women", "children", "female-soldier", "foreign-nationals", "living"]
        cats = every if kind == "hostages" else ["women", "minors"]
        fields["categories"] = draw(st.lists(st.sampled_from(cats), max_size=2, unique=True))
        fields["qualifier"] = draw(st.sampled_from(["exact"] * 4 + ["at_least", "about"]))
        claims.append(kit.release(actor, draw(st.integers(0, 30)), date, **fields))
    return claims


@contextmanager
def switched(module: Any, name: str, on: bool) -> Iterator[None]:
    was = getattr(module, name)
    setattr(module, name, on)
    try:
        yield
    finally:
        setattr(module, name, was)


def windowed(on: bool) -> Any:
    return switched(disputes, "WINDOWED", on)


def alike(on: bool) -> Any:
    return switched(alternatives, "ALIKE", on)


def _both(spec: Any, claims: list[Claim], at: datetime) -> tuple[Any, Any]:
    return evaluate(spec, claims, at), evaluate_columns(spec, claims, at)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), moment=instants)
def test_judging_by_windows_gives_the_whole_answer_judging_afresh_gives(
    kit: Any, data: Any, moment: datetime
) -> None:
    spec = data.draw(specs(kit))
    claims = data.draw(records(kit))
    at = kit.when(moment.isoformat())
    with windowed(False):
        reference, columns = _both(spec, claims, at)
    assert columns == reference
    with windowed(True):
        assert _both(spec, claims, at) == (reference, reference)


def _daily(kit: Any, figures: list[tuple[str, int, str]]) -> dict[str, Any]:
    spec = kit.spec([TERMS[0], TERMS[3], TERMS[4]], phases=_phases())
    claims = [
        kit.release("hamas", figure, when, event_id=event, sources=[{"outlet": outlet}])
        for (event, figure, when), outlet in zip(figures, ["AP", "BBC", "AP", "BBC"], strict=False)
    ]
    with windowed(True):
        state: dict[str, Any] = kit.state(spec, claims, "2024-01-06T00:00")
    with windowed(False):
        assert kit.state(spec, claims, "2024-01-06T00:00") == state
    return state


def test_only_the_day_the_event_lies_in_changes_with_its_figure(kit: Any) -> None:
    # Day 2 has 8 and (1 or 4) more: "1" (leading: the lower of two single reports) leaves
    # it short, "4" meets it; day 3's 12 meets it either way.
    state = _daily(
        kit,
        [("a", 4, "2024-01-02T10:00"), ("a", 1, "2024-01-02T10:00"),
         ("b", 8, "2024-01-02T12:00"), ("c", 12, "2024-01-03T12:00")],
    )  # fmt: skip
    [dispute] = state["disputes"]
    assert [r["label"] for r in dispute["readings"]] == ["1", "4"]
    # The ratio's phase holds the event too, but nothing owed came: `no_record` either way.
    rows = {row["id"]: row["by_reading"] for row in dispute["verdicts"]}
    assert rows == {"daily/day-2": {"1": "unmet", "4": "met"}}
    assert [kit.obligation(state, f"daily/day-{n}")["status"] for n in (2, 3)] == ["unmet", "met"]


def test_an_event_outside_every_window_changes_nothing(kit: Any) -> None:
    # After the pause (it ends on 5 January 07:00): the figures dispute, no verdict does.
    state = _daily(kit, [("a", 40, "2024-01-05T10:00"), ("a", 2, "2024-01-05T10:00")])
    [dispute] = state["disputes"]
    assert (dispute["verdict_differs"], dispute["verdicts"]) == (False, [])


def test_an_extension_day_earned_under_one_figure_only(kit: Any) -> None:
    # Two days announced, each earned by 5 more hostages beyond 10: 15 earn day 5, 20 day 6.
    # 14 came in the pause, and one event says 3 or 7: 17 earns day 5, 21 day 6 as well.
    spec = kit.spec([TERMS[8]], phases=_phases())
    claims = [
        kit.claim("ceasefire_extension", "2024-01-04T12:00", actor="qatar", quantity=2),
        kit.release("hamas", 14, "2024-01-02T12:00", event_id="b"),
        kit.release("hamas", 3, "2024-01-03T12:00", event_id="a"),
        kit.release("hamas", 7, "2024-01-03T12:00", event_id="a", sources=[{"outlet": "AP"}]),
    ]
    with windowed(True):
        state: dict[str, Any] = kit.state(spec, claims, "2024-01-08T00:00")
    with windowed(False):
        assert kit.state(spec, claims, "2024-01-08T00:00") == state
    [dispute] = state["disputes"]
    rows = {row["id"]: row["by_reading"] for row in dispute["verdicts"]}
    assert rows == {"per-five/day-6": {"3": "not_earned", "7": "earned"}}


def test_a_term_opening_after_another_is_judged_with_that_term_again(kit: Any) -> None:
    # "then" opens once "first" (30 women and children by day 3) is met. 25 came on day 1; one
    # event says 3 or 10 more on day 2: under "10" the term is met then, and "then" opens.
    spec = kit.spec([TERMS[2], TERMS[10]], phases=_phases())
    women = {"categories": ["women"]}
    claims = [
        kit.release("hamas", 25, "2024-01-01T12:00", event_id="b", **women),
        kit.release("hamas", 3, "2024-01-02T12:00", event_id="a", **women),
        kit.release(
            "hamas", 10, "2024-01-02T12:00", event_id="a", sources=[{"outlet": "AP"}], **women
        ),
        kit.release("israel", 20, "2024-01-03T12:00", event_id="p"),
    ]
    with windowed(True):
        state: dict[str, Any] = kit.state(spec, claims, "2024-01-06T00:00")
    with windowed(False):
        assert kit.state(spec, claims, "2024-01-06T00:00") == state
    [dispute] = state["disputes"]
    rows = {row["id"]: row["by_reading"] for row in dispute["verdicts"]}
    assert rows == {"first": {"3": "unmet", "10": "met"}, "then": {"3": "inactive", "10": "met"}}


def test_a_release_dated_before_or_after_a_pool_opens(kit: Any) -> None:
    # The pool's objection window closes on 1 January 12:00: a release dated 10:00 by one
    # outlet and 14:00 by another is early under one date only.
    spec = kit.spec([TERMS[9], TERMS[3]], phases=_phases())
    claims = [
        kit.release("israel", 5, "2024-01-01T10:00", event_id="p", sources=[{"outlet": "AP"}]),
        kit.release("israel", 5, "2024-01-01T14:00", event_id="p", sources=[{"outlet": "BBC"}]),
        kit.release("israel", 5, "2024-01-02T14:00", event_id="q"),
    ]
    with windowed(True):
        state: dict[str, Any] = kit.state(spec, claims, "2024-01-03T00:00")
    with windowed(False):
        assert kit.state(spec, claims, "2024-01-03T00:00") == state
    [dispute] = state["disputes"]
    assert dispute["about"] == "date"
    rows = {row["id"]: set(row["by_reading"].values()) for row in dispute["verdicts"]}
    assert rows == {"pool": {"violated", "in_progress"}}


def test_a_date_moved_past_a_total_s_deadline_still_puts_it_on_record(kit: Any) -> None:
    # "open" (25 prisoners, no phase) runs to the agreement's end, 6 January 19:00. One outlet
    # dates the only release before the start, another after the end: nothing is on record for
    # the term under the first date (`no_record`), a late release is under the second (`unmet`).
    spec = kit.spec([TERMS[3]], phases=_phases())
    claims = [
        kit.release("israel", 5, "2023-12-31T00:15", event_id="p", sources=[{"outlet": "AP"}]),
        kit.release("israel", 5, "2024-01-06T19:15", event_id="p", sources=[{"outlet": "BBC"}]),
    ]
    with windowed(True):
        state: dict[str, Any] = kit.state(spec, claims, "2024-01-06T19:30")
    with windowed(False):
        assert kit.state(spec, claims, "2024-01-06T19:30") == state
    [dispute] = state["disputes"]
    rows = {row["id"]: set(row["by_reading"].values()) for row in dispute["verdicts"]}
    assert rows == {"open": {"no_record", "unmet"}}


# Instants near the edges of the pause's days and of the pool's window (the pause starts on
# 1 January 07:00; the pool's objection window closes at 12:00): many readings land alike.
NEAR_EDGES = [
    ORIGIN + timedelta(hours=h, minutes=m)
    for h in (30, 31, 36, 54, 55, 79, 103, 104, 130)
    for m in (0, 59)
]


@st.composite
def alike_records(draw: Any, kit: Any) -> list[Claim]:
    """Many disputed releases with few figures, categories and instants: readings of different
    events with the same difference in figure, inside the same windows or not, often."""
    claims: list[Claim] = []
    for n in range(draw(st.integers(2, 12))):
        actor = draw(st.sampled_from(["hamas", "hamas", "israel"]))
        moment = draw(st.sampled_from(NEAR_EDGES))
        date = moment.isoformat(timespec="minutes")
        if draw(st.integers(0, 9)) == 0:
            date = str(draw(st.sampled_from(LOOSE)))
        cats = draw(st.sampled_from([[], ["women"], ["children"], ["foreign-nationals"]]))
        figures = draw(st.lists(st.sampled_from([2, 9, 20]), min_size=1, max_size=3))
        for outlet, figure in zip(["AP", "BBC", "OCHA"], figures, strict=False):
            claims.append(kit.release(actor, figure, date, event_id=f"e{n}", categories=cats,
                                      sources=[{"outlet": outlet}]))  # fmt: skip
    return claims


@settings(max_examples=300, deadline=None)
@given(data=st.data(), moment=st.sampled_from(NEAR_EDGES[4:]), now=st.booleans())
def test_readings_alike_are_judged_alike(kit: Any, data: Any, moment: datetime, now: bool) -> None:
    # An alternative judged window by window is reused for another event's reading with the
    # same key (`Alternatives._alike_key`): the answer is the one of judging each reading window
    # by window, and of judging each afresh; judged as "now" follows the instant, the instant
    # until which it holds is the one of judging each reading window by window (the same
    # comparisons of the instant were made), on either path into the engine.
    spec = data.draw(specs(kit))
    claims = data.draw(alike_records(kit))
    at = kit.when(moment.isoformat())
    for path in (evaluate, evaluate_columns):
        found = {}
        for how in ("afresh", "each", "alike"):
            with windowed(how != "afresh"), alike(how == "alike"):
                horizon = Horizon(at.timestamp()) if now else None
                state = path(spec, claims, at, horizon=horizon)
                found[how] = (state, None if horizon is None else horizon.until)
        assert found["alike"][0] == found["each"][0] == found["afresh"][0]
        assert found["alike"][1] == found["each"][1]


def _rows_by_event(kit: Any, spec: Any, claims: list[Claim]) -> dict[str, Any]:
    """The verdicts that differ, by event, judged window by window (and afresh, the same)."""
    with windowed(True):
        state: dict[str, Any] = kit.state(spec, claims, "2024-01-06T00:00")
    with windowed(False):
        assert kit.state(spec, claims, "2024-01-06T00:00") == state
    return {
        d["event_id"]: {row["id"]: row["by_reading"] for row in d["verdicts"]}
        for d in state["disputes"]
    }


def test_two_events_with_the_same_difference_in_one_day_and_in_another(kit: Any) -> None:
    # Events a and b lie on day 2 and say 1 or 9 (a difference of 8): day 2 met under "9" for
    # each. Event c says the same on day 4, where 30 came: no verdict differs there.
    spec = kit.spec([TERMS[0]], phases=_phases())
    claims = [
        kit.release("hamas", figure, when, event_id=event, sources=[{"outlet": outlet}])
        for event, when in (("a", "2024-01-02T10:00"), ("b", "2024-01-02T11:00"),
                            ("c", "2024-01-04T10:00"))
        for figure, outlet in ((1, "AP"), (9, "BBC"))
    ] + [kit.release("hamas", 30, "2024-01-04T12:00", event_id="d")]  # fmt: skip
    rows = _rows_by_event(kit, spec, claims)
    day_2 = {"daily/day-2": {"1": "unmet", "9": "met"}}
    assert rows == {"a": day_2, "b": day_2, "c": {}}


def test_the_same_difference_weighed_otherwise_is_judged_otherwise(kit: Any) -> None:
    # The ratio owes 30 prisoners per woman, 3 per child. Events a (a woman) and b (a child),
    # on the same day, each say 1 or 2: under a's "2" 63 are owed and the 40 released fall
    # short; under b's "2" 36 are owed, and 40 cover them.
    spec = kit.spec([TERMS[5]], phases=_phases())
    claims = [
        kit.release("hamas", figure, when, event_id=event, categories=[category],
                    sources=[{"outlet": outlet}])
        for event, category, when in (("a", "women", "2024-01-02T10:00"),
                                      ("b", "children", "2024-01-02T11:00"))
        for figure, outlet in ((1, "AP"), (2, "BBC"))
    ] + [kit.release("israel", 40, "2024-01-03T12:00", event_id="p")]  # fmt: skip
    rows = _rows_by_event(kit, spec, claims)
    assert rows == {"a": {"weighed": {"1": "met", "2": "unmet"}}, "b": {}}


def test_a_term_judged_afresh_reads_the_event_itself(kit: Any) -> None:
    # "then" opens once "first" (30 women and children by day 3) is met, and gives 30 hours.
    # 25 came on day 1; events a (10:00) and b (11:00) on day 2 each say 1 or 9: under a "9"
    # "first" is met at 10:00, under b's at 11:00. The 20 prisoners of 3 January 16:30 come
    # after "then" closes (16:00) under a's reading, before it does (17:00) under b's: the
    # same difference in the same windows, judged on the whole record since "then" opens
    # after another term, and not alike.
    spec = kit.spec([TERMS[2], TERMS[10]], phases=_phases())
    women = {"categories": ["women"]}
    claims = [
        kit.release("hamas", figure, when, event_id=event, sources=[{"outlet": outlet}],
                    **women)
        for event, when in (("a", "2024-01-02T10:00"), ("b", "2024-01-02T11:00"))
        for figure, outlet in ((1, "AP"), (9, "BBC"))
    ] + [
        kit.release("hamas", 25, "2024-01-01T12:00", event_id="c", **women),
        kit.release("israel", 20, "2024-01-03T16:30", event_id="p"),
    ]  # fmt: skip
    rows = _rows_by_event(kit, spec, claims)
    first = {"1": "unmet", "9": "met"}
    assert rows == {
        "a": {"first": first, "then": {"1": "inactive", "9": "unmet"}},
        "b": {"first": first, "then": {"1": "inactive", "9": "met"}},
    }

"""The delivered figure by sub-count on the status answer (`obligations[].parts`): what a term
counted of each part and what it left out, and why. `kit.state` holds the column path's whole
answer equal to the object path's, so every check here is made of both."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.test_gaza_2025 import RATIO, SPEC
from tests.domain.test_gaza_2025_subcounts import _with_subcounts
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.breakdown import summary

HOSTAGES = {"party": "hamas", "subject": "hostages"}
SHOWN = ("category", "count", "counted", "factor", "amount", "reason")


def _parts(state: dict[str, Any], verdict_id: str) -> list[tuple[Any, ...]]:
    found = [o for o in state["obligations"] if o["id"] == verdict_id]
    assert len(found) == 1, [o["id"] for o in state["obligations"]]
    return [tuple(p[k] for k in SHOWN) for p in found[0]["parts"]]


def _quota(**fields: Any) -> dict[str, Any]:
    term = {"id": "daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10,
            "per": "day", "exclude": ["foreign-nationals"]}  # fmt: skip
    return term | fields


def test_the_thais_of_30_january_are_left_out_by_name_and_reason(kit: Any) -> None:
    state = kit.state(SPEC, _with_subcounts(kit)[:6], "2025-01-30T15:00")
    left_out = "excluded by the term (outside-deal)"
    assert _parts(state, "weekly-releases/week-2") == [
        ("civilian-women", 1, True, None, 1, None),
        ("elderly", 1, True, None, 1, None),
        ("female-soldiers", 1, True, None, 1, None),
        ("outside-deal", 5, False, None, 0, left_out),
    ]
    week = kit.obligation(state, "weekly-releases/week-2")
    assert week["delivered"] == 3  # the breakdown adds up to the verdict's own figure
    assert summary(week["parts"]) == "3 counted of 8: 5 excluded (outside-deal)"
    # The ratio owes 30 + 50 + 30 for the three, and nothing for the Thais, and shows it.
    assert _parts(state, f"{RATIO}/day-12") == [
        ("civilian-women", 1, True, 30, 30, None),
        ("elderly", 1, True, 30, 30, None),
        ("female-soldiers", 1, True, 50, 50, None),
        ("outside-deal", 5, False, None, 0, left_out),
    ]
    ratio = kit.obligation(state, f"{RATIO}/day-12")
    assert ratio["due"] == 110
    assert summary(ratio["parts"], "ratio") == "owed for 3 of 8: 5 excluded (outside-deal)"
    StatusAnswer.of(state)  # the rows are the typed contract's


def test_the_prisoners_parts_are_not_the_ratio_s_units_and_are_not_shown(kit: Any) -> None:
    # 90 prisoners "69 women and 21 children": the ratio counts them whole, by no category.
    state = kit.state(SPEC, _with_subcounts(kit)[:2], "2025-01-20T12:00")
    assert _parts(state, f"{RATIO}/day-1") == []


def test_a_mixed_release_counts_the_rest_and_names_the_part_left_out(kit: Any) -> None:
    spec = kit.spec([_quota()])
    # "13 hostages freed, 10 Israelis and 3 Thai nationals" (foreign nationals outside the deal)
    # beside a release with no parts: only the one with parts is broken down.
    claims = [
        kit.release("hamas", 13, "2024-01-01T12:00", parts={"foreign-nationals": 3}),
        kit.release("hamas", 4, "2024-01-01T15:00"),
    ]
    state = kit.state(spec, claims, "2024-01-01T18:00")
    row = kit.obligation(state, "daily/day-1")
    assert row["delivered"] == 14
    assert _parts(state, "daily/day-1") == [
        (None, 10, True, None, 10, None),
        ("foreign-nationals", 3, False, None, 0, "excluded by the term (foreign-nationals)"),
    ]
    assert row["parts"][0]["events"] == [claims[0].group] and row["parts"][0]["events_total"] == 1
    assert summary(row["parts"]) == "10 counted of 13: 3 excluded (foreign-nationals)"


def test_a_part_outside_the_term_s_categories_says_which_it_counts(kit: Any) -> None:
    spec = kit.spec([_quota(exclude=[], categories=["women", "children"], id="wc")])
    claims = [kit.release("hamas", 30, "2024-01-01T12:00", parts={"women": 15, "civilian": 10})]
    state = kit.state(spec, claims, "2024-01-01T18:00")
    outside = "outside the term's categories (women, children)"
    assert _parts(state, "wc/day-1") == [
        ("women", 15, True, None, 15, None),
        ("civilian", 10, False, None, 0, outside),
        (None, 5, False, None, 0, outside),
    ]
    assert summary(kit.obligation(state, "wc/day-1")["parts"]) == (
        "15 counted of 30: 15 excluded (civilian, other)"
    )


def test_a_term_that_neither_filters_nor_weighs_shows_no_parts(kit: Any) -> None:
    spec = kit.spec([_quota(exclude=[], id="all")])
    claims = [kit.release("hamas", 13, "2024-01-01T12:00", parts={"women": 4, "children": 5})]
    state = kit.state(spec, claims, "2024-01-01T18:00")
    assert kit.obligation(state, "all/day-1")["delivered"] == 13
    assert _parts(state, "all/day-1") == []  # the whole figure counts: nothing to break down


def test_parts_sum_over_the_window_and_stay_in_it(kit: Any) -> None:
    spec = kit.spec([_quota()])
    claims = [
        kit.release("hamas", 12, "2024-01-01T10:00", parts={"foreign-nationals": 2}),
        kit.release("hamas", 9, "2024-01-01T20:00", parts={"foreign-nationals": 1}),
        kit.release("hamas", 11, "2024-01-02T10:00", parts={"foreign-nationals": 4}),
    ]
    state = kit.state(spec, claims, "2024-01-02T18:00")
    assert _parts(state, "daily/day-1") == [
        (None, 18, True, None, 18, None),
        ("foreign-nationals", 3, False, None, 0, "excluded by the term (foreign-nationals)"),
    ]
    assert _parts(state, "daily/day-2")[0] == (None, 7, True, None, 7, None)


@settings(max_examples=40, deadline=None)
@given(
    releases=st.lists(
        st.tuples(
            st.integers(1, 40),  # the figure
            st.integers(0, 15),  # foreign nationals among them
            st.integers(0, 15),  # women among them
            st.integers(0, 47),  # hour of release
        ),
        min_size=1,
        max_size=6,
    )
)
def test_counted_parts_add_up_to_what_the_quota_delivered(
    kit: Any, releases: list[tuple[int, int, int, int]]
) -> None:
    """Every release with parts: the counted amounts are `delivered` and the whole breakdown is
    the figures (the rest never below 0), on both paths."""
    spec = kit.spec([_quota()])
    claims = []
    for figure, foreign, women, hour in releases:
        foreign = min(foreign, figure)
        women = min(women, figure - foreign)
        parts = {k: n for k, n in (("foreign-nationals", foreign), ("women", women)) if n}
        date = f"2024-01-0{1 + hour // 24}T{hour % 24:02d}:30"
        claims.append(kit.release("hamas", figure, date, parts=parts or {"women": 1}))
    state = kit.state(spec, claims, "2024-01-03T12:00")
    for row in state["obligations"]:
        counted = sum(p["amount"] for p in row["parts"] if p["counted"])
        assert counted == row["delivered"], row
        assert all(p["count"] > 0 for p in row["parts"])


def test_a_unit_with_no_factor_is_left_out_and_says_so(kit: Any) -> None:
    # Five freed, "including two civilian women": the other three carry no category the
    # ratio weighs, so they are owed nothing, and the row says why rather than showing 0.
    record = _with_subcounts(kit)[:6]
    five = kit.release("hamas", 5, "2025-02-08T12:00", zone="Asia/Jerusalem", agreement=SPEC.id,
                       parts={"civilian-women": 2})  # fmt: skip
    state = kit.state(SPEC, [*record, five], "2025-02-08T18:00")
    (row,) = [o for o in state["obligations"] if o["id"].startswith(f"{RATIO}/day-")
              and o["parts"] and o["parts"][0]["events"] == [five.group]]  # fmt: skip
    assert _parts(state, row["id"]) == [
        ("civilian-women", 2, True, 30, 60, None),
        (None, 3, False, None, 0, "no factor in the ratio for these"),
    ]
    assert row["due"] == 60 and "no category the ratio weighs" in row["explanation"]

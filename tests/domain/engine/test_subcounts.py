"""Sub-counts in the engine: a term counting a category counts a claim's matching parts, on
both paths (`kit.state` holds the column path equal to the object path), and says so.

Figures are small enough to check by hand; the property at the end holds a claim with parts
equal to the same figure recorded as one claim per piece."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.engine.events import reduce_claims
from truce.domain.engine.index import Index
from truce.domain.engine.subcounts import profile
from truce.domain.spec import Selector

HOSTAGES = {"party": "hamas", "subject": "hostages"}
# The test subject's categories a ratio below gives no factor: another dimension of a hostage.
OTHERS = ["female-soldier", "foreign-nationals", "living", "deceased"]


def _quota(**fields: Any) -> dict[str, Any]:
    term = {"id": "women-first", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10,
            "categories": ["women", "children"], "by": {"day": 2}}  # fmt: skip
    return term | fields


def test_a_quota_of_women_and_children_counts_the_parts_of_a_mixed_release(kit: Any) -> None:
    spec = kit.spec([_quota()])
    # 13 hostages, "including 4 women and 5 children": the claim's own categories are none,
    # so before sub-counts nothing of it counted towards the women-and-children quota.
    claims = [kit.release("hamas", 13, "2024-01-01T12:00", parts={"women": 4, "children": 5})]
    row = kit.obligation(kit.state(spec, claims, "2024-01-01T18:00"), "women-first")
    assert (row["due"], row["delivered"], row["status"]) == (10, 9, "in_progress")
    assert "counted from sub-counts: 9 of 13 from 5 children, 4 women" in row["explanation"]
    assert claims[0].id in row["explanation"]
    more = [*claims, kit.release("hamas", 2, "2024-01-02T09:00", categories=["children"])]
    row = kit.obligation(kit.state(spec, more, "2024-01-03T08:00"), "women-first")
    assert (row["delivered"], row["status"]) == (11, "met")


def test_without_a_category_filter_the_whole_figure_counts(kit: Any) -> None:
    spec = kit.spec([_quota(categories=[], id="all")])
    claims = [kit.release("hamas", 13, "2024-01-01T12:00", parts={"women": 4, "children": 5})]
    row = kit.obligation(kit.state(spec, claims, "2024-01-01T18:00"), "all")
    assert row["delivered"] == 13
    assert "sub-counts" not in row["explanation"]  # parts changed nothing: nothing to say


def test_an_excluded_part_is_taken_out_and_the_rest_counts(kit: Any) -> None:
    spec = kit.spec([_quota(categories=[], exclude=["foreign-nationals"], id="no-foreign")])
    claims = [kit.release("hamas", 17, "2024-01-01T12:00", parts={"foreign-nationals": 4})]
    row = kit.obligation(kit.state(spec, claims, "2024-01-01T18:00"), "no-foreign")
    assert row["delivered"] == 13  # 17 freed, 4 of them foreign nationals outside the deal


def test_a_part_keeps_the_whole_s_other_categories(kit: Any) -> None:
    # 20 civilians, including 6 women: the women are civilians too, and the rest are civilians.
    spec = kit.spec([_quota(categories=["civilian"], id="civilians"),
                     _quota(categories=["women"], id="women")])  # fmt: skip
    claims = [
        kit.release("hamas", 20, "2024-01-01T12:00", categories=["civilian"], parts={"women": 6})
    ]
    state = kit.state(spec, claims, "2024-01-01T18:00")
    assert kit.obligation(state, "civilians")["delivered"] == 20
    assert kit.obligation(state, "women")["delivered"] == 6


def test_a_ratio_weighs_each_part_by_its_own_factor(kit: Any) -> None:
    spec = kit.spec(
        [{"id": "exchange", "kind": "ratio", "phase": "pause", "party": "israel",
          "subject": "prisoners", "per_unit_of": HOSTAGES,
          "factors": {"women": 30, "children": 30, "civilian": 10}, "unweighted": OTHERS}]
    )  # fmt: skip
    # 4 women x 30 + 5 children x 30 + the other 4, civilians, x 10 = 310.
    claims = [
        kit.release("hamas", 13, "2024-01-01T12:00", categories=["civilian"],
                    parts={"women": 4, "children": 5}),
        kit.release("israel", 300, "2024-01-01T20:00"),
    ]  # fmt: skip
    row = kit.obligation(kit.state(spec, claims, "2024-01-02T00:00"), "exchange")
    assert (row["due"], row["delivered"], row["status"]) == (310, 300, "in_progress")
    assert "5 children x30, 4 women x30" in row["explanation"]


def test_a_ratio_with_a_part_of_no_factor_says_so(kit: Any) -> None:
    spec = kit.spec(
        [{"id": "exchange", "kind": "ratio", "phase": "pause", "party": "israel",
          "subject": "prisoners", "per_unit_of": HOSTAGES, "factors": {"women": 30},
          "unweighted": [*OTHERS, "children", "civilian"]}]
    )  # fmt: skip
    claims = [
        kit.release("hamas", 5, "2024-01-01T12:00", parts={"women": 3}),
        kit.release("israel", 90, "2024-01-01T20:00"),
    ]
    row = kit.obligation(kit.state(spec, claims, "2024-01-05T08:00"), "exchange")
    # 3 women owe 90, paid; the other 2 have no category the ratio weighs: not silently 0.
    assert (row["due"], row["delivered"]) == (90, 90)
    assert row["status"] == "undetermined"
    assert "2 hostages released with no category the ratio weighs" in row["explanation"]


def test_another_reading_of_the_figure_moves_only_the_rest_beyond_the_parts(kit: Any) -> None:
    claim = kit.release("hamas", 13, "2024-01-01T12:00", categories=["civilian"],
                        parts={"women": 4})  # fmt: skip
    (event,) = reduce_claims([claim]).events
    index = Index((event,))
    women = Selector(party="hamas", categories=["women"])
    civilians = Selector(party="hamas", categories=["civilian"])
    for reading in (index, index.with_override(event, 20), index.with_override(event, 2)):
        assert reading.series(women).total(0, math.inf) == 4
    assert index.with_override(event, 20).series(civilians).total(0, math.inf) == 20
    # A reading below the parts' sum leaves the parts: the rest is never below 0.
    assert index.with_override(event, 2).series(civilians).total(0, math.inf) == 4


def test_an_event_takes_the_parts_of_its_leading_claim(kit: Any) -> None:
    confirmed = kit.release("hamas", 13, "2024-01-01T12:00", event_id="e", status="confirmed",
                            parts={"women": 4})  # fmt: skip
    reported = kit.release("hamas", 13, "2024-01-01T12:00", event_id="e")
    (event,) = reduce_claims([reported, confirmed]).events
    assert event.parts == (("women", 4),)


def test_a_profile_is_fixed_parts_plus_the_rest_at_its_rate() -> None:
    sel = Selector(categories=["women"])
    women = profile(sel, ("civilian",), (("women", 4), ("children", 5)), (("women", 30.0),), 10.0)
    assert (women.fixed, women.total, women.rate, women.matched) == (120.0, 9, 0.0, True)
    assert women.amount(13) == 120.0 and women.amount(2) == 120.0  # the rest never below 0
    anyone = profile(Selector(), ("civilian",), (("women", 4),), (("women", 30.0),), 10.0)
    assert anyone.amount(13) == 4 * 30 + 9 * 10


# -- the property: parts are the same as one claim per piece -------------------------------

CATS = ["women", "children", "civilian", "foreign-nationals"]
TERMS: list[dict[str, Any]] = [
    {"id": "women", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 12,
     "categories": ["women"], "by": {"day": 3}},
    {"id": "kids-daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 4,
     "categories": ["children", "civilian"], "per": "day"},
    {"id": "no-foreign", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 30,
     "exclude": ["foreign-nationals"]},
    {"id": "weighed", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "prisoners", "per_unit_of": HOSTAGES,
     "factors": {"women": 30, "children": 20, "civilian": 10}, "unweighted": OTHERS},
    {"id": "daily-weighed", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "prisoners", "per_unit_of": {**HOSTAGES, "exclude": ["foreign-nationals"]},
     "factor": 3, "factors": {"women": 5}, "per": "day"},
]  # fmt: skip


@st.composite
def releases(draw: Any) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        quantity = draw(st.integers(0, 30))
        names = draw(st.lists(st.sampled_from(CATS), max_size=3, unique=True))
        counts = [draw(st.integers(0, 10)) for _ in names]
        if sum(counts) > quantity:
            quantity = sum(counts)
        out.append({
            "quantity": quantity,
            "categories": draw(st.lists(st.sampled_from(CATS), max_size=2, unique=True)),
            "parts": dict(zip(names, counts, strict=True)),
            "date": draw(st.sampled_from(["2024-01-01T12:00", "2024-01-02T10:00",
                                          "2024-01-03T20:00", "2024-01-02"])),
        })  # fmt: skip
    return out


def _split(release: dict[str, Any]) -> list[dict[str, Any]]:
    """The same release as one claim per piece (`engine.subcounts`)."""
    parts, categories = release["parts"], release["categories"]
    kept = [c for c in categories if c not in parts]
    rest = release["quantity"] - sum(parts.values())
    pieces = [(n, sorted({*kept, name})) for name, n in parts.items()] + [(rest, kept)]
    return [{**release, "quantity": n, "categories": cats, "parts": {}} for n, cats in pieces]


def _figures(state: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(o["id"], o["due"], o["delivered"]) for o in state["obligations"]]


@settings(max_examples=60, deadline=None)
@given(record=releases(), hours=st.integers(0, 24 * 5))
def test_parts_count_as_one_claim_per_piece(kit: Any, record: list[dict[str, Any]],
                                             hours: int) -> None:  # fmt: skip
    spec = kit.spec(TERMS)
    at = f"2024-01-{1 + (7 + hours) // 24:02d}T{(7 + hours) % 24:02d}:00"
    whole, split = [], []
    for n, r in enumerate(record):
        fields = {"event_id": f"r{n}", "quantity": r["quantity"], "categories": r["categories"]}
        whole.append(kit.release("hamas", date=r["date"], parts=r["parts"], **fields))
        for m, piece in enumerate(_split(r)):
            split.append(
                kit.release("hamas", date=r["date"], event_id=f"r{n}-{m}",
                            quantity=piece["quantity"], categories=piece["categories"])
            )  # fmt: skip
    paid = [kit.release("israel", 150, "2024-01-02T20:00")]
    assert _figures(kit.state(spec, whole + paid, at)) == _figures(
        kit.state(spec, split + paid, at)
    )


def test_a_disputed_figure_with_parts_is_judged_alike_on_both_paths(kit: Any) -> None:
    spec = kit.spec([_quota(categories=[], exclude=["children"], id="grown", at_least=12),
                     _quota(categories=["women"], id="women", at_least=5)])  # fmt: skip
    lead = kit.release("hamas", 13, "2024-01-01T12:00", event_id="d1",
                       parts={"children": 4, "women": 3}, status="confirmed")  # fmt: skip
    other = kit.release("hamas", 20, "2024-01-01T12:00", event_id="d1",
                        sources=[{"outlet": "Other"}])  # fmt: skip
    # Beyond the 4 children: 9 of the leading 13, short of 12; 16 of the other reading's 20.
    # The women are 3 whichever figure holds: another reading moves only the rest. The
    # answer, every reading judged, is the same on both paths (`kit.state`).
    state = kit.state(spec, [lead, other], "2024-01-01T18:00")
    assert kit.obligation(state, "grown")["delivered"] == 9
    assert kit.obligation(state, "women")["delivered"] == 3
    (dispute,) = state["disputes"]
    assert {r["quantity"] for r in dispute["readings"]} == {13, 20}
    # The readings decide `grown` (9 against 16 of 12), never `women` (3 whichever).
    assert dispute["verdicts"] == [
        {"id": "grown", "by_reading": {"13": "in_progress", "20": "met"}}
    ]


@st.composite
def disputed(draw: Any, kit: Any) -> list[Any]:
    """Events whose claims give different figures (readings judged by overrides), some with
    parts, under the category-counting terms above."""
    claims = []
    for n in range(draw(st.integers(1, 4))):
        for m in range(draw(st.integers(1, 3))):
            quantity = draw(st.integers(0, 25))
            names = draw(st.lists(st.sampled_from(CATS), max_size=2, unique=True))
            counts = [draw(st.integers(0, 6)) for _ in names]
            parts = dict(zip(names, counts, strict=True)) if sum(counts) <= quantity else {}
            claims.append(kit.release(
                "hamas", quantity, draw(st.sampled_from(["2024-01-01T12:00", "2024-01-02"])),
                event_id=f"e{n}", parts=parts, sources=[{"outlet": f"O{m}"}],
                categories=draw(st.lists(st.sampled_from(CATS), max_size=2, unique=True)),
                qualifier=draw(st.sampled_from(["exact", "at_least", "about"])),
                status=draw(st.sampled_from(["reported", "confirmed"])),
            ))  # fmt: skip
    return claims


@settings(max_examples=80, deadline=None)
@given(data=st.data(), hours=st.integers(0, 24 * 4))
def test_readings_of_events_with_parts_are_judged_alike_on_both_paths(
    kit: Any, data: Any, hours: int
) -> None:
    record = data.draw(disputed(kit))
    at = f"2024-01-{1 + (7 + hours) // 24:02d}T{(7 + hours) % 24:02d}:00"
    kit.state(kit.spec(TERMS), [*record, kit.release("israel", 90, "2024-01-02T20:00")], at)

"""The candidate record and its pure conversion to a claim: qualifier and figure kept whole."""

from __future__ import annotations

import math
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from truce.domain.candidate import (
    CandidateRecord,
    Figure,
    FigureNotWhole,
    claim_input,
    nearest_whole,
)
from truce.domain.claim_input import ClaimInput
from truce.domain.readings import Qualifier

SUBJECTS = {"hostages", "prisoners"}
META = {"hash": "h" * 64, "name": "wire.txt", "outlet": "AFP", "url": None,
        "published": "2023-11-25"}  # fmt: skip


def record(*figures: Figure, **changes: Any) -> CandidateRecord:
    fields: dict[str, Any] = {"type": "release", "id": "c1", "actor": "hamas",
                              "quantities": figures, "document_meta": META}  # fmt: skip
    return CandidateRecord(**{**fields, **changes})


@pytest.mark.parametrize(
    ("figure", "quantity", "how"),
    [
        (Figure(10, Qualifier.AT_LEAST, "hostages"), 10, "at_least"),
        (Figure(250, Qualifier.ABOUT, "hostages"), 250, "about"),
        (Figure(600, Qualifier.MORE_THAN, "hostages"), 600, "more_than"),
        (Figure(600, Qualifier.OVER, "hostages"), 600, "over"),
        (Figure(13, Qualifier.EXACT, "hostages"), 13, "exact"),
        # 4.35 million as floating point reads 4349999.999999999: the source said 4350000.
        (Figure(4.35 * 1_000_000, Qualifier.ABOUT, "prisoners"), 4_350_000, "about"),
    ],
)
def test_the_claim_keeps_the_qualifier_and_the_exact_figure(
    figure: Figure, quantity: int, how: str
) -> None:
    fields = claim_input(record(figure), "gaza-2023-11", SUBJECTS)
    assert (fields["quantity"], fields["qualifier"], fields["subject"]) == (
        quantity, how, figure.unit,
    )  # fmt: skip
    claim = ClaimInput.model_validate(fields).to_claim(ZoneInfo("UTC"))
    assert (claim.quantity, claim.qualifier.value) == (quantity, how)


def test_a_figure_that_is_not_whole_is_refused_not_cut() -> None:
    with pytest.raises(FigureNotWhole, match="2.5"):
        claim_input(record(Figure(2.5, Qualifier.EXACT, "hostages")), "gaza-2023-11", SUBJECTS)


def test_a_reviewers_quantity_is_exact_unless_a_qualifier_is_set() -> None:
    base = record(Figure(10, Qualifier.AT_LEAST, "hostages"))
    edited = base.edited({"quantity": 12})
    assert claim_input(edited, "g", SUBJECTS)["qualifier"] == "exact"
    bounded = base.edited({"quantity": 12, "qualifier": "at_least"})
    assert (claim_input(bounded, "g", SUBJECTS)["quantity"], bounded.qualifier) == (
        12, Qualifier.AT_LEAST,
    )  # fmt: skip


def test_the_date_falls_back_to_publication_and_the_source_to_the_outlet() -> None:
    fields = claim_input(record(), "gaza-2023-11", SUBJECTS)
    assert fields["date"] == "2023-11-25" and fields["date_precision"] is None
    assert fields["sources"][0]["outlet"] == "AFP"
    assert fields["quantity"] is None and fields["qualifier"] == "exact"


def test_nearest_whole() -> None:
    assert nearest_whole(4349999.999999999) == 4_350_000
    assert nearest_whole(10.0) == 10
    assert nearest_whole(10.4) is None
    for value in (math.nan, math.inf, -math.inf):  # no count; round() would raise
        assert nearest_whole(value) is None


figures = st.builds(
    Figure,
    value=st.integers(0, 10**9).map(float) | st.floats(0, 1e6, allow_nan=False),
    qualifier=st.sampled_from(list(Qualifier)),
    unit=st.none() | st.sampled_from(["hostages", "days"]),
)
maybe = st.none() | st.text(max_size=8)


@given(
    st.builds(
        CandidateRecord,
        type=st.sampled_from(["release", "breach"]),
        id=st.text(max_size=8),
        date=st.none() | st.just("2023-11-24"),
        actor=maybe,
        subject=maybe,
        quantity=st.none() | st.integers(0, 10**6).map(float),
        qualifier=st.none() | st.sampled_from(list(Qualifier)),
        quantities=st.lists(figures, max_size=3).map(tuple),
        categories=st.lists(st.text(max_size=5), max_size=3).map(tuple),
        span=st.none() | st.tuples(st.integers(0, 100), st.integers(0, 100)),
        notes=maybe,
        more=st.dictionaries(st.sampled_from(["plover", "links", "batch"]), st.integers()),
    )
)
def test_the_payload_reads_back_as_the_same_record(candidate: CandidateRecord) -> None:
    again = CandidateRecord.from_payload(candidate.payload())
    assert again.payload() == candidate.payload()
    # A figure within a millionth of a whole number is written as that number.
    wholes = [nearest_whole(f.value) for f in candidate.quantities]
    assert again.quantities == tuple(
        Figure(f.value if w is None else float(w), f.qualifier, f.unit)
        for f, w in zip(candidate.quantities, wholes, strict=True)
    )


def test_the_resolved_place_rides_into_the_claims_extra() -> None:
    place = {"name": "Rafaḩ", "lat": 31.29722, "lon": 34.24357, "admin1": "PS.GZ",
             "country": "PSE", "geo_precision": 2, "time_zone": "Asia/Gaza"}  # fmt: skip
    located = record(location="Rafah border crossing", more={"place": place})
    fields = claim_input(located, "gaza-2023-11", SUBJECTS)
    claim = ClaimInput.model_validate(fields).to_claim(ZoneInfo("UTC"))
    assert claim.location == "Rafah border crossing"
    assert claim.extra["place"] == place
    # A candidate with no resolved place (or a malformed one) adds none.
    for more in ({}, {"place": "Rafah"}):
        assert "place" not in claim_input(record(more=more), "g", SUBJECTS)["extra"]


def test_a_breakdown_gives_sub_counts_only_of_one_category_exact_parts() -> None:
    from truce.domain.candidate import sub_counts

    def whole(
        value: float, *parts: tuple[float, str, tuple[str, ...]], how: str = "exact"
    ) -> Figure:
        return Figure(value, Qualifier(how), "hostages", parts)

    assert sub_counts(whole(30, (15, "exact", ("women",)), (15, "exact", ("minors",)))) == {
        "women": 15, "minors": 15,
    }  # fmt: skip
    # "10 Israelis and two Thais": no category; "about 5 women": loosely put; both left out.
    mixed = whole(12, (10, "exact", ()), (2, "exact", ("women", "children")),
                  (5, "about", ("women",)), (1, "exact", ("children",)))  # fmt: skip
    assert sub_counts(mixed) == {"children": 1}
    # A misread breakdown adding up to more than the figure gives none at all.
    assert sub_counts(whole(10, (8, "exact", ("women",)), (8, "exact", ("children",)))) == {}
    assert sub_counts(whole(10, (8, "exact", ("women",)), (8, "exact", ("children",)),
                            how="at_least")) == {"women": 8, "children": 8}  # fmt: skip
    assert sub_counts(whole(10, (2, "exact", ("women",)), (3, "exact", ("women",)))) == {}


def test_parts_ride_the_record_and_reach_the_claim_only_with_a_figure() -> None:
    parted = record(Figure(13, Qualifier.EXACT, "hostages"), parts={"women": 4})
    assert CandidateRecord.from_payload(parted.payload()) == parted
    assert "parts" not in record().payload()  # a record without parts has no key
    assert claim_input(parted, "g", SUBJECTS)["parts"] == {"women": 4}
    assert claim_input(record(parts={"women": 4}), "g", SUBJECTS)["parts"] == {}
    assert parted.edited({"parts": None}).parts == {}


def test_the_sentence_of_a_span_rides_into_the_claims_extra() -> None:
    told = record(span=(40, 70), more={"sentence_span": [10, 90]})
    extra = claim_input(told, "gaza-2023-11", SUBJECTS)["extra"]
    assert extra["span"] == [40, 70] and extra["sentence_span"] == [10, 90]
    # A record made before there was a sentence span (or with a malformed one) adds none.
    malformed = ("10-90", [10], [10, 20, 30], ["ten", "ninety"], [None, 90], {"a": 1})
    for more in ({}, *({"sentence_span": m} for m in malformed)):
        assert record(more=more).sentence() is None
        assert "sentence_span" not in claim_input(record(more=more), "g", SUBJECTS)["extra"]
    assert told.sentence() == (10, 90)

"""Properties over generated specs that declare provisions and narrow selectors by place,
participants and topic: the column path gives the object path's whole answer, whatever the
claims; a statement never moves a count; and narrowing a selector never counts more."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.columns import evaluate_columns
from truce.domain.spec import AgreementSpec

ORIGIN = datetime(2023, 12, 31)
DECLARABLE = ["deployment", "crossing-opened", "remains-returned", "monitors-meet"]
ACTORS = ["israel", "hamas", "qatar"]
PLACES = ["Rafah", "north Gaza", "Doha", "EGY"]
TOPICS = ["phase two", "fuel", "remains"]
DATES = ["2024-01-01T12:00", "2024-01-02T09:00", "2024-01-02", "2024-01-03T18:00", "2024-W01"]
PHASES = [{"id": "pause", "start": {"at": "2024-01-01T07:00"}, "duration": {"days": 4}}]


def _few(values: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=2, unique=True)


@st.composite
def refinements(draw: Any) -> dict[str, Any]:
    return {
        "location": draw(_few(PLACES)),
        "participants": draw(_few(ACTORS)),
        "topic": draw(_few(TOPICS)),
    }


@st.composite
def specs(draw: Any, kit: Any) -> AgreementSpec:
    declared = draw(st.lists(st.sampled_from(DECLARABLE), min_size=1, max_size=4, unique=True))
    provisions = [
        {"id": p, "counts": draw(st.sampled_from(["delivery", "occurrence"])), "plover": "AID"}
        for p in declared
    ]
    deliveries = ["release", *(p["id"] for p in provisions if p["counts"] == "delivery")]
    every = ["meeting", "statement", "release", *declared]
    terms: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["quota", "deadline", "order"]))
        if kind == "quota":
            terms.append({
                "id": f"t{n}", "kind": "quota", "phase": "pause", "party": draw(
                    st.sampled_from(ACTORS)), "subject": "flights",
                "type": draw(st.sampled_from(deliveries)), "at_least": draw(st.integers(1, 30)),
                "by": {"day": draw(st.integers(1, 4))}, **draw(refinements()),
            })  # fmt: skip
        elif kind == "deadline":
            match = {"type": draw(st.sampled_from(every)), **draw(refinements())}
            terms.append({"id": f"t{n}", "kind": "deadline", "phase": "pause", "match": match,
                          "by": {"day": draw(st.integers(1, 4))}})  # fmt: skip
        else:
            first = {"type": draw(st.sampled_from(every)), **draw(refinements())}
            then = {"type": draw(st.sampled_from(every)), **draw(refinements())}
            terms.append({"id": f"t{n}", "kind": "order", "first": first, "then": then})
    spec: AgreementSpec = kit.spec(terms, phases=PHASES, provisions=provisions)
    return spec


@st.composite
def records(draw: Any, kit: Any, spec: AgreementSpec) -> list[Claim]:
    types = ["meeting", "statement", "release", *(p.id for p in spec.provisions)]
    claims: list[Claim] = []
    for _ in range(draw(st.integers(0, 16))):
        place = draw(
            st.sampled_from(
                [
                    None,
                    {"name": "Rafah", "country": "EGY"},
                    {"name": "Doha", "admin1": "QA.01", "country": "QAT"},
                ]
            )
        )
        fields: dict[str, Any] = {
            "actor": draw(st.sampled_from([*ACTORS, None])),
            "target": draw(st.sampled_from([*ACTORS, None])),
            "subject": draw(st.sampled_from(["flights", None])),
            "quantity": draw(st.none() | st.integers(0, 20)),
            "location": draw(st.sampled_from([None, "Rafah crossing", "North Gaza", "Cairo"])),
            "notes": draw(st.sampled_from([None, "talks on Phase Two", "fuel trucks"])),
            "quote": draw(st.sampled_from([None, "the remains of two", "no comment"])),
            "extra": {"place": place} if place else {},
            "event_id": draw(st.sampled_from([None, None, "e1", "e2"])),
            "status": draw(st.sampled_from(["reported", "confirmed", "retracted"])),
            "sources": [{"outlet": draw(st.sampled_from(["AP", "Reuters"]))}],
        }  # fmt: skip
        if claims and draw(st.integers(0, 6)) == 0:
            fields["supersedes"] = draw(st.sampled_from(claims)).id
        claims.append(kit.claim(draw(st.sampled_from(types)), draw(st.sampled_from(DATES)),
                                **fields))  # fmt: skip
    return claims


instants = st.integers(0, 24 * 7).map(lambda h: ORIGIN + timedelta(hours=h, minutes=30))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), moment=instants)
def test_the_column_path_gives_the_same_answer(kit: Any, data: Any, moment: datetime) -> None:
    spec = data.draw(specs(kit))
    claims = data.draw(records(kit, spec))
    at = kit.when(moment.isoformat())
    assert evaluate_columns(spec, claims, at) == evaluate(spec, claims, at)


@settings(max_examples=75, deadline=None)
@given(data=st.data(), moment=instants, quantity=st.integers(1, 5000))
def test_a_statement_never_moves_a_count(
    kit: Any, data: Any, moment: datetime, quantity: int
) -> None:
    spec = data.draw(specs(kit))
    claims = data.draw(records(kit, spec))
    at = kit.when(moment.isoformat())
    pledge = kit.claim(
        "statement", "2024-01-01T12:00", actor="israel", subject="flights", quantity=quantity
    )
    before = evaluate(spec, claims, at)["obligations"]
    after = evaluate(spec, [*claims, pledge], at)["obligations"]
    quotas = {t.id for t in spec.terms if t.kind == "quota"}
    assert [o["delivered"] for o in before if o["term"] in quotas] == [
        o["delivered"] for o in after if o["term"] in quotas
    ]


@settings(max_examples=75, deadline=None)
@given(data=st.data(), moment=instants)
def test_narrowing_a_quota_never_counts_more(kit: Any, data: Any, moment: datetime) -> None:
    spec = data.draw(specs(kit))
    claims = data.draw(records(kit, spec))
    at = kit.when(moment.isoformat())
    narrowed = evaluate(spec, claims, at)["obligations"]
    wide_terms = [
        t.model_copy(update={"location": [], "participants": [], "topic": []})
        if t.kind == "quota"
        else t
        for t in spec.terms
    ]
    wide = evaluate(spec.model_copy(update={"terms": wide_terms}), claims, at)["obligations"]
    quotas = {t.id for t in spec.terms if t.kind == "quota"}
    for old, new in zip(narrowed, wide, strict=True):
        if old["term"] in quotas:
            assert (old["delivered"] or 0) <= (new["delivered"] or 0), old["id"]

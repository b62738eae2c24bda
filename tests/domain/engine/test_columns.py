"""The column path (frame + ColumnIndex) against the object path, which stays the reference.

Every engine test also runs both paths (`Kit.state`); these add random records built to hit the
column path's own corners (tied ranks, equal instants, loose dates, corrections, retractions,
claims of other agreements) and the seed's truce at instants every six hours.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.engine.claim_columns import columns_from_claims
from truce.domain.engine.columns import ColumnIndex, evaluate_columns
from truce.domain.engine.events import reduce_claims
from truce.domain.engine.frame import reduce_columns
from truce.domain.spec import AgreementSpec

ROOT = Path(__file__).resolve().parents[3]
HOSTAGES = {"party": "hamas", "subject": "hostages"}
TERMS: list[dict[str, Any]] = [
    {"id": "daily", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 10, "per": "day",
     "exclude": ["foreign-nationals"]},
    {"id": "first", "kind": "quota", "phase": "pause", **HOSTAGES, "at_least": 30,
     "categories": ["women", "children"], "by": {"day": 3}},
    {"id": "exchange", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "prisoners", "per_unit_of": HOSTAGES, "factor": 3,
     "factors": {"children": 2.5}},
    {"id": "per-ten", "kind": "extension", "phase": "pause", "for_each": 10, "of": HOSTAGES,
     "beyond": 30, "max_days": 8},
    {"id": "batches", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "prisoners", "per_unit_of": {**HOSTAGES, "exclude": ["foreign-nationals"]},
     "factors": {"women": 30, "children": 30, "civilian": 30, "female-soldier": 50,
                 "deceased": 0}, "unweighted": ["living"], "per": "event"},
    {"id": "daily-batches", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "prisoners", "per_unit_of": {**HOSTAGES, "categories": ["women", "children"]},
     "factor": 2.5, "per": "day", "unweighted": ["civilian", "female-soldier",
     "foreign-nationals", "living", "deceased"]},
    {"id": "no-fire", "kind": "prohibition", "phase": "pause"},
    {"id": "no-air", "kind": "prohibition", "phase": "pause", "domains": ["air"],
     "zones": ["north"], "exceptions": ["imminent-threat"]},
    {"id": "swap", "kind": "prohibition", "phase": "pause", "categories": ["exchange"]},
    {"id": "everywhere", "kind": "prohibition", "phase": "two", "domains": ["land", "air", "sea"]},
    {"id": "women-first", "kind": "order", "phase": "pause",
     "first": {**HOSTAGES, "categories": ["women"]},
     "then": {**HOSTAGES, "categories": ["children"]}},
    {"id": "list", "kind": "pool", "party": "israel", "subject": "prisoners", "size": 200,
     "published": "2023-12-31T07:00", "objection_window": {"hours": 24}},
    {"id": "to-two", "kind": "gate", "phase": "two", "requires": ["first"]},
    {"id": "two-daily", "kind": "quota", "phase": "two", **HOSTAGES, "at_least": 5, "per": "day"},
    # A declared provision, and selectors narrowed by place, participants and topic.
    {"id": "deploy", "kind": "quota", "phase": "pause", "party": "israel", "subject": "flights",
     "type": "deployment", "at_least": 20, "by": {"day": 3}, "location": ["north"]},
    {"id": "talks", "kind": "deadline", "phase": "pause", "by": {"day": 2},
     "match": {"type": "meeting", "participants": ["israel", "qatar"], "topic": ["phase two"]}},
    {"id": "monitors", "kind": "deadline", "phase": "pause", "by": {"day": 3},
     "match": {"type": "monitors-meet", "location": ["EGY", "rafah"]}},
    {"id": "deploy-first", "kind": "order", "phase": "pause",
     "first": {"type": "deployment", "location": ["rafah"]},
     "then": {**HOSTAGES, "topic": ["women"]}},
]  # fmt: skip
PROVISIONS = [{"id": "deployment", "plover": "MOBILIZE", "cameo": "0861"},
              {"id": "monitors-meet", "counts": "occurrence"}]  # fmt: skip
PHASES = [
    {"id": "pause", "start": {"at": "2024-01-01T07:00"}, "duration": {"days": 4}, "max_days": 8},
    {"id": "two", "start": {"after": "pause"}, "duration": {"days": 2}},
]
KINDS = {
    "hostages": ("release", "hamas", "hostages", ["women", "children", "foreign-nationals"]),
    "prisoners": ("release", "israel", "prisoners", ["women", "minors"]),
    "breach": (
        "breach",
        "israel",
        None,
        ["rocket-fire", "air", "land", "imminent-threat", "exchange"],
    ),
    "extension": ("ceasefire_extension", "qatar", None, []),
    "end": ("ceasefire_end", "israel", None, []),
    "deployment": ("deployment", "israel", "flights", []),
    "meeting": ("meeting", "israel", None, []),
    "monitors": ("monitors-meet", "qatar", None, []),
}
# Few distinct instants, so that events often share one and their ids must break the tie.
DATES = ["2024-01-01T12:00", "2024-01-02T12:00", "2024-01-02", "2024-01-03T09:30", "2024-W01",
         "2024-01", "2024-01-04T07:00", "2024-01-05T12:00+03:00"]  # fmt: skip
ORIGIN = datetime(2023, 12, 31)


@st.composite
def records(draw: Any, kit: Any) -> list[Claim]:
    claims: list[Claim] = []
    for _ in range(draw(st.integers(0, 24))):
        kind = draw(st.sampled_from(["hostages"] * 4 + ["prisoners"] * 2 + [*KINDS]))
        type_, actor, subject, cats = KINDS[kind]
        fields: dict[str, Any] = {
            "actor": draw(st.sampled_from([actor, actor, "hamas", None])),
            "subject": subject,
            "quantity": draw(st.one_of(st.none(), st.integers(0, 25))),
            "categories": draw(st.lists(st.sampled_from(cats), max_size=2, unique=True))
            if cats
            else [],
            "event_id": draw(st.sampled_from([None, "e1", "e2", "e3", "e10"])),
            "status": draw(st.sampled_from(
                ["reported", "confirmed", "alleged", "disputed", "under_investigation",
                 "retracted"]
            )),
            "reliability": draw(st.sampled_from([None, None, "A1", "B2", "F6"])),
            # Outlets that are one source (a copy via AP, a spelling) or none, so the leading
            # figure's count of independent sources differs between the paths if either errs.
            "sources": draw(st.sampled_from([
                [{"outlet": "AP"}], [{"outlet": "Reuters"}], [{"outlet": "OCHA"}],
                [{"outlet": "Times", "via": "AP"}], [{"outlet": " reuters "}], [],
            ])),
            "qualifier": draw(st.sampled_from(["exact", "exact", "at_least", "about", "up_to"])),
            "agreement": draw(st.sampled_from(["test-deal"] * 5 + ["other-deal"])),
            "location": draw(st.sampled_from([None, None, "north Gaza", "Rafah"])),
            "target": draw(st.sampled_from([None, None, "qatar", "israel"])),
            "notes": draw(st.sampled_from([None, None, "Phase Two talks", "women first"])),
            "extra": draw(st.sampled_from([{}, {}, {"place": {"name": "Rafah", "country": "EGY"}},
                                           {"place": {"name": "Doha", "country": "QAT"}}])),
        }  # fmt: skip
        if fields["quantity"] and cats and draw(st.integers(0, 2)) == 0:
            # Sub-counts ("13, including 4 women"), within what the figure allows.
            names = draw(st.lists(st.sampled_from(cats), min_size=1, max_size=2, unique=True))
            counts = [draw(st.integers(0, fields["quantity"])) for _ in names]
            if sum(counts) <= fields["quantity"]:
                fields["parts"] = dict(zip(names, counts, strict=True))
        if claims and draw(st.integers(0, 5)) == 0:
            fields["supersedes"] = draw(st.sampled_from(claims)).id
        claims.append(kit.claim(type_, draw(st.sampled_from(DATES)), **fields))
    return claims


@settings(max_examples=200, deadline=None)
@given(data=st.data(), hours=st.integers(0, 24 * 12))
def test_the_column_path_gives_the_same_state(kit: Any, data: Any, hours: int) -> None:
    spec = kit.spec(TERMS, phases=PHASES, provisions=PROVISIONS)
    claims = data.draw(records(kit))
    at = kit.when((ORIGIN + timedelta(hours=hours, minutes=30)).isoformat())
    assert evaluate_columns(spec, claims, at) == evaluate(spec, claims, at)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_frame_holds_the_reference_events_in_the_same_order(kit: Any, data: Any) -> None:
    claims = [c for c in data.draw(records(kit)) if c.agreement == "test-deal"]
    book = reduce_claims(claims)
    frame = reduce_columns(columns_from_claims(claims))
    assert list(frame.keys) == [e.id for e in book.events]
    assert frame.at.tolist() == [e.at for e in book.events]
    assert frame.known_at.tolist() == [e.known_at for e in book.events]
    assert [frame.types[t] for t in frame.type] == [e.type for e in book.events]
    figures = [
        q if has else None for q, has in zip(frame.quantity, frame.has_quantity, strict=True)
    ]
    assert figures == [e.quantity for e in book.events]
    assert frame.disputed.tolist() == [e.disputed for e in book.events]
    assert frame.date_disputed.tolist() == [bool(e.dates) for e in book.events]
    for i, event in enumerate(book.events):
        rows = frame.members[frame.starts[i] : frame.starts[i + 1]]
        assert sorted(claims[r].id for r in rows) == sorted(event.claim_ids)
    counted = (frame.claims, frame.superseded, frame.retracted)
    assert counted == (book.claims, len(book.superseded), len(book.retracted))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_events_built_from_the_frame_are_the_reference_events(kit: Any, data: Any) -> None:
    # The column path builds an event with the leading figure and the dispute the frame
    # found (`make_event`'s `told`): its readings are the reference's, claim for claim.
    claims = [c for c in data.draw(records(kit)) if c.agreement == "test-deal"]
    book = reduce_claims(claims)
    frame = reduce_columns(columns_from_claims(claims))
    index = ColumnIndex(frame, lambda rows: [claims[r] for r in rows], math.inf)
    built = index.events_at(list(range(len(frame))))

    def readings(event: Any) -> list[tuple[int | None, list[str]]]:
        return [(r.quantity, [c.id for c in r.claims]) for r in event.readings]

    assert [readings(e) for e in built] == [readings(e) for e in book.events]
    assert [e.quantity for e in built] == [e.quantity for e in book.events]


def test_the_seed_truce_is_the_same_every_six_hours() -> None:
    with (ROOT / "examples/agreements/gaza-2023-11.yaml").open(encoding="utf-8") as handle:
        spec = AgreementSpec.model_validate(YAML(typ="safe").load(handle))
    lines = (ROOT / "examples/claims/gaza-2023-11.jsonl").read_text(encoding="utf-8").splitlines()
    claims = [ClaimInput.model_validate(json.loads(line)).to_claim(spec.zone) for line in lines]
    start = datetime.fromisoformat("2023-11-22T00:00+02:00")
    disputed = 0
    for step in range(4 * 14):
        at = start + timedelta(hours=6 * step)
        state = evaluate(spec, claims, at)
        assert evaluate_columns(spec, claims, at) == state, at
        disputed += any(d["verdict_differs"] for d in state["disputes"])
    assert disputed  # the day-7 dispute is among the instants compared

"""Invariants of the engine over random records: order, replay, and monotonic delivery."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine import evaluate

HOSTAGES = {"party": "hamas", "subject": "hostages"}
TERMS: list[dict[str, Any]] = [
    {
        "id": "daily",
        "kind": "quota",
        "phase": "pause",
        **HOSTAGES,
        "at_least": 10,
        "per": "day",
        "exclude": ["foreign-nationals"],
    },
    {
        "id": "first",
        "kind": "quota",
        "phase": "pause",
        **HOSTAGES,
        "at_least": 30,
        "categories": ["women", "children"],
        "by": {"day": 3},
    },
    {
        "id": "exchange",
        "kind": "ratio",
        "phase": "pause",
        "party": "israel",
        "subject": "prisoners",
        "per_unit_of": HOSTAGES,
        "factor": 3,
    },
    {
        "id": "per-ten",
        "kind": "extension",
        "phase": "pause",
        "for_each": 10,
        "of": HOSTAGES,
        "beyond": 30,
        "max_days": 8,
    },
    {
        "id": "aid",
        "kind": "quota",
        "phase": "pause",
        "party": "israel",
        "subject": "aid-trucks",
        "type": "aid_delivery",
        "at_least": 100,
        "per": "day",
    },
    {
        "id": "batches",
        "kind": "ratio",
        "phase": "pause",
        "party": "israel",
        "subject": "prisoners",
        "per_unit_of": {**HOSTAGES, "exclude": ["foreign-nationals"]},
        "factors": {
            "women": 30,
            "children": 30,
            "civilian": 30,
            "female-soldier": 50,
            "deceased": 0,
        },
        "unweighted": ["living"],
        "per": "event",
    },
    {
        "id": "daily-batches",
        "kind": "ratio",
        "phase": "pause",
        "party": "israel",
        "subject": "prisoners",
        "per_unit_of": {**HOSTAGES, "categories": ["women", "children"]},
        "factor": 2.5,
        "exclude": ["minors"],
        "unweighted": ["civilian", "female-soldier", "foreign-nationals", "living", "deceased"],
        "per": "day",
    },
    {"id": "no-fire", "kind": "prohibition", "phase": "pause"},
    {
        "id": "women-first",
        "kind": "order",
        "phase": "pause",
        "first": {**HOSTAGES, "categories": ["women"]},
        "then": {**HOSTAGES, "categories": ["children"]},
    },
    {
        "id": "list",
        "kind": "pool",
        "party": "israel",
        "subject": "prisoners",
        "size": 200,
        "published": "2023-12-31T07:00",
        "objection_window": {"hours": 24},
    },
    {"id": "to-two", "kind": "gate", "phase": "two", "requires": ["first"]},
    {"id": "two-daily", "kind": "quota", "phase": "two", **HOSTAGES, "at_least": 5, "per": "day"},
]
PHASES = [
    {"id": "pause", "start": {"at": "2024-01-01T07:00"}, "duration": {"days": 4}, "max_days": 8},
    {"id": "two", "start": {"after": "pause"}, "duration": {"days": 2}},
]
ORIGIN = datetime(2023, 12, 31)
HOURS = 24 * 10
KINDS = {
    "hostages": ("release", "hamas", "hostages", ["women", "children", "foreign-nationals"]),
    "prisoners": ("release", "israel", "prisoners", ["women", "minors"]),
    "aid": ("aid_delivery", "israel", "aid-trucks", ["food", "fuel"]),
    "breach": ("breach", None, None, ["rocket-fire"]),
    "extension": ("ceasefire_extension", "qatar", None, []),
    "end": ("ceasefire_end", "israel", None, []),
}


@st.composite
def records(draw: Any, kit: Any) -> list[Claim]:
    claims: list[Claim] = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(
            st.sampled_from(
                ["hostages"] * 4 + ["prisoners"] * 3 + ["aid", "breach", "extension", "end"]
            )
        )
        type_, actor, subject, cats = KINDS[kind]
        moment = ORIGIN + timedelta(hours=draw(st.integers(0, HOURS)))
        day = draw(st.integers(0, 3)) == 0
        date = moment.date().isoformat() if day else moment.isoformat(timespec="minutes")
        if kind == "breach":
            actor = draw(st.sampled_from(["israel", "hamas"]))
        high = 3 if kind == "extension" else 25
        fields: dict[str, Any] = {
            "actor": actor,
            "subject": subject,
            "quantity": draw(st.one_of(st.none(), st.integers(0, high))),
            "categories": draw(st.lists(st.sampled_from(cats), max_size=2, unique=True))
            if cats
            else [],
            "event_id": draw(st.sampled_from([None, None, None, "e1", "e2"])),
            "status": draw(
                st.sampled_from(
                    ["reported", "reported", "confirmed", "alleged", "disputed", "retracted"]
                )
            ),
            "sources": [{"outlet": draw(st.sampled_from(["AP", "Reuters", "OCHA"]))}],
        }
        if claims and draw(st.integers(0, 5)) == 0:
            fields["supersedes"] = draw(st.sampled_from(claims)).id
        claims.append(kit.claim(type_, date, **fields))
    return claims


instants = st.integers(0, HOURS).map(lambda h: ORIGIN + timedelta(hours=h, minutes=30))


def _at(kit: Any, moment: datetime) -> datetime:
    return kit.when(moment.isoformat())


@settings(max_examples=50, deadline=None)
@given(data=st.data(), moment=instants, seed=st.integers(0, 2**32))
def test_claim_order_does_not_matter(kit: Any, data: Any, moment: datetime, seed: int) -> None:
    spec = kit.spec(TERMS, phases=PHASES)
    claims = data.draw(records(kit))
    shuffled = claims[:]
    random.Random(seed).shuffle(shuffled)
    at = _at(kit, moment)
    assert evaluate(spec, shuffled, at) == evaluate(spec, claims, at)


@settings(max_examples=50, deadline=None)
@given(data=st.data(), moment=instants, seed=st.integers(0, 2**32))
def test_replaying_the_record_gives_the_same_state(
    kit: Any, data: Any, moment: datetime, seed: int
) -> None:
    spec = kit.spec(TERMS, phases=PHASES)
    claims = data.draw(records(kit))
    at = _at(kit, moment)
    at_once = evaluate(spec, claims, at)
    order = claims[:]
    random.Random(seed).shuffle(order)
    ledger: list[Claim] = []
    for claim in order:  # appended one by one, as a ledger grows, evaluated at every step
        ledger.append(claim)
        evaluate(spec, ledger, at)
    assert evaluate(spec, ledger, at) == at_once


@settings(max_examples=50, deadline=None)
@given(
    data=st.data(),
    moment=instants,
    hour=st.integers(0, HOURS),
    quantity=st.integers(0, 25),
    women=st.booleans(),
    confirmed=st.booleans(),
)
def test_another_release_never_lowers_delivery(
    kit: Any, data: Any, moment: datetime, hour: int, quantity: int, women: bool, confirmed: bool
) -> None:
    spec = kit.spec(TERMS, phases=PHASES)
    claims = data.draw(records(kit))
    extra = kit.release(
        "hamas",
        quantity,
        (ORIGIN + timedelta(hours=hour)).isoformat(timespec="minutes"),
        categories=["women"] if women else [],
        status="confirmed" if confirmed else "reported",
    )
    at = _at(kit, moment)
    before = evaluate(spec, claims, at)
    after = evaluate(spec, [*claims, extra], at)
    # Quotas of the pause phase, whose fixed clock no release can move, counting hamas's hostages.
    counted = {"daily", "first"}
    old = {o["id"]: o["delivered"] for o in before["obligations"] if o["term"] in counted}
    new = {o["id"]: o["delivered"] for o in after["obligations"] if o["term"] in counted}
    assert set(old) == set(new)
    for key, value in old.items():
        assert (new[key] or 0) >= (value or 0), key

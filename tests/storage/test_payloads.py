"""The payload text an append writes is `canonical(claim.payload())`, byte for byte."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claim_fields import OPTIONAL_PAYLOAD_KEYS, PAYLOAD_KEYS
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, EventType, Source
from truce.domain.readings import Qualifier
from truce.storage.chain import CLAIM_PAYLOAD, canonical
from truce.storage.payloads import PayloadWriter

texts = st.text(max_size=12)  # any characters: quotes, backslashes, controls, non-ASCII
maybe = st.none() | texts
sources = st.builds(
    Source, outlet=maybe, url=maybe, speaker=maybe, role=maybe, anonymous=st.booleans(), via=maybe
)
extras = st.dictionaries(
    texts, st.none() | st.integers() | texts | st.lists(st.integers(), max_size=3), max_size=3
)
dates = st.builds(
    lambda minutes, offset: (
        datetime(2023, 11, 24, tzinfo=UTC).astimezone(timezone(timedelta(hours=offset)))
        + timedelta(minutes=minutes, microseconds=minutes % 7)
    ),
    st.integers(-10_000, 10_000),
    st.integers(-12, 12),
)
claims = st.builds(
    Claim,
    id=st.just("c0"),
    agreement=texts,
    type=st.sampled_from(list(EventType)),
    date=dates,
    date_precision=st.sampled_from(list(DatePrecision)),
    event_id=maybe,
    actor=maybe,
    target=maybe,
    quantity=st.none() | st.integers(0, 10**12),
    subject=maybe,
    categories=st.lists(texts, max_size=3).map(tuple),
    status=st.sampled_from(list(ClaimStatus)),
    sources=st.lists(sources, max_size=3).map(tuple),
    quote=maybe,
    reliability=maybe,
    location=maybe,
    supersedes=maybe,
    notes=maybe,
    phase=maybe,
    extra=extras,
    qualifier=st.sampled_from(list(Qualifier)),
)


@settings(max_examples=400)
@given(st.lists(claims, min_size=1, max_size=4))
def test_the_written_payload_is_the_canonical_payload(batch: list[Claim]) -> None:
    writer = PayloadWriter()  # one writer per batch, as an append uses it: its caches shared
    for claim in batch:
        assert writer.text(claim) == canonical(claim.payload())


def test_odd_values_take_the_long_way_with_the_same_result() -> None:
    writer = PayloadWriter()
    base: dict[str, Any] = {
        "id": "c1",
        "agreement": "a",
        "type": EventType.RELEASE,
        "date": datetime(2023, 11, 24, tzinfo=UTC),
    }
    for odd in ({"quantity": True}, {"actor": 7}, {"extra": {"k": (1, 2)}}):
        claim = Claim(**{**base, **odd})
        assert writer.text(claim) == canonical(claim.payload())


@settings(max_examples=100)
@given(claims)
def test_the_fast_path_fills_every_slot_of_the_template(claim: Claim) -> None:
    # The long way gives the same text, so only this shows the fast path is the one taken:
    # a field added to the definition (and so to CLAIM_PAYLOAD) but not to the writer fails here.
    values = PayloadWriter().values(claim)
    assert len(values) == CLAIM_PAYLOAD.count("%s")
    assert CLAIM_PAYLOAD % values == canonical(claim.payload())


def test_the_template_is_the_canonical_payload_with_a_slot_per_value() -> None:
    marked = {key: f"<{key}>" for key in PAYLOAD_KEYS}
    expected = canonical(marked)
    for key in OPTIONAL_PAYLOAD_KEYS:  # a member present only when set: one slot for it all
        expected = expected.replace(f'"{key}":"<{key}>",', "%s")
    for key in PAYLOAD_KEYS:
        expected = expected.replace(f'"<{key}>"', "%s")
    assert expected == CLAIM_PAYLOAD

"""The leading claim of an event whose best claims tie on everything but their ids: the least id,
found in bulk from the ids' words (`claim_columns.id_words`) as the loop over strings finds it,
for ids of one UTF-8 length of any width (under a word, a word, over two), any code points (NUL,
accents, a clef), and one id held twice."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.claims import Claim
from truce.domain.engine.claim_columns import columns_from_claims, id_words
from truce.domain.engine.frame import reduce_columns

# Each alphabet's letters have one UTF-8 length, so ids drawn from one have one length too.
ALPHABETS = ["ab\x00z~", "éüß", "✓€", "𝄞😀"]


@st.composite
def tied_records(draw: Any, kit: Any) -> list[Claim]:
    letters = draw(st.sampled_from(ALPHABETS))
    width = draw(st.sampled_from([1, 3, 8, 9, 17]))
    ids = st.text(letters, min_size=width, max_size=width)
    claims = []
    for _ in range(draw(st.integers(1, 30))):
        claim = kit.claim(
            "release",
            draw(st.sampled_from(["2024-01-01T12:00", "2024-01-02"])),
            # What the leading claim gives the event: a wrong lead shows in the frame.
            actor=draw(st.sampled_from(["hamas", "israel", "qatar", None])),
            subject=draw(st.sampled_from(["hostages", "prisoners"])),
            quantity=draw(st.sampled_from([None, 3, 4])),
            event_id=draw(st.sampled_from(["e1", "e2", "e3"])),
            status=draw(st.sampled_from(["reported", "reported", "confirmed"])),
            reliability=draw(st.sampled_from([None, "B2"])),
            sources=[{"outlet": draw(st.sampled_from(["AP", "Reuters"]))}],
        )
        claims.append(dataclasses.replace(claim, id=draw(ids)))
    if draw(st.booleans()):  # one claim held twice
        claims.append(claims[draw(st.integers(0, len(claims) - 1))])
    return claims


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_least_id_in_bulk_is_the_loops(kit: Any, data: Any) -> None:
    claims = data.draw(tied_records(kit))
    columns = columns_from_claims(claims)
    assert columns.id_words is not None  # one length: the bulk path runs
    bulk = reduce_columns(columns)
    loop = reduce_columns(dataclasses.replace(columns, id_words=None))
    for field in dataclasses.fields(bulk):
        mine, theirs = getattr(bulk, field.name), getattr(loop, field.name)
        assert str(mine) == str(theirs), field.name


@given(st.lists(st.text("a\x00é✓𝄞", min_size=5, max_size=5), min_size=1, max_size=20))
def test_the_words_order_as_the_ids(texts: list[str]) -> None:
    encoded = [t.encode() for t in texts]
    if len({len(e) for e in encoded}) != 1:
        return
    words = id_words(b"".join(encoded), len(texts))
    assert words is not None
    assert sorted(range(len(texts)), key=lambda i: tuple(words[i])) == sorted(
        range(len(texts)), key=lambda i: (texts[i], i)
    )

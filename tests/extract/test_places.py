"""The place of an event as the text names it. Invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.components.places import place_in
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract


@pytest.mark.parametrize(
    ("evidence", "place"),
    [
        ("Borduria accused Ruritania of shelling in Khan Younis overnight", "Khan Younis"),
        ("the prisoners were released at Ruritania's Zenda Prison", "Zenda Prison"),
        ("talks held in the Ruritanian city of Strelsau", "Strelsau"),
        ("a truce took effect in the war-torn Zenda Valley", "Zenda Valley"),
        ("three people were wounded trying to reach north Zenda", "north Zenda"),
        ("the hostages were handed over to the Red Cross in Deir al-Balah", "Deir al-Balah"),
        ("the truce began on Friday in March", None),
        ("a statement on Telegram by the Ministry", None),
    ],
)
def test_the_place_after_a_preposition_of_place(evidence: str, place: str | None) -> None:
    assert place_in(evidence) == place


def test_a_breach_alleged_with_a_place_carries_it() -> None:
    text = "Borduria accused Ukraine of shelling in Khan Younis on Monday, breaching the truce."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    breaches = [c for c in extract(build_pipeline(), article) if c.type == "breach"]
    assert breaches and breaches[0].location == "Khan Younis"


@pytest.mark.parametrize(
    ("evidence", "place"),
    [
        ("airstrikes hit the towns of Zenda, Strelsau and Hentzau", "Zenda, Strelsau and Hentzau"),
        (
            "troops opened fire in the direction of Zenda, Tarlenheim and Hentzau settlements",
            "Zenda, Tarlenheim and Hentzau",
        ),
        ("fighting continued around Zenda overnight", "Zenda"),
        ("the forces pushed towards Strelsau", "Strelsau"),
        ("the bombardment of Zenda killed 12", "Zenda"),
        ("talks at his residence near the capital Strelsau", "Strelsau"),
        ("drone strikes on Borduria's refineries", "Borduria"),
        ("strikes on Iranian nuclear sites", None),
        # A list stops at what is no place: an institution, a possessor, a demonym.
        ("talks held in Strelsau, Ukraine's intelligence chief said", "Strelsau"),
        ("the fighting in Zenda and Red Cross teams", "Zenda"),
    ],
)
def test_more_ways_of_naming_where(evidence: str, place: str | None) -> None:
    assert place_in(evidence) == place


def test_the_new_cues_switched_off() -> None:
    from truce.extract.switches import switched_off

    with switched_off(["place.more_cues", "place.lists"]):
        assert place_in("fighting continued around Zenda overnight") is None
        assert place_in("airstrikes hit the towns of Zenda, Strelsau and Hentzau") is None


@pytest.mark.parametrize(
    ("evidence", "place"),
    [
        ("The halt took effect at 5 p.m., the minister told reporters in Strelsau", None),
        ("the deal would last 42 days, he told a news conference in Zenda", None),
        ("Speaking in Strelsau, he said the shelling in Zenda went on", "Zenda"),
        # Where the authorities that count are is where the dead were counted.
        ("31 people were killed, said health authorities in Zenda", "Zenda"),
    ],
)
def test_where_a_speaker_spoke_is_not_where_the_event_happened(
    evidence: str, place: str | None
) -> None:
    from truce.extract.switches import switched_off

    assert place_in(evidence) == place
    if place is None:
        with switched_off(["place.not_speakers"]):
            assert place_in(evidence) is not None


def test_a_truce_holds_where_the_text_says_not_where_ships_enter_under_it() -> None:
    from truce.extract.switches import switched_off

    text = (
        "Borduria and Ruritania agreed to a two-month truce starting Saturday and to allow "
        "fuel ships to enter Zenda port, the envoy said."
    )
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    nlp = build_pipeline()
    starts = [c for c in extract(nlp, article) if c.type == "ceasefire_start"]
    assert starts and starts[0].location is None
    with switched_off(["place.truce_where"]):
        starts = [c for c in extract(nlp, article) if c.type == "ceasefire_start"]
    assert starts and starts[0].location == "Zenda"
    held = "A two-month truce came into force in war-torn Zenda on Saturday."
    article = Article(text=held, document="t", published=date(2031, 5, 6))
    starts = [c for c in extract(nlp, article) if c.type == "ceasefire_start"]
    assert starts and starts[0].location == "Zenda"


def test_the_places_a_whole_text_names_are_kept_per_set_of_rules_switched_off() -> None:
    """`_named` keeps the place each phrase names from report to report; a rule switched off
    changes what a phrase names, and the kept answer must not stand in for it."""
    from truce.extract import switches
    from truce.extract.components.places import _named, _place_named
    from truce.extract.switches import switched_off

    phrase = "in Ruritania's"
    assert _place_named(phrase, switches.off()) == place_in(phrase) == "Ruritania"
    with switched_off(["place.more_cues"]):
        assert _place_named(phrase, switches.off()) == place_in(phrase) == "Ruritania's"
    assert _place_named(phrase, switches.off()) == "Ruritania"
    text = "Shelling in Gaza and talks in Cairo. More shelling in Gaza."
    assert [p["name"] if p else None for p in _named(text, frozenset())] == [
        "Gaza",
        "Cairo",
        "Gaza",
    ]


@pytest.mark.parametrize(
    ("evidence", "place"),
    [
        ("Residents welcomed the Gaza truce", "Gaza"),
        ("the Gaza cease-fire held", "Gaza"),
        ("the Lebanon ceasefire held", "Lebanon"),
        ("Residents welcomed the Gaza Truce", None),  # the truce words as written, lower case
        ("Residents welcomed the Gaza deal", None),
    ],
)
def test_a_place_a_truce_is_named_after(evidence: str, place: str | None) -> None:
    assert place_in(evidence) == place

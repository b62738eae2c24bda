"""Branch `exdates5`: rule `attribution.claimed_toll`, "claimed" before lives tells a toll, not
speech. Invented sentences only (names, places and figures made up; states are the
gazetteer's)."""

from __future__ import annotations

import pytest

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        (
            "The Varnish bombing of Lomar has claimed over 250 civilian lives, while 800 have "
            "been wounded.",
            "Varnish bombing of Lomar",
        ),
        (
            "Fighting in Nagorno-Karabakh has claimed the lives of dozens of people in the past "
            "four days.",
            "Fighting in Nagorno-Karabakh",
        ),
    ],
)
def test_the_cause_of_a_toll_is_no_speaker(text: str, cause: str) -> None:
    (toll,) = of_type("casualty_claim", text)
    assert toll.source.speaker is None
    with switched_off(["attribution.claimed_toll"]):
        (toll,) = of_type("casualty_claim", text)
        assert toll.source.speaker == cause  # what the rule stops


def test_the_speaker_after_a_toll_speaks() -> None:
    text = "The shelling claimed 12 lives on Tuesday, the Lebanese health ministry said."
    (toll,) = of_type("casualty_claim", text)
    assert toll.source.speaker == "Lebanese health ministry"


@pytest.mark.parametrize(
    ("text", "kind", "speaker"),
    [
        ("Israel claimed 12 Hamas fighters were killed in the raid.", "casualty_claim", "Israel"),
        ("Hamas claimed that Israel had violated the truce by shelling a camp.", "breach", "Hamas"),
    ],
)
def test_a_claim_that_is_speech_keeps_its_speaker(text: str, kind: str, speaker: str) -> None:
    (event,) = of_type(kind, text)
    assert event.source.speaker == speaker

"""Casualty claims: headline tolls without an auxiliary, tolls the text does not count, and the
side whose weapon caused them. Invented sentences."""

from __future__ import annotations

from datetime import date
from typing import Any

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract

NLP = build_pipeline()


def claims(text: str) -> list[dict[str, Any]]:
    article = Article(text=text, document="t", published=date(2031, 11, 29))
    return [c.as_dict() for c in extract(NLP, article) if c.type == "casualty_claim"]


def test_a_headline_toll_without_auxiliary_is_counted() -> None:
    (claim,) = claims("3 civilians killed, 14 wounded near the Zenda checkpoint")
    assert [(q["value"], q["unit"]) for q in claim["quantities"]] == [
        (3, "killed"),
        (14, "wounded"),
    ]


def test_several_or_a_number_of_wounded_is_a_claim_without_a_count() -> None:
    for text in (
        "Several people were wounded when the market in Zenda was shelled on Monday.",
        "A number of civilians were injured in the strike, the ministry said.",
        "The strike killed several civilians in Zenda.",
        "There were deaths and injuries among the civilian population.",
    ):
        found = claims(text)
        assert len(found) == 1 and found[0]["quantities"] == [], text


def test_the_wounded_as_a_noun_is_no_claim() -> None:
    assert claims("The wounded were taken to hospital in Zenda.") == []


def test_the_side_whose_weapon_killed_is_the_actor_not_the_speaker() -> None:
    (claim,) = claims("Hamas said Israeli shelling in Khan Younis killed three people on Monday.")
    assert claim["actor"] == "israel" and claim["location"] == "Khan Younis"

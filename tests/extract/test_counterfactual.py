"""What was supposed to happen did not: a counterfactual trigger yields no event, while the
real event of the same sentence stays. Invented sentences."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract

NLP = build_pipeline()


def kinds(text: str) -> list[tuple[str, str]]:
    article = Article(text=text, document="t", published=date(2031, 11, 29))
    return [(c.type, c.modality) for c in extract(NLP, article)]


def test_a_pause_supposed_to_expire_but_extended_did_not_end() -> None:
    found = kinds("The pause, supposed to expire on Tuesday morning, was extended by two days.")
    assert ("ceasefire_extension", "occurred") in found
    assert not [k for k in found if k[0] == "ceasefire_end"]


def test_a_release_that_was_meant_to_happen_is_no_release() -> None:
    assert not [
        k
        for k in kinds("Ten prisoners meant to be freed on Monday are still held.")
        if k[0] == "release"
    ]


def test_a_scheduled_expiry_is_still_a_planned_end() -> None:
    assert ("ceasefire_end", "planned") in kinds("The truce is scheduled to expire on Friday.")


def test_a_trigger_after_the_counterfactual_one_still_counts() -> None:
    text = "The truce, which was supposed to end on Monday, ended on Wednesday after the talks."
    assert ("ceasefire_end", "occurred") in kinds(text)

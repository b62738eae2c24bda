"""A truce's planned end told by when it lasts until (rule `end.until_planned`), on invented
sentences: the end is planned, dated by the time the "until" opens; a truce extended, a fight
that went on, a range of figures or a truce that lasted stay out. Switched off, each is lost."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


def _ends(text: str, off: tuple[str, ...] = ()) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2024, 6, 12))
    with switched_off(["learn.recall", *off]):
        return [c for c in extract(_NLP, article) if c.type == "ceasefire_end"]


def test_a_schedule_until_a_day_is_a_planned_end_on_that_day() -> None:
    for text, day in (
        (
            "The rebels said the ceasefire will last until July 20 in the eastern hills.",
            "2024-07-20",
        ),
        ("The army said the truce would run until June 30 to let the harvest in.", "2024-06-30"),
        ("The pause, which is to last until June 16, took effect at dawn.", "2024-06-16"),
        (
            "A ceasefire will take effect at midnight on June 14 and continue through June 17.",
            "2024-06-17",
        ),
        ("The president ordered a ceasefire in the valley from June 14 to June 18.", "2024-06-18"),
        (
            "The truce agreed in the capital is scheduled to remain in effect until August 1.",
            "2024-08-01",
        ),
    ):
        (end,) = _ends(text)
        assert end.modality == "planned", text
        assert end.date is not None and end.date.isoformat().startswith(day), text
        assert _ends(text, ("end.until_planned",)) == [], text


def test_a_schedule_to_an_hour_with_no_day_read_is_still_an_end() -> None:
    (end,) = _ends("The truce would take effect from 6 p.m. on Saturday until midnight tonight.")
    assert end.modality == "planned"


def test_what_is_not_a_planned_end_stays_out() -> None:
    for text in (
        # the extension tells the new end
        "The army extended the ceasefire until the end of July.",
        "The truce, extended on Monday, will last until July 20.",
        # the fighting went on, not the truce
        "The ceasefire was meant to begin at midnight but clashes continued until 3 a.m.",
        # a range of figures, no time
        "The ceasefire will let from 50 to 80 trucks a day into the city.",
        # what lasted: no schedule
        "The ceasefire, which ran from March 1 to March 9, was broken twice.",
        # no truce named
        "The market will stay open until July 20 for the festival.",
    ):
        assert _ends(text) == [], text


def test_a_weekday_a_schedule_lasts_until_lies_ahead() -> None:
    # Published on Wednesday 12 June 2024: the Tuesday a truce "is to last until" is the 18th.
    text = "The pause, which is to last until at least Tuesday morning, took effect on Monday."
    (end,) = _ends(text)
    assert end.date is not None and end.date.isoformat().startswith("2024-06-18")
    (before,) = _ends(text, ("date.until_ahead",))
    assert before.date is not None and before.date.isoformat().startswith("2024-06-11")
    # What lasted is told in the past: the Tuesday before.
    article = Article(
        text="The curfew lasted until Tuesday, when the ceasefire took effect.",
        document="t",
        published=date(2024, 6, 12),
    )
    with switched_off(["learn.recall"]):
        found = [c for c in extract(_NLP, article) if c.date is not None]
    assert all(not c.date.isoformat().startswith("2024-06-18") for c in found)

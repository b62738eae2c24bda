"""One event told twice in a document (headline and body, or two paragraphs) is one candidate
that keeps every span. Invented sentences."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract

NLP = build_pipeline()


def run(text: str, title: str | None = None) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2031, 5, 6), title=title)
    return extract(NLP, article)


def test_a_headline_restated_by_the_body_is_one_breach_spanning_both() -> None:
    text = (
        "Ukraine accuses Russia of violating truce near Zenda\n\n"
        "Ukraine on Tuesday accused Russia of violating the ceasefire with shelling "
        "near Zenda, the defence ministry said."
    )
    found = [c for c in run(text) if c.type == "breach"]
    assert len(found) == 1
    (breach,) = found
    body = text.index("Ukraine on Tuesday")
    assert breach.span[0] >= text.index("\n")  # the fuller, body mention is the evidence
    assert len(breach.mentions) == 2 and breach.mentions[0][0] < text.index("\n") < body
    assert breach.as_dict()["mentions"] == [list(m) for m in breach.mentions]


def test_the_same_release_in_two_paragraphs_is_one_event() -> None:
    text = (
        "Russia released 42 prisoners on Monday.\n\n"
        "The talks went on.\n\n"
        "Russia released 42 prisoners on Monday, officials in Moscow confirmed later."
    )
    releases = [c for c in run(text) if c.type == "release"]
    assert len(releases) == 1 and len(releases[0].mentions) == 2


def test_different_counts_or_parties_stay_apart() -> None:
    text = (
        "Russia released 42 prisoners on Monday.\n\n"
        "Russia released 17 prisoners on Monday.\n\n"
        "Ukraine released 42 prisoners on Monday."
    )
    releases = [c for c in run(text) if c.type == "release"]
    assert len(releases) == 3 and all(c.as_dict()["mentions"] == [list(c.span)] for c in releases)


def test_a_text_cut_short_is_no_headline() -> None:
    text = (
        "Ukraine accused Russia of violating the ceasefire near Zenda on Monday.\n\n"
        "In a separate incident Russia accused Ukraine of violating the truce near Moscow"
    )
    assert len([c for c in run(text) if c.type == "breach"]) == 2


def test_a_truce_starting_told_twice_on_one_day_is_one_start() -> None:
    # The second sentence also plans a release: another kind in the sentence does not keep the
    # start apart (only halves of an exchange share a span and stay two).
    text = (
        "Officials in Doha said the truce in Zenda will begin on Friday, May 9.\n\n"
        "The truce will begin at 7am on Friday, May 9, and 12 hostages will be freed.\n\n"
        "The rebels confirmed that the truce will start at 7am on May 9."
    )
    starts = [c for c in run(text) if c.type == "ceasefire_start"]
    assert len(starts) == 1 and len(starts[0].mentions) == 3


def test_truce_starts_on_two_days_stay_apart() -> None:
    text = (
        "The truce in Zenda will begin on Friday, May 9.\n\n"
        "A second truce in Marrow will begin on Monday, May 12."
    )
    assert len([c for c in run(text) if c.type == "ceasefire_start"]) == 2


def test_a_headline_with_its_own_reading_of_a_weekday_still_merges_with_the_body() -> None:
    # The headline's "Friday" may be read as another day than the body's dated one.
    text = (
        "Truce in Zenda to begin Friday, Qatar says\n\n"
        "A truce between Israel and Hamas will begin on May 9, Qatar said on Tuesday."
    )
    starts = [c for c in run(text) if c.type == "ceasefire_start"]
    assert len(starts) == 1 and starts[0].span[0] >= text.index("\n")

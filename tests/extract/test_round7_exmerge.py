"""Rule `doc.fullest_mention`: a merged event is read from the mention that tells most of it,
not from its headline or teaser. Invented sentences."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

NLP = build_pipeline()
HEADLINE = "Ukraine accuses Russia of violating truce"


def run(text: str, title: str | None = None, off: tuple[str, ...] = ()) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2031, 5, 6), title=title)
    with switched_off(list(off)):
        return extract(NLP, article)


def one(found: list[Candidate], kind: str) -> Candidate:
    (c,) = [c for c in found if c.type == kind]
    return c


def test_a_headline_run_into_a_bare_lead_gives_way_to_the_fuller_body() -> None:
    text = (
        f"{HEADLINE}\nUkraine accused Russia of violating the ceasefire, officials said.\n\n"
        "The talks went on.\n\n"
        "Ukraine on Tuesday accused Russia of violating the truce near Zenda."
    )
    body = text.index("Ukraine on Tuesday")
    breach = one(run(text, HEADLINE), "breach")
    assert breach.span[0] >= body and breach.location == "Zenda"
    # The headline line is a sentence of its own (`sentences.headline_line`): three mentions.
    assert len(breach.mentions) == 3 and breach.mentions[0] == (0, len(HEADLINE))
    # Glued to its lead (`sentences.headline_line` not firing), the headline and its lead are
    # one mention: the rule reads the body; without it the merge keeps the longer first one.
    glued = ("sentences.headline_line",)
    assert one(run(text, HEADLINE, glued), "breach").span[0] >= body
    off = one(run(text, HEADLINE, (*glued, "doc.fullest_mention")), "breach")
    assert off.span[0] < body


def test_a_headline_whose_lead_tells_more_keeps_the_lead() -> None:
    text = (
        f"{HEADLINE}\nUkraine accused Russia of violating the ceasefire near Zenda on Tuesday, "
        "officials said.\n\n"
        "The talks went on.\n\n"
        "Ukraine accused Russia of violating the truce."
    )
    breach = one(run(text, HEADLINE), "breach")
    assert breach.span[1] <= text.index("\n\n") and breach.location == "Zenda"
    assert len(breach.mentions) == 3


def test_a_long_teaser_gives_way_to_the_body_with_the_day_and_the_place() -> None:
    text = (
        "Russia freed 42 Ukrainian prisoners of war in an exchange that both capitals welcomed "
        "as a sign of goodwill.\n\n"
        "The talks went on.\n\n"
        "Russia freed 42 prisoners near Sumy on Monday, the defence ministry in Kyiv said."
    )
    body = text.index("Russia freed 42 prisoners near")
    release = one(run(text), "release")
    assert release.span[0] >= body and release.location == "Sumy"
    assert release.source.speaker is not None and "ministry" in release.source.speaker
    assert release.date is not None and release.date.day == 5
    assert [m[0] < body for m in release.mentions] == [True, False]
    off = one(run(text, off=("doc.fullest_mention",)), "release")
    assert off.span[0] < body and off.location is None and off.source.speaker is None


def test_a_fuller_first_mention_stays_the_span() -> None:
    text = (
        "Russia freed 42 Ukrainian prisoners of war near Sumy on Monday, in an exchange that "
        "both capitals welcomed.\n\n"
        "The talks went on.\n\n"
        "Russia freed 42 prisoners."
    )
    release = one(run(text), "release")
    assert release.span[1] <= text.index("\n\n") and release.location == "Sumy"
    assert len(release.mentions) == 2


def test_a_speakers_next_turn_telling_no_more_leaves_the_first() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky said on Monday that the truce with Russia had "
        "to hold. He said it again."
    )
    statement = one(run(text), "statement")
    assert statement.span[0] == 0 and len(statement.mentions) == 2


def test_a_headline_run_into_its_lead_loses_a_tie_to_the_body() -> None:
    text = (
        f"{HEADLINE}\nUkraine on Tuesday accused Russia of violating the ceasefire, officials "
        "said.\n\n"
        "The talks went on.\n\n"
        "Ukraine accused Russia of violating the truce on Tuesday."
    )
    body = text.index("Ukraine accused Russia of violating the truce on")
    # A headline glued to its lead (no line of its own: `sentences.headline_line` not firing).
    glued = ("sentences.headline_line",)
    assert one(run(text, HEADLINE, glued), "breach").span[0] >= body

"""exmerge: a speaker's turn split where a sentence opens on its own reporting clause, and a
count both sides gave told in other words than "exchanged N each" (invented sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()
_FIRST = (
    "Ukrainian President Volodymyr Zelensky told reporters that Ukraine would respect the truce. "
)


def _found(text: str, kind: str, off: tuple[str, ...] = ()) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2022, 9, 14))
    with switched_off(list(off)):
        return [c for c in extract(_NLP, article) if c.type == kind]


def _said(text: str, off: tuple[str, ...] = ()) -> list[str]:
    return [text[c.span[0] : c.span[1]] for c in _found(text, "statement", off)]


@pytest.mark.parametrize(
    "text",
    [
        _FIRST + 'He said: "We will not give up a metre of our land."',
        _FIRST + "He also said at a briefing in Kyiv that the army would keep its positions.",
    ],
)
def test_a_pronoun_opening_its_own_reporting_clause_is_a_statement_of_its_own(text: str) -> None:
    assert len(_said(text)) == 2
    assert len(_said(text, ("statement.turn_pronoun_saying",))) == 1


def test_the_speaker_named_again_opens_a_statement_of_its_own() -> None:
    text = _FIRST + "Zelensky said on Tuesday that Russia was shelling Kharkiv every night."
    assert len(_said(text)) == 2
    assert len(_said(text, ("statement.turn_named_saying",))) == 1


def test_a_quotation_with_the_speaker_after_it_stays_in_the_turn() -> None:
    text = _FIRST + "Russia was shelling Kharkiv every night, Zelensky said."
    assert len(_said(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine completed a prisoner swap on Friday, each side receiving 80 soldiers.",
        "Russia and Ukraine completed a prisoner swap on Friday, each bringing home 80 soldiers.",
        "Russia and Ukraine swapped prisoners on Friday, 80 soldiers from each side.",
    ],
)
def test_a_count_each_side_gave_is_two_releases(text: str) -> None:
    assert [c.quantities[0].value for c in _found(text, "release")] == [80, 80]
    assert len(_found(text, "release", ("release.each_side_told",))) == 1


def test_a_count_given_for_the_same_count_is_two_releases() -> None:
    text = "A large prisoner exchange took place on Friday: 300 for 300 prisoners."
    assert len(_found(text, "release")) == 2


def test_a_count_of_one_side_stays_one_release() -> None:
    text = "Russia and Ukraine completed a prisoner swap on Friday; Ukraine received 80 soldiers."
    assert len(_found(text, "release")) == 1

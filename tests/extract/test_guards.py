"""check_article refuses what the pipeline cannot use, under the readers' codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from truce.extract.guards import HINTS, MAX_TEXT_CHARS, check_article, check_text
from truce.extract.model import Article

GOLD_DOCUMENTS = Path(__file__).resolve().parents[2] / "eval" / "gold" / "documents"
FRENCH = (
    "Le cessez-le-feu entre les deux camps est entré en vigueur vendredi matin, a annoncé le "
    "médiateur, qui a salué un premier pas. Les otages doivent être libérés en échange de "
    "prisonniers au cours des quatre jours de trêve, selon un responsable."
)


def article(text: str) -> Article:
    return Article(text=text, document="built-in-code")


@pytest.mark.parametrize("path", sorted(GOLD_DOCUMENTS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_gold_report_passes(path: Path) -> None:
    assert check_article(article(path.read_text(encoding="utf-8"))) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "X103"),
        (" \n\t ", "X103"),
        ("the talks went on " * 400_000, "X105"),
        ("the talks\x00went on " * 50, "X102"),
        ("\x01\x02\x03\x04 the talks " * 50, "X102"),
        (FRENCH, "X104"),
        ("Переговоры о прекращении огня продолжились в столице в среду вечером " * 3, "X104"),
    ],
    ids=["empty", "blank", "enormous", "nul", "control", "french", "cyrillic"],
)
def test_unusable_text_gets_its_code_and_a_next_step(text: str, code: str) -> None:
    problem = check_article(article(text))
    assert problem is not None and problem.code == code
    assert problem.message and problem.hint == HINTS[code]


def test_a_short_headline_is_not_judged_for_language() -> None:
    assert check_text("Cessez-le-feu à Gaza") is None


def test_the_size_limit_is_a_limit_not_a_truncation() -> None:
    words = "the hostages were freed and the truce held "
    at_limit = (words * (MAX_TEXT_CHARS // len(words) + 1))[:MAX_TEXT_CHARS]
    assert check_text(at_limit) is None
    problem = check_text(at_limit + "x")
    assert problem is not None and problem.code == "X105"


def test_every_code_in_the_catalogue_says_what_to_do_next() -> None:
    readers = sorted(code for code in HINTS if code.startswith("X1") and code != "X199")
    assert readers == [f"X1{n:02d}" for n in range(1, len(readers) + 1)]
    # A fault in the pipeline, and a document giving too many candidates.
    assert sorted(set(HINTS) - set(readers)) == ["X199", "X600"]
    assert all(hint.strip() for hint in HINTS.values())

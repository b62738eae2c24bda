"""Round 10, branch `exfields2`: dates and attribution on real reports, as classes. Invented
sentences only (names, places and figures made up; states are the gazetteer's)."""

from __future__ import annotations

import pytest

from tests.extract.invented import candidates
from truce.extract.components.title_holders import _office, name_title_holders
from truce.extract.model import Candidate, SourceRef
from truce.extract.switches import switched_off

# --- speakers.title_holder ---------------------------------------------------------------


def _speakers(text: str) -> list[str | None]:
    return [c.source.speaker for c in candidates(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name longer than the attribution's three words, an honorific before it
        (
            "Qatar has brokered a truce between the two sides, Qatari Foreign Minister Sayyid "
            "Nasser bin Khalid bin Saeed Almarri said in a statement on Tuesday.",
            "Nasser bin Khalid bin Saeed Almarri",
        ),
        # the title with a nationality where it speaks, the name with the office further on
        (
            "Egypt's foreign minister said on Monday that the ceasefire would hold. Rockets were "
            "fired at dawn. Markets reopened in the afternoon. "
            '"Calm will be met with calm," Foreign Minister Karim Halawa told state radio.',
            "Karim Halawa",
        ),
    ],
)
def test_a_bare_title_is_the_person_named_with_its_office(text: str, name: str) -> None:
    assert _speakers(text)[0] == name
    with switched_off(["speakers.title_holder"]):
        assert _speakers(text)[0] != name


def test_a_title_another_candidate_gave_as_role_is_that_person() -> None:
    first = Candidate(type="statement", span=(0, 10), document="t")
    first.source = SourceRef("Marta Quental", "Angolan Head of State")
    later = Candidate(type="statement", span=(20, 30), document="t")
    later.source = SourceRef("Angolan Head of State")
    name_title_holders([first, later], "no name after any office in this text")
    assert later.source.speaker == "Marta Quental"
    assert later.source.role == "Angolan Head of State"


@pytest.mark.parametrize(
    "text",
    [
        # two people hold the office in the text: which one spoke is not known
        "Egypt's foreign minister said on Monday that the ceasefire would hold. Former Foreign "
        "Minister Karim Halawa and Foreign Minister Samir Tawfik both attended the talks.",
        # no one is named with it
        "Egypt's foreign minister said on Monday that the ceasefire would hold.",
    ],
)
def test_a_title_with_no_single_holder_stays(text: str) -> None:
    assert _speakers(text)[0] == "Egyptian foreign minister"


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("Omani Foreign Minister", "Foreign Minister"),
        ("Israeli foreign minister", "foreign minister"),
        ("the Angolan Head of State", "Head of State"),
        # a body speaks as itself, not as its head
        ("Israeli prime minister's office", None),
        ("Qatari Foreign Ministry", None),
        ("Egyptian government", None),
        # a person's name, no title
        ("Karim Halawa", None),
    ],
)
def test_only_a_persons_title_is_looked_up(title: str, office: str | None) -> None:
    assert _office(title) == office
